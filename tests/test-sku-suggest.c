/* test-sku-suggest.c: the mapping suggestions against a store whose right
 * answers are known by hand (ciro-suggest-store.h), decoys included
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "analytics/ciro-mapping-csv.h"
#include "analytics/ciro-report.h"
#include "analytics/ciro-sku-suggest.h"
#include "core/ciro-error.h"
#include "ciro-suggest-store.h"
#include "ciro-test-util.h"

static char *dir;

typedef struct {
  const char *sku;
  gint64      product[2];
  guint       percent[2];
  guint       n;
} Expected;

/* The figures of ciro-suggest-store.h, worked out by hand from the scoring
 * of ciro-sku-suggest.h. */
static const Expected expected[] = {
  { "ESKI-KOD-105866", { 101 }, { 85 }, 1 },        /* 0.85 */
  { "ESKI-200300", { 102 }, { 94 }, 1 },            /* 1 − 0.15 × 0.4 */
  { "OLD-330011", { 108, 109 }, { 77, 70 }, 2 },    /* 1 − 0.575 × 0.4; 1 − 0.575 × 0.52 */
  { "VAR-X", { 106 }, { 79 }, 1 },                  /* 1 − 0.4 × 0.52 */
  { "TY-IPEK", { 105 }, { 60 }, 1 },                /* 0.6 × 1 */
  { "ESKI-4455", { 103, 104 }, { 27, 27 }, 2 },     /* 0.55 / 2 each */
  { "KAMPANYA-12", { 0 }, { 0 }, 0 },
};

static CiroStore *
new_store (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return ciro_test_suggest_store (path);
}

static void
drop_store (CiroStore *store)
{
  g_autofree char *path = g_strdup (ciro_store_get_path (store));
  g_object_unref (store);
  ciro_test_remove_store (path);
}

static const CiroEvidence *
evidence_of (const CiroSuggestion *s, CiroEvidenceKind kind)
{
  for (guint i = 0; i < s->evidence->len; i++)
    if (g_array_index (s->evidence, CiroEvidence, i).kind == kind)
      return &g_array_index (s->evidence, CiroEvidence, i);
  return NULL;
}

static void
test_fold (void)
{
  g_autofree char *a = ciro_suggest_fold ("İPEK Şal ığüöç IŞIK");
  g_autofree char *b = ciro_suggest_fold ("ipek sal igüoc isik");

  g_assert_cmpstr (a, ==, "ipek sal iguoc isik");
  g_assert_cmpstr (b, ==, "ipek sal iguoc isik");
}

static void
test_ranked (void)
{
  g_autoptr(GError) error = NULL;
  CiroStore *store = new_store ("ranked.db");
  g_autoptr(GPtrArray) all = ciro_suggest_mappings (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < all->len; i++)
    {
      const CiroSkuSuggestions *s = all->pdata[i];
      const Expected *e = &expected[i];

      g_test_message ("%s", s->sku);
      g_assert_cmpstr (s->sku, ==, e->sku);
      g_assert_cmpint (s->lines, ==, 1);
      g_assert_cmpint (s->revenue, ==, 10000 * (7 - (gint64) i));
      g_assert_cmpuint (s->suggestions->len, ==, e->n);
      for (guint k = 0; k < e->n; k++)
        {
          const CiroSuggestion *g = s->suggestions->pdata[k];
          g_assert_cmpint (g->product_id, ==, e->product[k]);
          g_assert_cmpuint (g->percent, ==, e->percent[k]);
        }
    }

  /* the evidence behind them */
  {
    const CiroSkuSuggestions *s = all->pdata[0];
    const CiroSuggestion *g = s->suggestions->pdata[0];
    const CiroEvidence *d = evidence_of (g, CIRO_EVIDENCE_DIGITS);
    g_assert_nonnull (d);
    g_assert_cmpstr (d->detail, ==, "105866");
    g_assert_cmpuint (d->shared_by, ==, 1);
    g_assert_null (evidence_of (g, CIRO_EVIDENCE_NAME));
    g_assert_cmpstr (g->product_name, ==, "Premium Deri Sneaker");
  }
  {
    const CiroSkuSuggestions *s = all->pdata[1];
    const CiroEvidence *b = evidence_of (s->suggestions->pdata[0], CIRO_EVIDENCE_BARCODE);
    g_assert_nonnull (b);
    g_assert_cmpstr (b->detail, ==, "86811112223");
  }
  {
    const CiroSkuSuggestions *s = all->pdata[2];
    const CiroEvidence *d = evidence_of (s->suggestions->pdata[1], CIRO_EVIDENCE_DIGITS);
    const CiroEvidence *n = evidence_of (s->suggestions->pdata[1], CIRO_EVIDENCE_NAME);
    g_assert_cmpuint (d->shared_by, ==, 2);
    g_assert_cmpuint (n->similarity, ==, 80);
  }
  {
    const CiroSkuSuggestions *s = all->pdata[4];
    const CiroEvidence *n = evidence_of (s->suggestions->pdata[0], CIRO_EVIDENCE_NAME);
    g_assert_cmpstr (s->line_name, ==, "IPEK SAL KIRMIZI");
    g_assert_cmpuint (n->similarity, ==, 100);
  }

  /* what "accept" would take at 80 % and at 70 %: never a tie, never a decoy */
  for (guint i = 0; i < all->len; i++)
    {
      const CiroSuggestion *p80 = ciro_sku_suggestions_pick (all->pdata[i], 80);
      const CiroSuggestion *p70 = ciro_sku_suggestions_pick (all->pdata[i], 70);
      const CiroSuggestion *p1 = ciro_sku_suggestions_pick (all->pdata[i], 1);

      g_assert_true (p80 == NULL || i <= 1);
      g_assert_true ((p80 != NULL) == (i <= 1));
      g_assert_true ((p70 != NULL) == (i <= 3));
      g_assert_true ((p1 != NULL) == (i <= 4));
    }
  drop_store (store);
}

static void
test_accept_above (void)
{
  g_autoptr(GError) error = NULL;
  CiroStore *store = new_store ("accept.db");
  g_autoptr(GPtrArray) all = ciro_suggest_mappings (store, NULL, &error);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GArray) left = NULL;

  g_assert_no_error (error);
  g_assert_true (ciro_suggest_accept_above (store, all, 80, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  {
    CiroMappingChange *a = changes->pdata[0], *b = changes->pdata[1];
    g_assert_cmpstr (a->sku, ==, "ESKI-KOD-105866");
    g_assert_cmpint (a->product_id, ==, 101);
    g_assert_cmpint (a->costed_lines, ==, 1);
    g_assert_cmpint (a->costed_revenue, ==, 70000);
    g_assert_cmpstr (b->sku, ==, "ESKI-200300");
    g_assert_cmpint (b->product_id, ==, 102);
  }
  left = ciro_report_unmatched (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 5);
  g_assert_cmpstr (g_array_index (left, CiroUnmatchedRow, 0).sku, ==, "OLD-330011");

  /* the suggestions now cover the five left */
  again = ciro_suggest_mappings (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 5);

  /* and one undo puts both back */
  g_assert_true (ciro_store_undo_mappings (store, changes, &error));
  g_assert_no_error (error);
  g_clear_pointer (&left, g_array_unref);
  left = ciro_report_unmatched (store, &error);
  g_assert_cmpuint (left->len, ==, 7);
  drop_store (store);
}

static char *
write_file (const char *name, const char *bytes, gssize length)
{
  g_autoptr(GError) error = NULL;
  char *file = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (file, bytes, length, &error));
  g_assert_no_error (error);
  return file;
}

static void
assert_row (CiroMappingImport *im, guint i, guint line, const char *sku, const char *product_sku,
            CiroMappingRowStatus status, gint64 product_id)
{
  const CiroMappingRow *r = &g_array_index (im->rows, CiroMappingRow, i);

  g_test_message ("row %u", i);
  g_assert_cmpuint (r->line, ==, line);
  g_assert_cmpstr (r->sku, ==, sku);
  g_assert_cmpstr (r->product_sku, ==, product_sku);
  g_assert_cmpint (r->status, ==, status);
  if (status == CIRO_MAPPING_ROW_OK)
    g_assert_cmpint (r->product_id, ==, product_id);
}

/* Every kind of bad row is listed with its reason; the good ones are
 * mapped together; the export reads back as the same mappings. */
static void
test_csv (void)
{
  static const char semicolons[] =
    "\xef\xbb\xbfsku;product_sku\r\n"
    "ESKI-KOD-105866;S00105866\r\n"                 /* 2 ok */
    "\"OLD;330011\"; KLM-330011 \r\n"               /* 3 ok, quoted ';', trimmed */
    "ESKI-200300;BYK-25K-200300-M41-R15\r\n"        /* 4 ok through a variant */
    "ESKI-KOD-105866;KLM-330011\r\n"                /* 5 duplicate */
    "VAR-X;NO-SUCH\r\n"                             /* 6 unknown product */
    ";S00105866\r\n"                                /* 7 empty */
    "TY-IPEK\r\n"                                   /* 8 malformed */
    "\"KAMPANYA-12\";\"\xc4\xb0PK-77\"\r\n"         /* 9 ok */
    "ESKI-4455;X-4455-B\r\n"                        /* 10 already mapped */
    "\r\n"                                          /* 11 blank: not a row */
    "\"UNCLOSED;X\r\n";                             /* 12 open quote */
  g_autoptr(GError) error = NULL;
  CiroStore *store = new_store ("csv.db");
  g_autofree char *file = write_file ("semicolons.csv", semicolons, -1);
  g_autofree char *exported = g_build_filename (dir, "exported.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(CiroMappingImport) im = NULL;
  g_autoptr(CiroMappingImport) back = NULL;
  g_autoptr(GArray) left = NULL;
  CiroStore *other;

  g_assert_true (ciro_store_map_sku (store, "ESKI-4455", "STD-4455", &error));
  g_assert_no_error (error);
  im = ciro_mappings_import_csv (store, file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (im->rows->len, ==, 10);
  assert_row (im, 0, 2, "ESKI-KOD-105866", "S00105866", CIRO_MAPPING_ROW_OK, 101);
  assert_row (im, 1, 3, "OLD;330011", "KLM-330011", CIRO_MAPPING_ROW_OK, 108);
  assert_row (im, 2, 4, "ESKI-200300", "BYK-25K-200300-M41-R15", CIRO_MAPPING_ROW_OK, 102);
  assert_row (im, 3, 5, "ESKI-KOD-105866", "KLM-330011", CIRO_MAPPING_ROW_DUPLICATE, 0);
  assert_row (im, 4, 6, "VAR-X", "NO-SUCH", CIRO_MAPPING_ROW_UNKNOWN_PRODUCT, 0);
  assert_row (im, 5, 7, "", "S00105866", CIRO_MAPPING_ROW_EMPTY, 0);
  assert_row (im, 6, 8, "TY-IPEK", "", CIRO_MAPPING_ROW_MALFORMED, 0);
  assert_row (im, 7, 9, "KAMPANYA-12", "İPK-77", CIRO_MAPPING_ROW_OK, 105);
  assert_row (im, 8, 10, "ESKI-4455", "X-4455-B", CIRO_MAPPING_ROW_ALREADY_MAPPED, 0);
  assert_row (im, 9, 12, "UNCLOSED;X\r\n", "", CIRO_MAPPING_ROW_MALFORMED, 0);
  g_assert_cmpuint (im->imported, ==, 4);
  g_assert_cmpuint (im->rejected, ==, 6);
  g_assert_cmpuint (im->changes->len, ==, 4);

  left = ciro_report_unmatched (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 3);   /* OLD-330011, VAR-X, TY-IPEK */
  g_assert_cmpstr (g_array_index (left, CiroUnmatchedRow, 0).sku, ==, "OLD-330011");

  /* the export: BOM, header, by SKU, CRLF, quoted where needed */
  g_assert_cmpint (ciro_mappings_export_csv (store, exported, &error), ==, 5);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (exported, &text, NULL, &error));
  g_assert_cmpstr (text, ==,
                   "\xef\xbb\xbfsku;product_sku;product_name\r\n"
                   "ESKI-200300;BYK-24Y-200300;Keten Gömlek\r\n"
                   "ESKI-4455;STD-4455;Bez Çanta\r\n"
                   "ESKI-KOD-105866;S00105866;Premium Deri Sneaker\r\n"
                   "KAMPANYA-12;İPK-77;İpek Şal Kırmızı\r\n"
                   "\"OLD;330011\";KLM-330011;Kalem Seti\r\n");

  /* read back into a fresh store, it gives the same mappings */
  other = new_store ("csv-back.db");
  back = ciro_mappings_import_csv (other, exported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->imported, ==, 5);
  g_assert_cmpuint (back->rejected, ==, 0);
  {
    g_autoptr(GPtrArray) a = ciro_store_list_mappings (store, &error);
    g_autoptr(GPtrArray) b = ciro_store_list_mappings (other, &error);
    g_assert_cmpuint (a->len, ==, b->len);
    for (guint i = 0; i < a->len; i++)
      {
        g_assert_cmpstr (((CiroMapping *) a->pdata[i])->sku, ==, ((CiroMapping *) b->pdata[i])->sku);
        g_assert_cmpint (((CiroMapping *) a->pdata[i])->product_id, ==, ((CiroMapping *) b->pdata[i])->product_id);
      }
  }
  drop_store (other);

  /* the import's undo */
  g_assert_true (ciro_store_undo_mappings (store, im->changes, &error));
  g_assert_no_error (error);
  g_clear_pointer (&left, g_array_unref);
  left = ciro_report_unmatched (store, &error);
  g_assert_cmpuint (left->len, ==, 6);
  drop_store (store);
}

/* Commas, LF or bare CR, no BOM, and Windows-1254 bytes. */
static void
test_csv_variants (void)
{
  g_autoptr(GError) error = NULL;
  CiroStore *store = new_store ("csv2.db");
  g_autofree char *commas = write_file ("commas.csv", "sku,product_sku\nVAR-X,\"\xc3\x87NT-88\"\n", -1);
  g_autofree char *cp1254 = write_file ("cp1254.csv", "TY-IPEK;\xddPK-77\rOLD-330011;KLM-330011\r", -1);
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autoptr(CiroMappingImport) a = NULL, b = NULL, c = NULL;

  a = ciro_mappings_import_csv (store, commas, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->rows->len, ==, 1);
  assert_row (a, 0, 2, "VAR-X", "ÇNT-88", CIRO_MAPPING_ROW_OK, 106);

  b = ciro_mappings_import_csv (store, cp1254, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->rows->len, ==, 2);
  assert_row (b, 0, 1, "TY-IPEK", "İPK-77", CIRO_MAPPING_ROW_OK, 105);
  assert_row (b, 1, 2, "OLD-330011", "KLM-330011", CIRO_MAPPING_ROW_OK, 108);

  c = ciro_mappings_import_csv (store, missing, &error);
  g_assert_null (c);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  drop_store (store);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = ciro_test_tmpdir ("suggest");
  g_test_add_func ("/suggest/fold", test_fold);
  g_test_add_func ("/suggest/ranked", test_ranked);
  g_test_add_func ("/suggest/accept-above", test_accept_above);
  g_test_add_func ("/suggest/csv", test_csv);
  g_test_add_func ("/suggest/csv-variants", test_csv_variants);
  rc = g_test_run ();
  for (const char *const *f = (const char *const[]) { "semicolons.csv", "exported.csv", "commas.csv", "cp1254.csv", NULL }; *f; f++)
    {
      g_autofree char *file = g_build_filename (dir, *f, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
  g_free (dir);
  return rc;
}
