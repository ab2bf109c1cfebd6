/* ciro-spin-row.h: a row editing one number, with its unit
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIRO_TYPE_SPIN_ROW (ciro_spin_row_get_type ())
G_DECLARE_FINAL_TYPE (CiroSpinRow, ciro_spin_row, CIRO, SPIN_ROW, AdwActionRow)

/* Properties: key (the spin button's widget name, what the owner and tests
 * find it by), unit (the text after the number) with its unit-width in
 * characters and unit-xalign, so that the rows of a group line up; lower,
 * upper, step and digits; value. */
const char    *ciro_spin_row_get_key   (CiroSpinRow *self);
GtkSpinButton *ciro_spin_row_get_spin  (CiroSpinRow *self);
double         ciro_spin_row_get_value (CiroSpinRow *self);
void           ciro_spin_row_set_value (CiroSpinRow *self,
                                        double       value);

G_END_DECLS
