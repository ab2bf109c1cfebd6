/* ciro-sku-suggest.c: which product an unknown SKU probably is
 *
 * The catalogue is read once into three indexes (digit run → products,
 * barcode prefix → products, folded word → products); each unknown SKU
 * then looks its clues up there, so the whole Unmatched list costs about
 * as much as reading the catalogue. The scoring is ciro-sku-suggest.h's.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "analytics/ciro-report.h"
#include "core/ciro-money.h"
#include "core/ciro-text.h"
#include "store/ciro-store-sql.h"
#include "ciro-sku-suggest.h"

#define MIN_RUN 4
#define MIN_BARCODE 8

void
ciro_suggestion_free (CiroSuggestion *self)
{
  if (self == NULL)
    return;
  g_free (self->product_sku);
  g_free (self->product_name);
  if (self->evidence != NULL)
    g_array_unref (self->evidence);
  g_free (self);
}

void
ciro_sku_suggestions_free (CiroSkuSuggestions *self)
{
  if (self == NULL)
    return;
  g_free (self->sku);
  g_free (self->line_name);
  if (self->suggestions != NULL)
    g_ptr_array_unref (self->suggestions);
  g_free (self);
}

static void
evidence_clear (gpointer data)
{
  CiroEvidence *e = data;
  g_clear_pointer (&e->detail, g_free);
}

char *
ciro_suggest_fold (const char *text)
{
  g_autofree char *folded = ciro_tr_fold (text != NULL ? text : "");
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_sized_new (strlen (decomposed));

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (c == 0x0131)   /* ı */
        c = 'i';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The distinct words of a folded text (runs of letters and digits). */
static GPtrArray *
words_of (const char *text)
{
  g_autofree char *folded = ciro_suggest_fold (text);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gboolean word = *p != '\0' && g_unichar_isalnum (g_utf8_get_char (p));

      if (word && start == NULL)
        start = p;
      else if (!word && start != NULL)
        {
          char *w = g_strndup (start, p - start);
          gboolean seen = FALSE;

          for (guint i = 0; i < words->len && !seen; i++)
            seen = g_str_equal (words->pdata[i], w);
          if (seen)
            g_free (w);
          else
            g_ptr_array_add (words, w);
          start = NULL;
        }
      if (*p == '\0')
        break;
    }
  return words;
}

/* The digit runs of a SKU with at least MIN_RUN significant digits,
 * leading zeros dropped, in their order. */
static GPtrArray *
runs_of (const char *sku)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func (g_free);
  const char *p = sku != NULL ? sku : "";

  while (*p)
    {
      const char *start, *end;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      start = p;
      while (g_ascii_isdigit (*p))
        p++;
      end = p;
      while (start < end - 1 && *start == '0')
        start++;
      if (end - start >= MIN_RUN)
        g_ptr_array_add (runs, g_strndup (start, end - start));
    }
  return runs;
}

static gboolean
barcode_usable (const char *barcode)
{
  size_t n;

  if (barcode == NULL)
    return FALSE;
  n = strlen (barcode);
  if (n < MIN_BARCODE)
    return FALSE;
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_isdigit (barcode[i]))
      return FALSE;
  return TRUE;
}

/* "length:prefix" for the barcode without its last `drop` digits. */
static char *
barcode_key (const char *barcode, guint drop)
{
  size_t n = strlen (barcode);
  return g_strdup_printf ("%zu:%.*s", n, (int) (n - drop), barcode);
}

typedef struct {
  gint64  id;
  char   *sku;
  char   *name;
  guint   n_words;
} Product;

typedef struct {
  GArray     *products;     /* Product */
  GHashTable *by_id;        /* id → index + 1 */
  GHashTable *runs;         /* run → GArray of guint indexes, sorted, distinct */
  GHashTable *barcodes;     /* barcode_key → GArray of guint */
  GHashTable *words;        /* word → GArray of guint */
  guint      *common;       /* per product: words in common with the SKU's name */
} Catalogue;

static void
product_clear (gpointer data)
{
  Product *p = data;
  g_free (p->sku);
  g_free (p->name);
}

static void
catalogue_free (Catalogue *c)
{
  g_array_unref (c->products);
  g_hash_table_unref (c->by_id);
  g_hash_table_unref (c->runs);
  g_hash_table_unref (c->barcodes);
  g_hash_table_unref (c->words);
  g_free (c->common);
  g_free (c);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Catalogue, catalogue_free)

static void
index_add (GHashTable *table, const char *key, guint index)
{
  GArray *list = g_hash_table_lookup (table, key);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (table, g_strdup (key), list);
    }
  if (list->len == 0 || g_array_index (list, guint, list->len - 1) != index)
    g_array_append_val (list, index);
}

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return (x > y) - (x < y);
}

static void
sort_unique (gpointer key, gpointer value, gpointer user_data)
{
  GArray *list = value;
  guint n = 0;

  g_array_sort (list, compare_guint);
  for (guint i = 0; i < list->len; i++)
    if (n == 0 || g_array_index (list, guint, n - 1) != g_array_index (list, guint, i))
      g_array_index (list, guint, n++) = g_array_index (list, guint, i);
  g_array_set_size (list, n);
}

static void
index_sku_and_barcode (Catalogue *c, guint index, const char *sku, const char *barcode)
{
  g_autoptr(GPtrArray) runs = runs_of (sku);

  for (guint i = 0; i < runs->len; i++)
    index_add (c->runs, runs->pdata[i], index);
  if (barcode_usable (barcode))
    {
      g_autofree char *k2 = barcode_key (barcode, 2);
      g_autofree char *k3 = barcode_key (barcode, 3);
      index_add (c->barcodes, k2, index);
      index_add (c->barcodes, k3, index);
    }
}

static Catalogue *
catalogue_load (CiroStore *store, GError **error)
{
  g_autoptr(Catalogue) c = g_new0 (Catalogue, 1);
  sqlite3_stmt *stmt;
  int rc;

  c->products = g_array_new (FALSE, TRUE, sizeof (Product));
  g_array_set_clear_func (c->products, product_clear);
  c->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  c->runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  c->barcodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  c->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);

  stmt = ciro_store_prepare (store, "SELECT id, sku, name, barcode FROM products ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Product p = {
        .id = sqlite3_column_int64 (stmt, 0),
        .sku = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .name = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
      };
      guint index = c->products->len;
      gint64 *key = g_new (gint64, 1);
      g_autoptr(GPtrArray) words = words_of (p.name);

      p.n_words = words->len;
      for (guint i = 0; i < words->len; i++)
        index_add (c->words, words->pdata[i], index);
      g_array_append_val (c->products, p);
      *key = p.id;
      g_hash_table_insert (c->by_id, key, GUINT_TO_POINTER (index + 1));
      index_sku_and_barcode (c, index, p.sku, (const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading products");
      return NULL;
    }

  stmt = ciro_store_prepare (store, "SELECT product_id, sku, barcode FROM variants", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (c->by_id, &id));

      if (index == 0)
        continue;
      index_sku_and_barcode (c, index - 1, (const char *) sqlite3_column_text (stmt, 1),
                             (const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading variants");
      return NULL;
    }
  g_hash_table_foreach (c->runs, sort_unique, NULL);
  g_hash_table_foreach (c->barcodes, sort_unique, NULL);
  c->common = g_new0 (guint, c->products->len + 1);
  return g_steal_pointer (&c);
}

/* What the SKU's unmatched lines carry: their barcodes and names. */
typedef struct {
  GPtrArray  *barcodes;     /* distinct */
  GHashTable *names;        /* name → count */
} LineClues;

static void
line_clues_free (gpointer data)
{
  LineClues *l = data;
  g_ptr_array_unref (l->barcodes);
  g_hash_table_unref (l->names);
  g_free (l);
}

static GHashTable *
read_line_clues (CiroStore *store, GError **error)
{
  g_autoptr(GHashTable) clues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, line_clues_free);
  sqlite3_stmt *stmt;
  int rc;

  /* unmatched lines are those with a negative product_key: an index range */
  stmt = ciro_store_prepare (store, "SELECT sku, barcode, name, count(*) FROM order_lines"
                                    " WHERE product_key < 0 GROUP BY sku, barcode, name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sku = (const char *) sqlite3_column_text (stmt, 0);
      const char *barcode = (const char *) sqlite3_column_text (stmt, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      LineClues *l = g_hash_table_lookup (clues, sku ? sku : "");

      if (l == NULL)
        {
          l = g_new0 (LineClues, 1);
          l->barcodes = g_ptr_array_new_with_free_func (g_free);
          l->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (clues, g_strdup (sku ? sku : ""), l);
        }
      if (barcode_usable (barcode) &&
          !g_ptr_array_find_with_equal_func (l->barcodes, barcode, g_str_equal, NULL))
        g_ptr_array_add (l->barcodes, g_strdup (barcode));
      if (name != NULL && *name != '\0')
        {
          gint64 n = GPOINTER_TO_SIZE (g_hash_table_lookup (l->names, name));
          g_hash_table_replace (l->names, g_strdup (name),
                                GSIZE_TO_POINTER (n + sqlite3_column_int64 (stmt, 3)));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading unmatched lines");
      return NULL;
    }
  return g_steal_pointer (&clues);
}

/* The name carried most often; the smallest of equals. */
static char *
main_name (LineClues *l)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  gsize best_n = 0;

  if (l == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, l->names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize n = GPOINTER_TO_SIZE (value);
      if (n > best_n || (n == best_n && strcmp (key, best) < 0))
        {
          best = key;
          best_n = n;
        }
    }
  return g_strdup (best);
}

typedef struct {
  double       w[3];      /* digits, barcode, name */
  CiroEvidence e[3];      /* detail NULL when absent */
} Candidate;

static void
candidate_free (gpointer data)
{
  Candidate *c = data;
  for (guint i = 0; i < 3; i++)
    g_free (c->e[i].detail);
  g_free (c);
}

static Candidate *
candidate_for (GHashTable *cands, guint index)
{
  Candidate *c = g_hash_table_lookup (cands, GUINT_TO_POINTER (index + 1));

  if (c == NULL)
    {
      c = g_new0 (Candidate, 1);
      g_hash_table_insert (cands, GUINT_TO_POINTER (index + 1), c);
    }
  return c;
}

/* Records evidence when it weighs more than what the candidate has. */
static void
offer (GHashTable *cands, guint index, CiroEvidenceKind kind, double weight, const char *detail,
       guint shared_by, guint similarity)
{
  Candidate *c = candidate_for (cands, index);

  if (weight <= c->w[kind])
    return;
  c->w[kind] = weight;
  g_free (c->e[kind].detail);
  c->e[kind] = (CiroEvidence) { kind, g_strdup (detail), weight, shared_by, similarity };
}

static double
run_weight (size_t len)
{
  return len >= 6 ? 0.85 : len == 5 ? 0.75 : 0.55;
}

static void
digit_evidence (Catalogue *c, const char *sku, GHashTable *cands)
{
  g_autoptr(GPtrArray) runs = runs_of (sku);
  guint longest = 0;

  if (runs->len == 0)
    return;
  for (guint i = 1; i < runs->len; i++)
    if (strlen (runs->pdata[i]) > strlen (runs->pdata[longest]))
      longest = i;
  for (guint i = 0; i < runs->len; i++)
    {
      const char *run = runs->pdata[i];
      GArray *list = g_hash_table_lookup (c->runs, run);
      double w;

      if (list == NULL)
        continue;
      w = run_weight (strlen (run)) * (i == longest || g_str_equal (run, runs->pdata[longest]) ? 1.0 : 0.5);
      for (guint k = 0; k < list->len; k++)
        offer (cands, g_array_index (list, guint, k), CIRO_EVIDENCE_DIGITS, w / list->len, run, list->len, 0);
    }
}

static void
barcode_evidence (Catalogue *c, LineClues *l, GHashTable *cands)
{
  if (l == NULL)
    return;
  for (guint i = 0; i < l->barcodes->len; i++)
    {
      const char *barcode = l->barcodes->pdata[i];

      for (guint drop = 2; drop <= 3; drop++)
        {
          g_autofree char *key = barcode_key (barcode, drop);
          g_autofree char *prefix = g_strndup (barcode, strlen (barcode) - drop);
          GArray *list = g_hash_table_lookup (c->barcodes, key);
          double w = drop == 2 ? 0.6 : 0.3;

          if (list == NULL)
            continue;
          for (guint k = 0; k < list->len; k++)
            offer (cands, g_array_index (list, guint, k), CIRO_EVIDENCE_BARCODE, w / list->len, prefix,
                   list->len, 0);
          break;
        }
    }
}

typedef struct {
  guint  index;
  double dice;
} NameHit;

static int
compare_hits (gconstpointer a, gconstpointer b)
{
  const NameHit *x = a, *y = b;
  if (x->dice != y->dice)
    return x->dice > y->dice ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static void
name_evidence (Catalogue *c, const char *name, GHashTable *cands)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GArray) touched = NULL;
  g_autoptr(GArray) hits = NULL;

  if (name == NULL)
    return;
  words = words_of (name);
  if (words->len == 0)
    return;
  touched = g_array_new (FALSE, FALSE, sizeof (guint));
  hits = g_array_new (FALSE, FALSE, sizeof (NameHit));
  for (guint i = 0; i < words->len; i++)
    {
      GArray *list = g_hash_table_lookup (c->words, words->pdata[i]);
      if (list == NULL)
        continue;
      for (guint k = 0; k < list->len; k++)
        {
          guint index = g_array_index (list, guint, k);
          if (c->common[index]++ == 0)
            g_array_append_val (touched, index);
        }
    }
  for (guint i = 0; i < touched->len; i++)
    {
      guint index = g_array_index (touched, guint, i);
      const Product *p = &g_array_index (c->products, Product, index);
      guint common = c->common[index];

      c->common[index] = 0;
      /* D ≥ 0.5 ⇔ 4·common ≥ |a| + |b| */
      if (4 * common >= words->len + p->n_words)
        {
          NameHit h = { index, 2.0 * common / (double) (words->len + p->n_words) };
          g_array_append_val (hits, h);
        }
    }
  g_array_sort (hits, compare_hits);
  for (guint i = 0; i < hits->len;)
    {
      guint end = i;
      while (end < hits->len && g_array_index (hits, NameHit, end).dice == g_array_index (hits, NameHit, i).dice)
        end++;
      for (guint k = i; k < end; k++)
        {
          const NameHit *h = &g_array_index (hits, NameHit, k);
          offer (cands, h->index, CIRO_EVIDENCE_NAME, 0.6 * h->dice / (end - i), name, end - i,
                 (guint) floor (h->dice * 100.0 + 1e-9));
        }
      i = end;
    }
}

static int
compare_suggestions (gconstpointer a, gconstpointer b)
{
  const CiroSuggestion *x = *(CiroSuggestion *const *) a, *y = *(CiroSuggestion *const *) b;
  int c;

  if (x->percent != y->percent)
    return x->percent > y->percent ? -1 : 1;
  if (x->confidence != y->confidence)
    return x->confidence > y->confidence ? -1 : 1;
  if ((c = g_strcmp0 (x->product_sku, y->product_sku)) != 0)
    return c;
  return (x->product_id > y->product_id) - (x->product_id < y->product_id);
}

static GPtrArray *
suggest_one (Catalogue *c, const char *sku, LineClues *l, const char *name)
{
  g_autoptr(GHashTable) cands = g_hash_table_new_full (NULL, NULL, NULL, candidate_free);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_suggestion_free);
  GHashTableIter iter;
  gpointer key, value;

  digit_evidence (c, sku, cands);
  barcode_evidence (c, l, cands);
  name_evidence (c, name, cands);

  g_hash_table_iter_init (&iter, cands);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Candidate *cand = value;
      const Product *p = &g_array_index (c->products, Product, GPOINTER_TO_UINT (key) - 1);
      CiroSuggestion *s = g_new0 (CiroSuggestion, 1);

      s->product_id = p->id;
      s->product_sku = g_strdup (p->sku);
      s->product_name = g_strdup (p->name);
      s->confidence = 1.0 - (1.0 - cand->w[0]) * (1.0 - cand->w[1]) * (1.0 - cand->w[2]);
      s->percent = (guint) floor (s->confidence * 100.0 + 1e-9);
      s->evidence = g_array_new (FALSE, TRUE, sizeof (CiroEvidence));
      g_array_set_clear_func (s->evidence, evidence_clear);
      for (guint i = 0; i < 3; i++)
        if (cand->e[i].detail != NULL)
          {
            CiroEvidence e = cand->e[i];
            e.detail = g_strdup (e.detail);
            g_array_append_val (s->evidence, e);
          }
      g_ptr_array_add (out, s);
    }
  g_ptr_array_sort (out, compare_suggestions);
  if (out->len > CIRO_SUGGEST_MAX)
    g_ptr_array_set_size (out, CIRO_SUGGEST_MAX);
  return out;
}

GPtrArray *
ciro_suggest_mappings (CiroStore     *store,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GArray) unmatched = NULL;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);

  if ((unmatched = ciro_report_unmatched (store, error)) == NULL)
    return NULL;
  return ciro_suggest_for_rows (store, unmatched, cancellable, error);
}

GPtrArray *
ciro_suggest_for_rows (CiroStore     *store,
                       GArray        *unmatched,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(Catalogue) c = NULL;
  g_autoptr(GHashTable) clues = NULL;
  g_autoptr(GPtrArray) out = NULL;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  g_return_val_if_fail (unmatched != NULL, NULL);

  if ((c = catalogue_load (store, error)) == NULL ||
      (clues = read_line_clues (store, error)) == NULL)
    return NULL;

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_sku_suggestions_free);
  for (guint i = 0; i < unmatched->len; i++)
    {
      const CiroUnmatchedRow *u = &g_array_index (unmatched, CiroUnmatchedRow, i);
      CiroSkuSuggestions *s = g_new0 (CiroSkuSuggestions, 1);
      LineClues *l = g_hash_table_lookup (clues, u->sku ? u->sku : "");

      if (i % 64 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ciro_sku_suggestions_free (s);
          return NULL;
        }
      s->sku = g_strdup (u->sku);
      s->lines = u->lines;
      s->units = u->units;
      s->revenue = u->revenue;
      s->last_day = u->last_day;
      s->line_name = main_name (l);
      s->suggestions = suggest_one (c, s->sku, l, s->line_name);
      g_ptr_array_add (out, s);
    }
  return g_steal_pointer (&out);
}

const CiroSuggestion *
ciro_sku_suggestions_pick (const CiroSkuSuggestions *self, guint min_percent)
{
  const CiroSuggestion *best, *next;

  g_return_val_if_fail (self != NULL, NULL);
  if (self->suggestions == NULL || self->suggestions->len == 0)
    return NULL;
  best = self->suggestions->pdata[0];
  next = self->suggestions->len > 1 ? self->suggestions->pdata[1] : NULL;
  if (best->percent < min_percent || (next != NULL && next->percent >= best->percent))
    return NULL;
  return best;
}

gboolean
ciro_suggest_accept_above (CiroStore   *store,
                           GPtrArray   *all,
                           guint        min_percent,
                           GPtrArray  **changes,
                           GError     **error)
{
  g_autoptr(GArray) sets = g_array_new (FALSE, TRUE, sizeof (CiroMappingSet));

  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);
  g_return_val_if_fail (all != NULL, FALSE);

  for (guint i = 0; i < all->len; i++)
    {
      const CiroSkuSuggestions *s = all->pdata[i];
      const CiroSuggestion *pick = ciro_sku_suggestions_pick (s, min_percent);
      if (pick != NULL)
        {
          CiroMappingSet set = { s->sku, pick->product_id, 0 };
          g_array_append_val (sets, set);
        }
    }
  return ciro_store_set_mappings (store, (const CiroMappingSet *) sets->data, sets->len, changes, error);
}

char *
ciro_evidence_describe (const CiroEvidence *e, CiroNumberStyle style)
{
  g_autofree char *text = NULL;

  switch (e->kind)
    {
    case CIRO_EVIDENCE_DIGITS:
      text = g_strdup_printf (_("same digits %s"), e->detail);
      break;
    case CIRO_EVIDENCE_BARCODE:
      text = g_strdup_printf (_("barcode starts %s…"), e->detail);
      break;
    case CIRO_EVIDENCE_NAME:
    default:
      {
        g_autofree char *pct = ciro_percent_format (e->similarity, 0, style);
        text = g_strdup_printf (_("name “%s” %s alike"), e->detail, pct);
      }
      break;
    }
  if (e->shared_by > 1)
    {
      g_autofree char *shared = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "shared by %u product",
                                                              "shared by %u products", e->shared_by),
                                                 e->shared_by);
      return g_strdup_printf ("%s (%s)", text, shared);
    }
  return g_steal_pointer (&text);
}

/* "ESKI-KOD-105866 → Premium Deri Sneaker: 41 lines, ₺67,055.00 now costed" */
char *
ciro_mapping_change_describe (const CiroMappingChange *c, const char *product, CiroNumberStyle style)
{
  g_autofree char *money = ciro_money_format (c->costed_lines ? c->costed_revenue : c->revenue, style);
  g_autofree char *count = ciro_count_format (c->lines, style);

  if (c->lines == 0)
    return g_strdup_printf (_("%s → %s: no line moved"), c->sku, product);
  if (c->costed_lines > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s → %s: %s line, %s now costed",
                                         "%s → %s: %s lines, %s now costed", (gulong) c->lines),
                            c->sku, product, count, money);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s → %s: %s line moved, %s",
                                       "%s → %s: %s lines moved, %s", (gulong) c->lines),
                          c->sku, product, count, money);
}

