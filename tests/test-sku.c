/* test-sku.c: SKU normalisation and base SKUs (metrics.md rules 5 and 6)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "core/ciro-sku.h"
#include "core/ciro-text.h"

typedef struct {
  const char *sku;
  const char *expected;
} Case;

static void
check_cases (char *(*fn) (const char *), const char *what, const Case *cases, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *got = fn (cases[i].sku);
      if (g_strcmp0 (got, cases[i].expected) != 0)
        g_error ("%s (“%s”) = “%s”, expected “%s”", what, cases[i].sku, got, cases[i].expected);
    }
}

#define CHECK(fn, cases) check_cases (fn, #fn, cases, G_N_ELEMENTS (cases))

static void
test_normalize (void)
{
  static const Case cases[] = {
    /* metrics.md rule 5 and the header */
    { "S00004064", "4064" },
    { " byk-7 ", "BYK-7" },
    { "000", "0" },
    /* a leading S followed only by digits, in either case */
    { "s00004064", "4064" },
    { "S4064", "4064" },
    { "S0", "0" },
    { "S000", "0" },
    { "S", "S" },
    { "SS123", "SS123" },
    { "S12A", "S12A" },
    { "S-123", "S-123" },
    { "AS123", "AS123" },
    { "S 123", "S 123" },
    /* all digits lose their leading zeros, down to one */
    { "0004064", "4064" },
    { "4064", "4064" },
    { "0", "0" },
    { "00A1", "00A1" },
    { "0-01", "0-01" },
    /* trim and Turkish upper case */
    { "\xc2\xa0S007\t", "7" },
    { " 12 34 ", "12 34" },
    { "kırmızı-1", "KIRMIZI-1" },
    { "ist-1", "İST-1" },
    { "ş123", "Ş123" },
    { "byk-25k-303760-m41-r15", "BYK-25K-303760-M41-R15" },
    { "BYK-25K-303760-M41-R15", "BYK-25K-303760-M41-R15" },
    { "", "" },
    { "   ", "" },
    { NULL, "" },
  };

  CHECK (ciro_sku_normalize, cases);
}

static void
test_base_spec (void)
{
  static const Case cases[] = {
    /* every example of metrics.md rule 6 */
    { "BYK-25K-303760-M41-R15", "303760" },
    { "BYK-25Y-101-8-M49-R42", "101-8" },
    { "BYK-24Y-126443-M41", "126443" },
    { "194938-M41-R15", "194938" },
    { "BYK-24Y-303760", "303760" },
  };

  CHECK (ciro_sku_base, cases);
}

static void
test_base_byk (void)
{
  static const Case cases[] = {
    /* 3 and 4 parts: the third part, whatever follows */
    { "BYK-24Y-126443", "126443" },
    { "BYK-24Y-M41", "M41" },
    { "BYK-24Y-126443-X", "126443" },
    { "BYK-24Y-101-8", "101" },
    { "BYK-24Y-126443-R15", "126443" },
    /* 5 parts */
    { "BYK-25K-303760-X1-Y2", "303760" },          /* no M…/R… pair */
    { "BYK-25K-303760-M41-X15", "303760" },
    { "BYK-25K-303760-R15-M41", "303760" },        /* R before M is no pair */
    { "BYK-25K-M1-R2-X", "M1" },                   /* the pair must start from the fourth part */
    { "BYK-M1-R2-X-Y", "R2" },
    /* 6 and more parts */
    { "BYK-25K-303760-M41-R15-X", "303760" },
    { "BYK-25K-A-B-C-D", "A" },
    { "BYK-25Y-1-2-3-M1-R2", "1-2-3" },
    { "BYK-25Y-1-2-3-4-M1-R2", "1-2-3-4" },
    { "BYK-25K-100-M1-R1-M2-R2", "100" },          /* the first pair ends the base */
    { "BYK-25K-100-X-M1-R1-M2-R2", "100-X" },
    { "BYK-25Y-101-8-M49-R42-M1", "101-8" },
    { "BYK-25Y-101-8-M49", "101" },                /* no R after the M: the third part */
    /* "BYK-" in any case; M and R parts too */
    { "byk-25k-303760-m41-r15", "303760" },
    { "Byk-24Y-126443", "126443" },
    { "byk-25y-101-8-m49-r42", "101-8" },
    { "BYK-25Y-101-8-Mavi-Renk", "101-8" },        /* any word starting with M then R */
    /* not BYK SKUs */
    { "BYK-126443", "BYK-126443" },
    { "BYK", "BYK" },
    { "BYKX-24Y-126443", "BYKX-24Y-126443" },
    { "XBYK-24Y-126443", "XBYK-24Y-126443" },
    /* a base would be empty: the SKU itself */
    { "BYK-24Y-", "BYK-24Y-" },
    { "BYK--", "BYK--" },
  };

  CHECK (ciro_sku_base, cases);
}

static void
test_base_digits (void)
{
  static const Case cases[] = {
    { "194938-M41-R15", "194938" },
    { "19493-M41-R15", "19493" },                  /* 5 digits: long enough */
    { "1949-M41-R15", "1949-M41-R15" },            /* 4 digits: not a base */
    { "0194938-M41-R15", "0194938" },
    { "194938-A-B-C", "194938" },
    { "194938-M41", "194938-M41" },                /* only 2 parts */
    { "194938", "194938" },
    { "19493A-M41-R15", "19493A-M41-R15" },
    { "ABC-1", "ABC-1" },
    { "ABC-1-2", "ABC-1-2" },
    { "303760", "303760" },
    { "", "" },
    { NULL, "" },
  };

  CHECK (ciro_sku_base, cases);
}

static void
test_base_colours (void)
{
  static const Case cases[] = {
    /* after '-', '_', ' ' or '/', with the separators */
    { "194938-Siyah", "194938" },
    { "303760 Siyah", "303760" },
    { "303760_Siyah", "303760" },
    { "303760/Siyah", "303760" },
    { "303760 - Siyah", "303760" },
    { "A100 -_/ Mor", "A100" },
    /* removed first, then the rules apply */
    { "BYK-24Y-Kırmızı", "BYK-24Y" },
    { "194938-M41-R15 KIRMIZI", "194938" },
    { "BYK-24Y-126443-M41_yeşil", "126443" },
    { "BYK-25K-303760-M41-R15-SİYAH", "303760" },
    { "BYK-25Y-101-8-M49-R42 Lacivert", "101-8" },
    /* Turkish case rules, proper spellings only */
    { "A100-KIRMIZI", "A100" },
    { "A100-kırmızı", "A100" },
    { "A100-Kirmizi", "A100-Kirmizi" },
    { "A100-SİYAH", "A100" },
    { "A100-SIYAH", "A100-SIYAH" },
    { "A100-YEŞİL", "A100" },
    { "A100-yesil", "A100-yesil" },
    { "A100-GRİ", "A100" },
    { "A100-SARI", "A100" },
    { "A100-sarı", "A100" },
    /* only a trailing colour word, once */
    { "Siyah-A100", "Siyah-A100" },
    { "A100-Siyahlar", "A100-Siyahlar" },
    /* glued on, as real SKUs have it (metrics.md rule 6) */
    { "144236Siyah", "144236" },
    { "BYK-23Y-301320Lacivert", "301320" },
    { "BYK-23Y-301320LACİVERT", "301320" },
    { "BYK-23Y-301320LACIVERT", "301320LACIVERT" },   /* not Turkish: no colour */
    { "A100Siyah", "A100" },
    { "A100kırmızı", "A100" },
    { "A100Kirmizi", "A100Kirmizi" },
    { "BYK-25K-303760-M41-R15Mavi", "303760" },
    { "303760Gri ", "303760" },
    { "A100Kahverengi", "A100" },
    { "A100SiyahBeyaz", "A100Siyah" },
    { "SiyahBeyaz", "Siyah" },
    { "A100-Siyah-Beyaz", "A100-Siyah" },
    { "A100-Açık Mavi", "A100-Açık" },
    { "A100-Bej", "A100-Bej" },
    /* a SKU that is only a colour stays */
    { "Siyah", "Siyah" },
    { " Siyah ", "Siyah" },
    { "-Siyah", "-Siyah" },
  };
  static const char *const colours[] = {
    "Siyah", "Beyaz", "Kırmızı", "Mavi", "Yeşil", "Sarı", "Turuncu", "Mor", "Pembe",
    "Kahverengi", "Gri", "Lacivert", "Krem", "Antrasit", "Bordo", "Haki",
  };

  CHECK (ciro_sku_base, cases);

  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    {
      g_autofree char *upper = ciro_tr_upper (colours[i]);
      g_autofree char *lower = ciro_tr_lower (colours[i]);
      const char *forms[] = { colours[i], upper, lower };

      for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
        {
          g_autofree char *sku = g_strdup_printf ("BYK-24Y-7%u-%s", i, forms[f]);
          g_autofree char *digits = g_strdup_printf ("19493%u-%s", i, forms[f]);
          g_autofree char *expected = g_strdup_printf ("7%u", i);
          g_autofree char *expected_digits = g_strdup_printf ("19493%u", i);
          g_autofree char *base = ciro_sku_base (sku);
          g_autofree char *base_digits = ciro_sku_base (digits);

          /* without the colour, "BYK-24Y-7i" has three parts */
          g_assert_cmpstr (base, ==, expected);
          /* and "19493i" one */
          g_assert_cmpstr (base_digits, ==, expected_digits);
        }
    }
}

static void
test_base_trim (void)
{
  static const Case cases[] = {
    { "  BYK-24Y-126443  ", "126443" },
    { "\t194938-M41-R15\n", "194938" },
    { " ABC-1 ", "ABC-1" },
    { "\xc2\xa0" "303760-Siyah ", "303760" },
  };

  CHECK (ciro_sku_base, cases);
}

static void
test_base_key (void)
{
  static const Case cases[] = {
    { "byk-24y-abc", "ABC" },
    { "ist-1", "İST-1" },
    { "BYK-24Y-303760", "303760" },
    { "BYK-25K-303760-M41-R15", "303760" },
    { "194938-m41-r15 siyah", "194938" },
    { "kırmızı", "KIRMIZI" },
    { "byk-25y-ış-8-m49-r42", "IŞ-8" },
    { NULL, "" },
  };

  CHECK (ciro_sku_base_key, cases);

  /* a product and its variants meet under one key (metrics.md rule 6) */
  {
    g_autofree char *product = ciro_sku_base_key ("BYK-24Y-303760");
    g_autofree char *variant = ciro_sku_base_key ("byk-25k-303760-m41-r15");
    g_assert_cmpstr (product, ==, variant);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sku/normalize", test_normalize);
  g_test_add_func ("/sku/base/spec", test_base_spec);
  g_test_add_func ("/sku/base/byk", test_base_byk);
  g_test_add_func ("/sku/base/digits", test_base_digits);
  g_test_add_func ("/sku/base/colours", test_base_colours);
  g_test_add_func ("/sku/base/trim", test_base_trim);
  g_test_add_func ("/sku/base/key", test_base_key);
  return g_test_run ();
}
