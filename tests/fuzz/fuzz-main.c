/* fuzz-main.c: one fuzz target as a libFuzzer program
 *
 * Built once per target with CIRO_FUZZ_TARGET set to its name
 * (meson -Dfuzzing=true, clang). See README.md, "Fuzzing".
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>

#include "ciro-fuzz.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static CiroFuzzFunc target;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  const CiroFuzzTarget *t = ciro_fuzz_target_find (CIRO_FUZZ_TARGET);

  if (t == NULL)
    abort ();
  target = t->func;
  /* no clock or locale should change what an input does */
  g_setenv ("CIRO_NOW", "2025-06-15 12:00:00", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  ciro_fuzz_quiet_log ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  target (data, size);
  return 0;
}
