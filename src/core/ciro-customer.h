/* ciro-customer.h: who bought (the customer key of insights.md §4) and how
 * a customer's personal data is masked (KVKK)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The key of a customer that has no Sentos id: "mail:" and the trimmed,
 * lower-cased e-mail when it contains '@'; else "tel:" and the last 10
 * digits of the phone when it has at least 10; else NULL (the order has no
 * customer). */
char *ciro_customer_alt_key (const char *email,
                             const char *phone);
/* The full key: "id:<id>" when id is non-zero, else ciro_customer_alt_key. */
char *ciro_customer_key     (gint64      id,
                             const char *email,
                             const char *phone);

/* Masks, each word of a name keeping its first two letters ("Ay*** Yı***"),
 * an e-mail keeping the first letter and the domain ("a***@example.com"),
 * a phone keeping the first four and the last two digits of its national
 * form ("0532 *** ** 67"). NULL in, NULL out. */
char *ciro_mask_name        (const char *name);
char *ciro_mask_email       (const char *email);
char *ciro_mask_phone       (const char *phone);
/* A customer key with its e-mail or phone masked ("id:" keys are kept). */
char *ciro_mask_customer_key (const char *key);

G_END_DECLS
