/* ciro-schema.c: the store's tables, version by version
 *
 * Conventions: money in integer kuruş, rates in basis points (2150 = 21.5 %),
 * days as days since 1970-01-01 in Istanbul (CiroDay), months as
 * y * 12 + (m - 1). Rollups hold plain sums; every derived figure (net
 * revenue, profit, margin, shipping expense) is computed when read.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ciro-schema.h"

static const char schema_v1[] =
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"

  "CREATE TABLE marketplaces ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  commission INTEGER NOT NULL,"      /* basis points */
  "  shipping_cost INTEGER NOT NULL);"  /* kuruş per order */

  "CREATE TABLE products ("
  "  id INTEGER PRIMARY KEY,"           /* Sentos id */
  "  sku TEXT NOT NULL DEFAULT '',"
  "  name TEXT NOT NULL DEFAULT '',"
  "  brand TEXT,"
  "  category_id INTEGER,"
  "  category TEXT,"
  "  barcode TEXT,"
  "  purchase_price INTEGER NOT NULL DEFAULT 0,"
  "  sale_price INTEGER NOT NULL DEFAULT 0,"
  "  vat_rate INTEGER NOT NULL DEFAULT 1000,"
  "  currency TEXT,"
  "  image_url TEXT,"
  "  stock INTEGER NOT NULL DEFAULT 0,"  /* Σ variants' (or own) stocks */
  "  active INTEGER NOT NULL DEFAULT 1,"
  "  match_sig INTEGER NOT NULL DEFAULT 0," /* hash of what matching and costing read */
  "  first_seen INTEGER NOT NULL,"       /* unix time */
  "  last_seen INTEGER NOT NULL);"
  "CREATE INDEX products_sku ON products (sku);"
  "CREATE INDEX products_barcode ON products (barcode);"

  "CREATE TABLE variants ("
  "  id INTEGER PRIMARY KEY,"
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  sku TEXT NOT NULL DEFAULT '',"
  "  barcode TEXT,"
  "  color TEXT,"
  "  model_name TEXT,"
  "  model_value TEXT,"
  "  purchase_price INTEGER,"            /* NULL: the parent's applies */
  "  vat_rate INTEGER,"
  "  image_url TEXT,"
  "  stock INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX variants_product ON variants (product_id);"
  "CREATE INDEX variants_sku ON variants (sku);"

  "CREATE TABLE warehouses ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT);"

  /* variant_id 0 = the product's own stock */
  "CREATE TABLE stocks ("
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  variant_id INTEGER NOT NULL,"
  "  warehouse_id INTEGER NOT NULL,"
  "  stock INTEGER NOT NULL,"
  "  PRIMARY KEY (product_id, variant_id, warehouse_id)) WITHOUT ROWID;"

  /* kind 0 = product, 1 = variant; source 0 = Sentos, 1 = the user */
  "CREATE TABLE cost_history ("
  "  kind INTEGER NOT NULL,"
  "  entity_id INTEGER NOT NULL,"
  "  source INTEGER NOT NULL,"
  "  from_day INTEGER NOT NULL,"
  "  purchase_price INTEGER NOT NULL,"
  "  vat_rate INTEGER NOT NULL,"
  "  PRIMARY KEY (kind, entity_id, source, from_day)) WITHOUT ROWID;"

  "CREATE TABLE customers ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT,"
  "  email TEXT,"
  "  phone TEXT);"

  "CREATE TABLE orders ("
  "  id INTEGER PRIMARY KEY,"            /* Sentos id */
  "  order_code TEXT,"
  "  day INTEGER NOT NULL,"
  "  seconds INTEGER NOT NULL,"
  "  created_at TEXT,"
  "  updated_at TEXT,"
  "  source TEXT,"
  "  marketplace_id INTEGER NOT NULL REFERENCES marketplaces (id),"
  "  shop TEXT,"
  "  status INTEGER NOT NULL,"
  "  total INTEGER NOT NULL DEFAULT 0,"
  "  shipping_total INTEGER NOT NULL DEFAULT 0,"
  "  carrying_charge INTEGER NOT NULL DEFAULT 0,"
  "  service_fee INTEGER NOT NULL DEFAULT 0,"
  "  cargo_provider TEXT,"
  "  cargo_number TEXT,"
  "  has_invoice TEXT,"
  "  invoice_type TEXT,"
  "  invoice_number TEXT,"
  "  customer_id INTEGER,"
  "  city TEXT,"
  "  district TEXT,"
  "  country TEXT,"
  "  line_count INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX orders_day ON orders (day, seconds);"
  "CREATE INDEX orders_customer ON orders (customer_id);"

  /* product_id: the matched parent product (NULL when unmatched);
   * product_key: product_id, or -(unmatched_skus.id) for an unmatched line;
   * unit_cost with VAT, cost = quantity × unit_cost, commission per line. */
  "CREATE TABLE order_lines ("
  "  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
  "  pos INTEGER NOT NULL,"
  "  line_id INTEGER,"
  "  sku TEXT NOT NULL DEFAULT '',"
  "  name TEXT,"
  "  barcode TEXT,"
  "  color TEXT,"
  "  model_name TEXT,"
  "  model_value TEXT,"
  "  line_status TEXT,"
  "  quantity INTEGER NOT NULL DEFAULT 0,"
  "  price INTEGER NOT NULL DEFAULT 0,"
  "  discount INTEGER NOT NULL DEFAULT 0,"
  "  amount INTEGER NOT NULL DEFAULT 0,"
  "  vat_rate INTEGER NOT NULL DEFAULT 1000,"
  "  product_id INTEGER,"
  "  variant_id INTEGER,"
  "  match_rule INTEGER NOT NULL DEFAULT 0,"
  "  product_key INTEGER NOT NULL,"
  "  unit_cost INTEGER NOT NULL DEFAULT 0,"
  "  cost INTEGER NOT NULL DEFAULT 0,"
  "  commission INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (order_id, pos)) WITHOUT ROWID;"
  "CREATE INDEX order_lines_product ON order_lines (product_key);"

  "CREATE TABLE unmatched_skus ("
  "  id INTEGER PRIMARY KEY,"
  "  sku TEXT NOT NULL UNIQUE);"

  "CREATE TABLE sku_mappings ("
  "  sku TEXT PRIMARY KEY,"
  "  product_id INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL);"

  "CREATE TABLE sync_runs ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"                /* full, live, products, orders, demo */
  "  started_at INTEGER NOT NULL,"       /* unix time */
  "  finished_at INTEGER,"
  "  status TEXT NOT NULL,"              /* running, ok, failed, cancelled */
  "  pages INTEGER NOT NULL DEFAULT 0,"
  "  products INTEGER NOT NULL DEFAULT 0,"
  "  orders INTEGER NOT NULL DEFAULT 0,"
  "  lines INTEGER NOT NULL DEFAULT 0,"
  "  skipped INTEGER NOT NULL DEFAULT 0,"
  "  retries INTEGER NOT NULL DEFAULT 0,"
  "  error TEXT,"
  "  resume TEXT);"                      /* where an interrupted run goes on */

  /* Per day and marketplace: plain sums over orders and lines.
   * gross_*: all orders; cr_*: status-6 orders; net_cost, net_commission,
   * unmatched_*: net lines only. Shipping expense is net orders × the
   * marketplace's shipping cost, computed when read. */
  "CREATE TABLE roll_day_mp ("
  "  day INTEGER NOT NULL,"
  "  marketplace_id INTEGER NOT NULL,"
  "  gross_orders INTEGER NOT NULL,"
  "  gross_units INTEGER NOT NULL,"
  "  gross_amount INTEGER NOT NULL,"     /* Σ line amount */
  "  gross_shipping INTEGER NOT NULL,"   /* Σ shipping_total */
  "  cr_orders INTEGER NOT NULL,"
  "  cr_units INTEGER NOT NULL,"
  "  cr_amount INTEGER NOT NULL,"
  "  cr_shipping INTEGER NOT NULL,"
  "  net_cost INTEGER NOT NULL,"
  "  net_commission INTEGER NOT NULL,"
  "  unmatched_lines INTEGER NOT NULL,"
  "  unmatched_amount INTEGER NOT NULL,"
  "  PRIMARY KEY (day, marketplace_id)) WITHOUT ROWID;"

  /* Per day (or month), marketplace and product_key: net lines' sums,
   * orders = distinct net orders, return_units from status-6 orders. */
  "CREATE TABLE roll_day_product ("
  "  day INTEGER NOT NULL,"
  "  marketplace_id INTEGER NOT NULL,"
  "  product_key INTEGER NOT NULL,"
  "  revenue INTEGER NOT NULL,"
  "  units INTEGER NOT NULL,"
  "  orders INTEGER NOT NULL,"
  "  cost INTEGER NOT NULL,"
  "  commission INTEGER NOT NULL,"
  "  return_units INTEGER NOT NULL,"
  "  PRIMARY KEY (day, marketplace_id, product_key)) WITHOUT ROWID;"
  "CREATE TABLE roll_month_product ("
  "  month INTEGER NOT NULL,"
  "  marketplace_id INTEGER NOT NULL,"
  "  product_key INTEGER NOT NULL,"
  "  revenue INTEGER NOT NULL,"
  "  units INTEGER NOT NULL,"
  "  orders INTEGER NOT NULL,"
  "  cost INTEGER NOT NULL,"
  "  commission INTEGER NOT NULL,"
  "  return_units INTEGER NOT NULL,"
  "  PRIMARY KEY (month, marketplace_id, product_key)) WITHOUT ROWID;"
  /* Last net sale per product_key, for dead stock without scanning lines. */
  "CREATE INDEX roll_day_product_key ON roll_day_product (product_key, day);";

/* v2: what desktop alerts remember between syncs (a product already
 * reported low, the day a margin warning or a summary went out). */
static const char schema_v2[] =
  "CREATE TABLE alert_state ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL) WITHOUT ROWID;";

/* v3: the store's own state: "open" is 1 while a program has the store
 * open and 0 once the last one closed it cleanly; "checked_at" the unix
 * time SQLite's quick_check last found it sound. */
static const char schema_v3[] =
  "CREATE TABLE store_state ("
  "  key TEXT PRIMARY KEY,"
  "  value INTEGER NOT NULL) WITHOUT ROWID;";

/* v4: profit after KDV (profit.md). Per line the KDV inside its amount
 * (output_vat) and its cost without KDV (cost_ex_vat); per order the KDV
 * inside its shipping income; both summed over net lines and orders into the
 * rollups. rate_history holds the settings that apply "from a date on":
 * key fee_vat and shipping_vat (basis points, no marketplace), service_fee
 * (kuruş per net order, per marketplace) and category_commission (basis
 * points, per marketplace and category, the category folded with Turkish
 * rules). cost_entries holds ad spend (kind 0) and other expenses (kind 1):
 * one day, or monthly from the month of `day` to that of `until_day` (NULL:
 * until stopped), spread over each month's days. Stores written before v4
 * have their lines recomputed when opened. */
static const char schema_v4[] =
  "ALTER TABLE order_lines ADD COLUMN output_vat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE order_lines ADD COLUMN cost_ex_vat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE orders ADD COLUMN shipping_vat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_mp ADD COLUMN net_output_vat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_mp ADD COLUMN net_cost_ex_vat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_product ADD COLUMN output_vat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_product ADD COLUMN cost_ex_vat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_month_product ADD COLUMN output_vat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_month_product ADD COLUMN cost_ex_vat INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE rate_history ("
  "  key TEXT NOT NULL,"
  "  marketplace TEXT NOT NULL DEFAULT '',"
  "  category TEXT NOT NULL DEFAULT '',"
  "  from_day INTEGER NOT NULL,"
  "  value INTEGER NOT NULL,"
  "  PRIMARY KEY (key, marketplace, category, from_day)) WITHOUT ROWID;"
  "CREATE TABLE cost_entries ("
  "  id INTEGER PRIMARY KEY,"
  "  kind INTEGER NOT NULL,"
  "  day INTEGER NOT NULL,"
  "  monthly INTEGER NOT NULL DEFAULT 0,"
  "  until_day INTEGER,"
  "  marketplace TEXT,"
  "  amount INTEGER NOT NULL,"
  "  name TEXT,"
  "  category TEXT,"
  "  note TEXT);"
  "CREATE INDEX cost_entries_kind ON cost_entries (kind, day);"
  "INSERT OR REPLACE INTO settings (key, value)"
  " SELECT 'needs_recompute', '1' WHERE EXISTS (SELECT 1 FROM order_lines);";

/* v5: fees the marketplace actually charged (profit.md "Actual fees from
 * the marketplace"), imported per order: NULL where the file said nothing,
 * so the estimate applies. An order with an actual commission has it split
 * over its lines (their commission column), so that every product and
 * category figure follows; actual service fees and cargo are summed per day
 * and marketplace over net orders, with the number of net orders they
 * replace the estimate for. fee_mappings remembers, per marketplace, which
 * columns of the marketplace's file hold what. */
static const char schema_v5[] =
  "ALTER TABLE orders ADD COLUMN actual_commission INTEGER;"
  "ALTER TABLE orders ADD COLUMN actual_service_fee INTEGER;"
  "ALTER TABLE orders ADD COLUMN actual_cargo INTEGER;"
  "ALTER TABLE roll_day_mp ADD COLUMN net_actual_commission INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_mp ADD COLUMN net_actual_fee_orders INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_mp ADD COLUMN net_actual_service_fee INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_mp ADD COLUMN net_actual_cargo_orders INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_mp ADD COLUMN net_actual_cargo INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE fee_mappings ("
  "  marketplace TEXT PRIMARY KEY,"
  "  mapping TEXT NOT NULL) WITHOUT ROWID;";

/* v6: category rollups (insights.md §1), kept like the product ones. Per
 * day (or month), marketplace and category key (CIRO_SCHEMA_CATEGORY_KEY:
 * the category as the line's product had it when the rollup was written;
 * a product whose category changes moves its orders along): `orders` counts
 * the distinct net orders with a line in the category, so that an order
 * counts once per category it touches and the figure adds up over days,
 * months and marketplaces; the other sums are the net lines', return_units
 * from status-6 orders. Filled from the orders the store already has. */
static const char schema_v6[] =
  "CREATE TABLE roll_day_category ("
  "  day INTEGER NOT NULL,"
  "  marketplace_id INTEGER NOT NULL,"
  "  category TEXT NOT NULL,"
  "  orders INTEGER NOT NULL,"
  "  revenue INTEGER NOT NULL,"
  "  units INTEGER NOT NULL,"
  "  cost INTEGER NOT NULL,"
  "  commission INTEGER NOT NULL,"
  "  return_units INTEGER NOT NULL,"
  "  PRIMARY KEY (day, marketplace_id, category)) WITHOUT ROWID;"
  "CREATE TABLE roll_month_category ("
  "  month INTEGER NOT NULL,"
  "  marketplace_id INTEGER NOT NULL,"
  "  category TEXT NOT NULL,"
  "  orders INTEGER NOT NULL,"
  "  revenue INTEGER NOT NULL,"
  "  units INTEGER NOT NULL,"
  "  cost INTEGER NOT NULL,"
  "  commission INTEGER NOT NULL,"
  "  return_units INTEGER NOT NULL,"
  "  PRIMARY KEY (month, marketplace_id, category)) WITHOUT ROWID;"
  /* the fill as it was then: the tables have no KDV columns before v12 */
  "INSERT INTO roll_day_category"
  " SELECT o.day, o.marketplace_id, " CIRO_SCHEMA_CATEGORY_KEY ("l.product_key", "p") " AS c,"
  "  count (DISTINCT CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN o.id END),"
  "  " CIRO_SCHEMA_NET_SUM ("l.amount") ", " CIRO_SCHEMA_NET_SUM ("l.quantity") ","
  "  " CIRO_SCHEMA_NET_SUM ("l.cost") ", " CIRO_SCHEMA_NET_SUM ("l.commission") ","
  "  sum (CASE WHEN o.status = " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN l.quantity ELSE 0 END)"
  " FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN products p ON p.id = l.product_key"
  " GROUP BY o.day, o.marketplace_id, c;"
  "INSERT INTO roll_month_category"
  " SELECT (CAST (strftime ('%Y', day * 86400, 'unixepoch') AS INTEGER)) * 12"
  "  + CAST (strftime ('%m', day * 86400, 'unixepoch') AS INTEGER) - 1 AS m, marketplace_id, category,"
  "  sum (orders), sum (revenue), sum (units), sum (cost), sum (commission), sum (return_units)"
  " FROM roll_day_category GROUP BY m, marketplace_id, category;";

/* v7: shipping and carriers (insights.md §3). order_status_events is the
 * status timeline: the first moment (unix time) each status was seen for
 * each order; a store written before v7 starts it with each order's current
 * status. roll_day_carrier holds per day, marketplace and carrier (its
 * normalised name) plain sums and the distributions of the days to ship and
 * to deliver: blobs of (bucket, count, Σ seconds past the bucket's start)
 * with buckets of a tenth of a day (ciro-carrier-rollup.h); rebuilt by the
 * recompute the migration asks for. orders_open finds the orders still on
 * their way. */
static const char schema_v7[] =
  "CREATE TABLE order_status_events ("
  "  order_id INTEGER NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  PRIMARY KEY (order_id, status)) WITHOUT ROWID;"
  "INSERT INTO order_status_events (order_id, status, at)"
  " SELECT id, status,"
  "  CASE WHEN unixepoch (replace (trim (updated_at), 'T', ' ')) - 10800 >= day * 86400 + seconds - 10800"
  "   THEN unixepoch (replace (trim (updated_at), 'T', ' ')) - 10800 ELSE unixepoch ('now') END"
  " FROM orders;"
  "CREATE TABLE roll_day_carrier ("
  "  day INTEGER NOT NULL,"
  "  marketplace_id INTEGER NOT NULL,"
  "  carrier TEXT NOT NULL,"
  "  orders INTEGER NOT NULL,"
  "  net_orders INTEGER NOT NULL,"
  "  shipping_income INTEGER NOT NULL,"  /* Σ shipping_total over net orders */
  "  shipped INTEGER NOT NULL,"          /* orders seen shipped or delivered */
  "  returned INTEGER NOT NULL,"         /* of those, status 6 now */
  "  ship_hist BLOB,"
  "  deliver_hist BLOB,"
  "  PRIMARY KEY (day, marketplace_id, carrier)) WITHOUT ROWID;"
  "CREATE INDEX orders_open ON orders (day) WHERE status NOT IN (6, 99);"
  "INSERT OR REPLACE INTO settings (key, value)"
  " SELECT 'needs_recompute', '1' WHERE EXISTS (SELECT 1 FROM orders);";

/* v8: customers (insights.md §4). lines_amount is Σ of the order's line
 * amounts, so a customer's net revenue needs no scan of the lines; an order
 * without a Sentos customer id keeps the customer key of its e-mail or phone
 * ("mail:…", "tel:…", NULL when it has neither) and the name it gave. */
static const char schema_v8[] =
  "ALTER TABLE orders ADD COLUMN lines_amount INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE orders ADD COLUMN customer_key TEXT;"
  "ALTER TABLE orders ADD COLUMN customer_name TEXT;"
  "UPDATE orders SET lines_amount = coalesce ((SELECT sum (l.amount) FROM order_lines l"
  "                                            WHERE l.order_id = orders.id), 0);";

/* v9: the months each product sold in, a row per year, marketplace and
 * product_key (marketplace 0: any), for the distinct products of a window
 * without reading every month's product rows (CIRO_SCHEMA_FILL_YEAR_PRODUCT
 * says what lo and hi hold). Kept by the rollup writer whenever a
 * roll_month_product row's orders go from 0 to more or back. */
static const char schema_v9[] =
  "CREATE TABLE roll_year_product ("
  "  year INTEGER NOT NULL,"
  "  marketplace_id INTEGER NOT NULL,"
  "  product_key INTEGER NOT NULL,"
  "  lo INTEGER NOT NULL,"
  "  hi INTEGER NOT NULL,"
  "  PRIMARY KEY (year, marketplace_id, product_key)) WITHOUT ROWID;"
  CIRO_SCHEMA_FILL_YEAR_PRODUCT;

/* v10: order_transit holds the orders on their way (shipped, not delivered,
 * not cancelled) with what the late-orders list shows, so that the late
 * orders of two years of a million orders are read from a few thousand
 * small rows instead of the orders table (order_transit_carrier counts
 * them per marketplace and carrier without sorting); filled by the recompute the
 * migration asks for (the carrier's normalised name is computed in C). */
static const char schema_v10[] =
  "CREATE TABLE order_transit ("
  "  order_id INTEGER PRIMARY KEY,"
  "  day INTEGER NOT NULL,"
  "  marketplace_id INTEGER NOT NULL,"
  "  carrier TEXT NOT NULL,"
  "  shipped_at INTEGER NOT NULL,"
  "  order_code TEXT NOT NULL,"
  "  cargo_number TEXT);"
  "CREATE INDEX order_transit_shipped ON order_transit (shipped_at, order_id);"
  "CREATE INDEX order_transit_carrier ON order_transit (marketplace_id, carrier, shipped_at, day);"
  "INSERT OR REPLACE INTO settings (key, value)"
  " SELECT 'needs_recompute', '1' WHERE EXISTS (SELECT 1 FROM orders);";

/* v11: carrier tariffs (insights.md §3): a per-order shipping cost for a
 * carrier (its normalised name), for one marketplace (its name) or any
 * (''), from a day on. orders.tariff is the tariff that applied on the
 * order's day (NULL: none), kept by the writer and the recompute; an
 * order's shipping expense is its actual cargo, else its tariff, else its
 * marketplace's per-order cost. roll_day_mp sums the tariffs of net orders
 * without actual cargo; roll_day_carrier the own expense (actual cargo,
 * else tariff) of the net orders that have one. A store with actual cargo
 * has its carrier figures rebuilt. */
static const char schema_v11[] =
  "CREATE TABLE carrier_tariffs ("
  "  carrier TEXT NOT NULL,"
  "  marketplace TEXT NOT NULL DEFAULT '',"
  "  from_day INTEGER NOT NULL,"
  "  amount INTEGER NOT NULL,"
  "  PRIMARY KEY (carrier, marketplace, from_day)) WITHOUT ROWID;"
  "ALTER TABLE orders ADD COLUMN tariff INTEGER;"
  "ALTER TABLE roll_day_mp ADD COLUMN net_tariff_orders INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_mp ADD COLUMN net_tariff INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_carrier ADD COLUMN expense_orders INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_carrier ADD COLUMN expense INTEGER NOT NULL DEFAULT 0;"
  "INSERT OR REPLACE INTO settings (key, value)"
  " SELECT 'needs_recompute', '1' WHERE EXISTS (SELECT 1 FROM orders WHERE actual_cargo IS NOT NULL);";

/* v12: the category rollups hold the net lines' KDV inside their amounts
 * (output_vat) and their cost without KDV (cost_ex_vat), as the product
 * rollups do since v4, so that the category figures after KDV are read
 * from the category rows instead of every product row of the window.
 * Kept by the rollup writer with the other sums; filled by the recompute
 * the migration asks for. */
static const char schema_v12[] =
  "ALTER TABLE roll_day_category ADD COLUMN output_vat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_day_category ADD COLUMN cost_ex_vat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_month_category ADD COLUMN output_vat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE roll_month_category ADD COLUMN cost_ex_vat INTEGER NOT NULL DEFAULT 0;"
  "INSERT OR REPLACE INTO settings (key, value)"
  " SELECT 'needs_recompute', '1' WHERE EXISTS (SELECT 1 FROM order_lines);";

/* v13: the net orders' narrow copy in id order, for the customer figures
 * (insights.md §4): a covering index holding every column their scan of
 * the orders reads, so that a million orders are read from a B-tree of a
 * few dozen bytes a row instead of the wide table (orders' rows hold codes,
 * addresses and times the customers never read). Keyed by id, its entries
 * go where the table's rows go; SQLite keeps it with every order written,
 * in the same transaction. status is in it so that the index covers the
 * query's `status <> 6` too. */
static const char schema_v13[] =
  "CREATE INDEX orders_net ON orders (id, day, customer_id, customer_key, customer_name, city, lines_amount,"
  " shipping_total, actual_cargo, tariff, shipping_vat, actual_service_fee, marketplace_id, status)"
  " WHERE status <> " CIRO_ORDER_STATUS_CANCELLED_SQL ";";

/* v14: per product, the running totals of its month rollups over all
 * marketplaces (CIRO_SCHEMA_FILL_CUM_PRODUCT says what a row holds), so
 * that the ranking of any run of whole months is two contiguous reads of
 * one row per product (the months' ends) instead of every month's rows. */
static const char schema_v14[] =
  "CREATE TABLE roll_cum_product ("
  "  month INTEGER NOT NULL,"
  "  product_key INTEGER NOT NULL,"
  "  revenue INTEGER NOT NULL,"
  "  units INTEGER NOT NULL,"
  "  orders INTEGER NOT NULL,"
  "  cost INTEGER NOT NULL,"
  "  commission INTEGER NOT NULL,"
  "  return_units INTEGER NOT NULL,"
  "  output_vat INTEGER NOT NULL,"
  "  cost_ex_vat INTEGER NOT NULL,"
  "  PRIMARY KEY (month, product_key)) WITHOUT ROWID;"
  CIRO_SCHEMA_FILL_CUM_PRODUCT;

/* v15: the running totals by part of month (CIRO_SCHEMA_FILL_CUM_PART)
 * instead of by month, so that a window's partial months cost at most two
 * days of day rows at each end instead of up to a month of them. */
static const char schema_v15[] =
  "DROP TABLE roll_cum_product;"
  "CREATE TABLE roll_cum_part ("
  "  part INTEGER NOT NULL,"
  "  product_key INTEGER NOT NULL,"
  "  revenue INTEGER NOT NULL,"
  "  units INTEGER NOT NULL,"
  "  orders INTEGER NOT NULL,"
  "  cost INTEGER NOT NULL,"
  "  commission INTEGER NOT NULL,"
  "  return_units INTEGER NOT NULL,"
  "  output_vat INTEGER NOT NULL,"
  "  cost_ex_vat INTEGER NOT NULL,"
  "  PRIMARY KEY (part, product_key)) WITHOUT ROWID;"
  CIRO_SCHEMA_FILL_CUM_PART;

static const char * const migrations[] = {
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
  schema_v5,
  schema_v6,
  schema_v7,
  schema_v8,
  schema_v9,
  schema_v10,
  schema_v11,
  schema_v12,
  schema_v13,
  schema_v14,
  schema_v15,
};

const char * const *
ciro_schema_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

static const CiroSchemaIndex bulk_indexes[] = {
  { "order_lines_product", "CREATE INDEX IF NOT EXISTS order_lines_product ON order_lines (product_key)" },
  { "orders_customer", "CREATE INDEX IF NOT EXISTS orders_customer ON orders (customer_id)" },
  { "roll_day_product_key", "CREATE INDEX IF NOT EXISTS roll_day_product_key ON roll_day_product (product_key, day)" },
};

const CiroSchemaIndex *
ciro_schema_bulk_indexes (guint *n_indexes)
{
  *n_indexes = G_N_ELEMENTS (bulk_indexes);
  return bulk_indexes;
}
