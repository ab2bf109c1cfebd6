/* ciro-sku-suggest.h: which product an unknown SKU probably is
 *
 * For every SKU of the Unmatched list, the products it most likely is,
 * ranked, each with a confidence and the evidence behind it. The scoring
 * is deterministic (same store, same answer) and deliberately simple:
 *
 * Evidence (each gives a weight w in [0, 1]; k is the number of products
 * holding the same evidence, and the weight is divided by k, so that an
 * ambiguous clue never decides alone):
 *
 * - digits: the digit runs of the SKU (maximal runs of 0–9, leading zeros
 *   dropped, 4 significant digits at least) against the runs of the
 *   product's SKU and its variants' SKUs. The SKU's longest run (the first
 *   of equal length) found in the product: w = 0.85 for 6 digits or more,
 *   0.75 for 5, 0.55 for 4; only a shorter run found: half of that.
 *   "ESKI-KOD-105866" and "S00105866" share 105866: 0.85.
 * - barcode: a barcode of the SKU's lines (8 digits or more) that agrees
 *   with a barcode of the product or a variant, of the same length, in all
 *   but the last two digits (the item's last digit and the check digit):
 *   w = 0.6; all but the last three: w = 0.3.
 * - name: the name the SKU's lines carry most often against the product's
 *   name, both folded (Turkish lower case, then İ/ı/ş/ğ/ü/ö/ç and other
 *   accents to plain letters) and cut into words; with Dice's coefficient
 *   D = 2·|common words| / (|words of one| + |words of the other|) ≥ 0.5:
 *   w = 0.6 · D; k counts the products with the same D.
 *
 * confidence = 1 − (1 − w_digits)(1 − w_barcode)(1 − w_name); its percent
 * is rounded down. Products are ranked by confidence, then by SKU and id;
 * at most CIRO_SUGGEST_MAX per SKU.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "core/ciro-money.h"
#include "core/ciro-types.h"
#include "store/ciro-store.h"

G_BEGIN_DECLS

#define CIRO_SUGGEST_MAX 5
/* The confidence "accept all" proposes. */
#define CIRO_SUGGEST_DEFAULT_PERCENT 80

typedef enum {
  CIRO_EVIDENCE_DIGITS,
  CIRO_EVIDENCE_BARCODE,
  CIRO_EVIDENCE_NAME,
} CiroEvidenceKind;

typedef struct {
  CiroEvidenceKind kind;
  char            *detail;      /* the digit run, the shared barcode prefix, the line name */
  double           weight;      /* after the division by shared_by */
  guint            shared_by;   /* products holding the same evidence */
  guint            similarity;  /* name: D in percent; else 0 */
} CiroEvidence;

typedef struct {
  gint64  product_id;
  char   *product_sku;
  char   *product_name;
  double  confidence;   /* 0–1 */
  guint   percent;      /* confidence × 100, rounded down */
  GArray *evidence;     /* CiroEvidence, in the order digits, barcode, name */
} CiroSuggestion;

typedef struct {
  char      *sku;
  gint64     lines;         /* as the Unmatched list counts them */
  gint64     units;
  CiroKurus  revenue;
  CiroDay    last_day;
  char      *line_name;     /* the name its lines carry most often, or NULL */
  GPtrArray *suggestions;   /* CiroSuggestion, best first */
} CiroSkuSuggestions;

void ciro_suggestion_free      (CiroSuggestion *self);
void ciro_sku_suggestions_free (CiroSkuSuggestions *self);

/* Every SKU of the Unmatched list (ciro_report_unmatched's order), with
 * its suggestions (perhaps none). Elements: CiroSkuSuggestions. */
GPtrArray *ciro_suggest_mappings (CiroStore     *store,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* The same for the rows of ciro_report_unmatched () the caller has. */
GPtrArray *ciro_suggest_for_rows (CiroStore     *store,
                                  GArray        *unmatched,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* The SKU's best suggestion when its percent is at least min_percent and
 * the next one's is lower (a tie is not a choice); else NULL. */
const CiroSuggestion *ciro_sku_suggestions_pick (const CiroSkuSuggestions *self,
                                                 guint                     min_percent);

/* Maps, in one transaction, every SKU of `all` whose pick at min_percent
 * exists. *changes: as ciro_store_set_mappings (empty when none qualified). */
gboolean ciro_suggest_accept_above (CiroStore   *store,
                                    GPtrArray   *all,
                                    guint        min_percent,
                                    GPtrArray  **changes,
                                    GError     **error);

/* For people, in the user's language: "same digits 105866 (shared by 2
 * products)", "barcode starts 86811112223…", "name “Kalem Seti” 80% alike". */
char *ciro_evidence_describe (const CiroEvidence *e, CiroNumberStyle style);
/* "ESKI-KOD-105866 → Premium Deri Sneaker: 41 lines, ₺67,055.00 now
 * costed" (product: a name or SKU for people). */
char *ciro_mapping_change_describe (const CiroMappingChange *c,
                                    const char              *product,
                                    CiroNumberStyle          style);

/* The folding the name evidence uses: Turkish lower case, accents off
 * ("İPEK Şal" → "ipek sal"). */
char *ciro_suggest_fold (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroSuggestion, ciro_suggestion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroSkuSuggestions, ciro_sku_suggestions_free)

G_END_DECLS
