/* test-text.c: Turkish casing, folding, stripping and marketplace names
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "core/ciro-marketplace.h"
#include "core/ciro-text.h"

static void
check_str (char *got, const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
check_casing (void)
{
  /* the four i's */
  check_str (ciro_tr_upper ("istanbul"), "İSTANBUL");
  check_str (ciro_tr_upper ("ışık"), "IŞIK");
  check_str (ciro_tr_upper ("iı"), "İI");
  check_str (ciro_tr_upper ("çiçeksepeti"), "ÇİÇEKSEPETİ");
  check_str (ciro_tr_upper ("Diyarbakır"), "DİYARBAKIR");
  check_str (ciro_tr_lower ("IŞIK"), "ışık");
  check_str (ciro_tr_lower ("İZMİR"), "izmir");
  check_str (ciro_tr_lower ("İI"), "iı");
  check_str (ciro_tr_lower ("DİYARBAKIR"), "diyarbakır");
  /* the decomposed İ: I + U+0307 */
  check_str (ciro_tr_lower ("I\xcc\x87stanbul"), "istanbul");
  check_str (ciro_tr_upper ("I\xcc\x87stanbul"), "İSTANBUL");
  /* a dotless ı given its dot back with U+0307 is an i, in both cases, so
   * that casing twice gives what casing once did (found by fuzzing) */
  check_str (ciro_tr_upper ("\xc4\xb1\xcc\x87stanbul"), "İSTANBUL");
  check_str (ciro_tr_lower ("\xc4\xb1\xcc\x87stanbul"), "istanbul");
  check_str (ciro_tr_upper ("ba\xc4\xb1\xcc\x87"), "BAİ");
  {
    g_autofree char *once = ciro_tr_upper ("In\xc4\xb1\xcc\x87" "ba");
    check_str (ciro_tr_upper (once), once);
  }
  /* the other Turkish letters and the rest of Unicode */
  check_str (ciro_tr_upper ("ğüşöç"), "ĞÜŞÖÇ");
  check_str (ciro_tr_lower ("ĞÜŞÖÇ"), "ğüşöç");
  check_str (ciro_tr_upper ("Straße"), "STRASSE");
  check_str (ciro_tr_upper ("élan"), "ÉLAN");
  check_str (ciro_tr_lower ("ΑΒΓ"), "αβγ");
  check_str (ciro_tr_upper ("byk-25k_303760 m41/r15"), "BYK-25K_303760 M41/R15");
  check_str (ciro_tr_lower ("ABC-123"), "abc-123");
  /* already in the target case: unchanged */
  check_str (ciro_tr_upper ("İSTANBUL IŞIK"), "İSTANBUL IŞIK");
  check_str (ciro_tr_lower ("istanbul ışık"), "istanbul ışık");
  check_str (ciro_tr_upper (""), "");
  check_str (ciro_tr_lower (""), "");
  check_str (ciro_tr_upper (NULL), "");
  check_str (ciro_tr_lower (NULL), "");
}

static void
test_casing (void)
{
  check_casing ();
}

/* The process locale must not change anything: a Turkish locale changes
 * g_utf8_strup/strdown for i and I, a C locale does not. */
static void
test_casing_locales (void)
{
  static const char *const locales[] = { "tr_TR.UTF-8", "tr_TR.utf8", "C.UTF-8", "C" };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  guint tried = 0;

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (setlocale (LC_ALL, locales[i]) == NULL)
        continue;
      tried++;
      check_casing ();
      g_assert_true (ciro_tr_equal_fold ("KIRMIZI", "kırmızı"));
      g_assert_false (ciro_tr_equal_fold ("KIRMIZI", "kirmizi"));
    }
  setlocale (LC_ALL, saved);
  if (tried < G_N_ELEMENTS (locales))
    g_test_message ("only %u of the locales are installed", tried);
}

static void
test_fold (void)
{
  check_str (ciro_tr_fold ("ÇİÇEK"), "çiçek");
  check_str (ciro_tr_fold ("IŞIK"), "ışık");
  check_str (ciro_tr_fold ("I\xcc\x87stanbul"), "istanbul");
  check_str (ciro_tr_fold (NULL), "");

  g_assert_true (ciro_tr_equal_fold ("KIRMIZI", "kırmızı"));
  g_assert_true (ciro_tr_equal_fold ("Kırmızı", "KIRMIZI"));
  g_assert_false (ciro_tr_equal_fold ("KIRMIZI", "kirmizi"));
  g_assert_true (ciro_tr_equal_fold ("İSTANBUL", "istanbul"));
  g_assert_false (ciro_tr_equal_fold ("İstanbul", "ISTANBUL"));
  g_assert_true (ciro_tr_equal_fold ("I\xcc\x87stanbul", "istanbul"));
  g_assert_true (ciro_tr_equal_fold ("I\xcc\x87STANBUL", "İSTANBUL"));
  g_assert_true (ciro_tr_equal_fold ("Yeşil", "YEŞİL"));
  g_assert_false (ciro_tr_equal_fold ("Yeşil", "YESIL"));
  /* NFKC: composed and decomposed accents, full-width letters, ligatures */
  g_assert_true (ciro_tr_equal_fold ("caf\xc3\xa9", "cafe\xcc\x81"));
  g_assert_true (ciro_tr_equal_fold ("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3", "abc"));   /* ＡＢＣ */
  g_assert_true (ciro_tr_equal_fold ("\xef\xac\x81le", "file"));   /* ﬁle */
  g_assert_true (ciro_tr_equal_fold ("", NULL));
  g_assert_false (ciro_tr_equal_fold ("a", "b"));
}

static void
test_contains (void)
{
  g_assert_true (ciro_tr_contains ("Kadın Keten GÖMLEK", "gömlek"));
  g_assert_true (ciro_tr_contains ("Kadın Keten GÖMLEK", "KADIN"));
  g_assert_false (ciro_tr_contains ("Kadın Keten GÖMLEK", "kadin"));
  g_assert_true (ciro_tr_contains ("DİKİŞ", "dikiş"));
  g_assert_false (ciro_tr_contains ("DIKIŞ", "dikiş"));
  g_assert_true (ciro_tr_contains ("İstanbul", "STANB"));
  g_assert_true (ciro_tr_contains ("abc", ""));
  g_assert_true (ciro_tr_contains ("", ""));
  g_assert_false (ciro_tr_contains ("", "a"));
  g_assert_false (ciro_tr_contains (NULL, "a"));
  g_assert_false (ciro_tr_contains ("gömlek", "gömlekler"));
}

static void
test_strip (void)
{
  check_str (ciro_strip ("  ab c \t\n"), "ab c");
  check_str (ciro_strip ("\xc2\xa0 ab c \xc2\xa0"), "ab c");                   /* U+00A0 */
  check_str (ciro_strip ("\xe3\x80\x80x\xe2\x80\x83"), "x");                 /* U+3000, U+2003 */
  check_str (ciro_strip ("\r\nİstanbul\r\n"), "İstanbul");
  check_str (ciro_strip ("a"), "a");
  check_str (ciro_strip ("   "), "");
  check_str (ciro_strip (""), "");
  check_str (ciro_strip (NULL), "");
}

/* Broken UTF-8 must neither crash nor read past the end. */
static void
test_invalid_utf8 (void)
{
  check_str (ciro_tr_upper ("a\xff" "b"), "A\xef\xbf\xbd" "B");
  check_str (ciro_tr_lower ("A\xc3"), "a\xef\xbf\xbd");
  /* one U+FFFD per bad byte */
  check_str (ciro_strip (" \xe2\x82 "), "\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_true (ciro_tr_equal_fold ("\xff", "\xef\xbf\xbd"));
  g_assert_false (ciro_tr_contains ("\xfe\xff", "a"));
}

/* ------------------------------------------------------ marketplaces */

static void
test_marketplace_table (void)
{
  /* every row of sentos-api.md, then the spellings seen in the wild */
  static const char *const cases[][2] = {
    { "TRENDYOL", "Trendyol" },
    { "HEPSIBURADA", "Hepsiburada" },
    { "HB", "Hepsiburada" },
    { "N11", "N11" },
    { "AMAZON", "Amazon" },
    { "PAZARAMA", "Pazarama" },
    { "CICEKSEPETI", "ÇiçekSepeti" },
    { "ÇIÇEKSEPETI", "ÇiçekSepeti" },
    { "LC WAIKIKI", "LC Waikiki" },
    { "LCWAIKIKI", "LC Waikiki" },
    { "LCW", "LC Waikiki" },
    { "SHOPIFY", "Shopify" },
    { "RETAIL", "Mağaza" },
    { "", "Bilinmeyen" },

    { "trendyol", "Trendyol" },
    { "Trendyol", "Trendyol" },
    { " Trendyol ", "Trendyol" },
    { "\tTRENDYOL\n", "Trendyol" },
    { "hepsiburada", "Hepsiburada" },
    { "Hepsiburada", "Hepsiburada" },
    { "HEPSİBURADA", "Hepsiburada" },
    { "Hepsi Burada", "Hepsiburada" },
    { "hb", "Hepsiburada" },
    { "Hb", "Hepsiburada" },
    { "hB", "Hepsiburada" },
    { "n11", "N11" },
    { "N 11", "N11" },
    { "amazon", "Amazon" },
    { "Pazarama", "Pazarama" },
    { "çiçeksepeti", "ÇiçekSepeti" },
    { "ÇİÇEKSEPETİ", "ÇiçekSepeti" },
    { "ÇiçekSepeti", "ÇiçekSepeti" },
    { "Çiçek Sepeti", "ÇiçekSepeti" },
    { "ciceksepeti", "ÇiçekSepeti" },
    { "CicekSepeti", "ÇiçekSepeti" },
    { "lcw", "LC Waikiki" },
    { "Lcw", "LC Waikiki" },
    { "lc waikiki", "LC Waikiki" },
    { "LC Waikiki", "LC Waikiki" },
    { "LC-WAIKIKI", "LC Waikiki" },
    { "lcwaikiki", "LC Waikiki" },
    { "shopify", "Shopify" },
    { "Shopify", "Shopify" },
    { "retail", "Mağaza" },
    { "Retail", "Mağaza" },
    { "   ", "Bilinmeyen" },
    { "\t\n", "Bilinmeyen" },
    { "\xc2\xa0", "Bilinmeyen" },

    /* anything else: verbatim, trimmed */
    { "Some Shop", "Some Shop" },
    { "  Some Shop ", "Some Shop" },
    { "Morhipo", "Morhipo" },
    { "MORHIPO", "MORHIPO" },
    { "İnstagram", "İnstagram" },
    { "Web  Sitesi", "Web  Sitesi" },
    { "Mağaza", "Mağaza" },
    { "Bilinmeyen", "Bilinmeyen" },
    { "Trendyol Go", "Trendyol Go" },
    { "HBX", "HBX" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ciro_marketplace_normalize (cases[i][0]);
      g_autofree char *again = ciro_marketplace_normalize (got);

      if (g_strcmp0 (got, cases[i][1]) != 0)
        g_error ("“%s” → “%s”, expected “%s”", cases[i][0], got, cases[i][1]);
      /* normalising a normalised name changes nothing */
      g_assert_cmpstr (again, ==, got);
    }
  check_str (ciro_marketplace_normalize (NULL), "Bilinmeyen");
  g_assert_cmpstr (CIRO_MARKETPLACE_UNKNOWN, ==, "Bilinmeyen");
}

static void
test_marketplace_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "tr_TR.UTF-8") == NULL && setlocale (LC_ALL, "tr_TR.utf8") == NULL)
    {
      g_test_skip ("no Turkish locale installed");
      return;
    }
  check_str (ciro_marketplace_normalize ("hepsiburada"), "Hepsiburada");
  check_str (ciro_marketplace_normalize ("ÇIÇEKSEPETI"), "ÇiçekSepeti");
  check_str (ciro_marketplace_normalize ("shopify"), "Shopify");
  setlocale (LC_ALL, saved);
}

static void
test_marketplace_defaults (void)
{
  /* metrics.md "Marketplace settings" */
  static const struct {
    const char *name;
    CiroBasisPoints commission;
    CiroKurus shipping;
  } expected[] = {
    { "Trendyol", 2150, 7500 },
    { "Hepsiburada", 1500, 7500 },
    { "N11", 1200, 7500 },
    { "Pazarama", 1800, 7500 },
    { "Amazon", 1500, 7500 },
    { "ÇiçekSepeti", 1000, 7500 },
  };
  const CiroMarketplaceDefault *d = ciro_marketplace_defaults ();
  guint n = 0;

  g_assert_nonnull (d);
  while (d[n].name != NULL)
    n++;
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *norm = ciro_marketplace_normalize (d[i].name);

      g_assert_cmpstr (d[i].name, ==, expected[i].name);
      g_assert_cmpint (d[i].commission, ==, expected[i].commission);
      g_assert_cmpint (d[i].shipping_cost, ==, expected[i].shipping);
      /* the table speaks the normalised names */
      g_assert_cmpstr (norm, ==, d[i].name);
    }
  /* any other marketplace */
  g_assert_cmpint (CIRO_DEFAULT_COMMISSION, ==, 0);
  g_assert_cmpint (CIRO_DEFAULT_SHIPPING_COST, ==, 7500);
  /* the same table on every call */
  g_assert_true (ciro_marketplace_defaults () == d);
}

/* A search box finds Turkish names typed without Turkish letters, and
 * with them, in either case; the keys are written out by hand here. */
static void
test_search_key (void)
{
  const struct { const char *text, *key; } keys[] = {
    { "Bıçak Seti", "bicak seti" },
    { "BIÇAK", "bicak" },
    { "Kadın Keten GÖMLEK", "kadin keten gomlek" },
    { "İĞNE ŞİŞ", "igne sis" },
    { "Üçgen Örtü", "ucgen ortu" },
    { "Çiçek Sepeti", "cicek sepeti" },
    { "Kâğıt", "kagit" },
    { "Café", "cafe" },
    { "ESKI-KOD-105866", "eski-kod-105866" },
    { "", "" },
  };
  const struct { const char *haystack, *needle; gboolean found; } finds[] = {
    { "Modern Bıçak Seti", "bicak", TRUE },
    { "Modern Bıçak Seti", "BIÇAK", TRUE },
    { "Modern Bıçak Seti", "bıçak", TRUE },
    { "Kadın Keten Gömlek", "kadin gomlek", FALSE },
    { "Kadın Keten Gömlek", "keten gom", TRUE },
    { "Pamuklu Tulum", "bicak", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *k = ciro_search_key (keys[i].text);
      g_assert_cmpstr (k, ==, keys[i].key);
    }
  for (guint i = 0; i < G_N_ELEMENTS (finds); i++)
    {
      g_autofree char *h = ciro_search_key (finds[i].haystack);
      g_autofree char *n = ciro_search_key (finds[i].needle);
      g_assert_cmpint (strstr (h, n) != NULL, ==, finds[i].found);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/casing", test_casing);
  g_test_add_func ("/text/casing-locales", test_casing_locales);
  g_test_add_func ("/text/fold", test_fold);
  g_test_add_func ("/text/contains", test_contains);
  g_test_add_func ("/text/strip", test_strip);
  g_test_add_func ("/text/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/marketplace/table", test_marketplace_table);
  g_test_add_func ("/marketplace/locale", test_marketplace_locale);
  g_test_add_func ("/marketplace/defaults", test_marketplace_defaults);
  g_test_add_func ("/text/search-key", test_search_key);
  return g_test_run ();
}
