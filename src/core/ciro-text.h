/* ciro-text.h: Turkish-aware casing
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Upper-cases with Turkish rules whatever the process locale:
 * i → İ, ı → I, then the Unicode upper case of everything else. */
char    *ciro_tr_upper       (const char *text);
/* Lower-cases with Turkish rules: I → ı, İ → i. */
char    *ciro_tr_lower       (const char *text);
/* A key for case-insensitive comparison and search with Turkish rules
 * (Turkish lower case, NFKC-normalised). */
char    *ciro_tr_fold        (const char *text);
gboolean ciro_tr_equal_fold  (const char *a, const char *b);
/* TRUE when haystack contains needle, both compared with ciro_tr_fold. */
gboolean ciro_tr_contains    (const char *haystack, const char *needle);
/* A key for a search box: ciro_tr_fold, then every letter reduced to its
 * base (ı → i, ş → s, ğ → g, ç → c, ö → o, ü → u, â → a, é → e), so a
 * seller typing without Turkish letters ("bicak") finds "Bıçak Seti",
 * and "BIÇAK" finds it too. Compare a key only with other keys. */
char    *ciro_search_key     (const char *text);
/* Strips ASCII and Unicode white space at both ends; new string. */
char    *ciro_strip          (const char *text);

G_END_DECLS
