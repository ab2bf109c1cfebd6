/* ciro-test-util.h: what the tests share: temporary stores, reference
 * stores built by the demo generator, and bounded waits on the main loop
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "demo/ciro-demo.h"
#include "store/ciro-store.h"

G_BEGIN_DECLS

/* A new temporary folder, named after `what`. */
char      *ciro_test_tmpdir        (const char *what);
/* Removes a store file with its -wal and -shm. */
void       ciro_test_remove_store  (const char *path);
/* Opens `path` and fills it with the demo generator: `n_orders` orders of
 * `n_products` products over `n_days` days (0: the generator's) ending
 * `end_day` (CIRO_DAY_INVALID: today). */
CiroStore *ciro_test_reference_store (const char *path,
                                      guint64     n_orders,
                                      guint       n_products,
                                      guint       seed,
                                      CiroDay     end_day,
                                      guint       n_days);

/* Asserts that the KDV columns of the category rollups (roll_day_category
 * and roll_month_category: output_vat, cost_ex_vat) equal the net lines'
 * sums taken straight from the order lines, row by row, and that there is
 * KDV to compare (`when` names the moment in the failure). */
void       ciro_test_assert_category_vat (sqlite3    *db,
                                          const char *when);

/* The ranking of [from, to] for marketplace `mp` (NULL: all) against sums
 * of the order lines: the same products and figures, named after their
 * products or SKUs, in the ranking's order. */
void       ciro_test_assert_ranking_window (CiroStore  *store,
                                            CiroDay     from,
                                            CiroDay     to,
                                            const char *mp,
                                            const char *when);

/* Asserts that the product ranking of many windows (random ones, partial
 * months at both ends, single days, the whole range, empty windows before
 * and after the orders, all marketplaces and each one) holds, product by
 * product and to the kuruş, the sums taken straight from the order lines
 * (`when` names the moment in the failure). */
void       ciro_test_assert_ranking (CiroStore  *store,
                                     const char *when);

typedef gboolean (*CiroTestCondition) (gpointer data);
/* Runs the default main context until `cond (data)` holds or `seconds`
 * pass; TRUE when it held. */
gboolean   ciro_test_wait_until    (CiroTestCondition cond,
                                    gpointer          data,
                                    guint             seconds);
/* Until *flag is non-zero. */
gboolean   ciro_test_wait_flag     (const int *flag,
                                    guint      seconds);

G_END_DECLS
