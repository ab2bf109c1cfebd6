/* test-sku-suggest.c: the mapping suggestions against a store whose right
 * answers are known by hand (ciro-suggest-store.h), decoys included
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

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

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = ciro_test_tmpdir ("suggest");
  g_test_add_func ("/suggest/fold", test_fold);
  g_test_add_func ("/suggest/ranked", test_ranked);
  g_test_add_func ("/suggest/accept-above", test_accept_above);
  rc = g_test_run ();
  g_rmdir (dir);
  g_free (dir);
  return rc;
}
