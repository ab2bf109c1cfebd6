/* ciro-cli.c: the headless half of Ciro (shared/spec/cli.md)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-cli"

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "analytics/ciro-categories.h"
#include "analytics/ciro-range.h"
#include "analytics/ciro-report.h"
#include "analytics/ciro-sku-suggest.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-i18n.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "core/ciro-number.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "sync/ciro-credentials.h"
#include "sync/ciro-sync.h"
#include "sync/ciro-sync-manager.h"
#include "export/ciro-export.h"
#include "store/ciro-fees.h"
#include "store/ciro-profit.h"
#include "store/ciro-settings.h"
#include "ciro-cli-private.h"

enum {
  EXIT_OK = 0,
  EXIT_USAGE = 2,
  EXIT_NETWORK = 3,
  EXIT_STORE = 4,
};

typedef struct {
  char      *db;
  char      *from;
  char      *to;
  char      *marketplace;
  char      *sort;
  char      *format;
  gint64     limit;
  guint64    orders;
  guint64    products;
  guint64    seed;
  char      *api_url;
  char      *faults;
  char      *port;
  char      *output;
  char      *until;
  char      *name;
  char      *category;
  char      *note;
  char      *map;
  char      *compare;
  gboolean   monthly;
  gboolean   only_products;
  gboolean   only_orders;
  gboolean   live;
  gboolean   suggest;
  gboolean   backtest;
  char      *days;
  char      *metric;
  char      *above;
  char      *today;
  char      *min_count;
  char      *size;
  char      *product;
  GPtrArray *words;    /* command and positional arguments */
} Args;

static int
fail (int code, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static int
fail (int code, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  /* one line, whatever the message holds */
  g_strdelimit (msg, "\n\r", ' ');
  fprintf (stderr, "ciro-cli: %s\n", msg);
  return code;
}

static int
store_fail (GError *error)
{
  if (error->domain == CIRO_STORE_ERROR &&
      (error->code == CIRO_STORE_ERROR_INVALID || error->code == CIRO_STORE_ERROR_NOT_FOUND))
    return fail (EXIT_USAGE, "%s", error->message);
  return fail (EXIT_STORE, "%s", error->message);
}

static const char usage_text[] = N_(
  "Usage: ciro-cli [--db PATH] COMMAND [OPTIONS]\n"
  "\n"
  "Commands:\n"
  "  report summary|daily|marketplaces|products|stock|today|categories|category-months\n"
  "         [--from DATE] [--to DATE] [--marketplace NAME]\n"
  "         [--sort revenue|profit|units|margin|score] [--limit N]\n"
  "         [--format table|json|csv]\n"
  "  report forecast [--days N] [--metric net_revenue|profit] [--backtest]\n"
  "         the next N days (30) with an 80 % band; --backtest: how far it missed\n"
  "  report customers|rfm|cohorts|clv [--from DATE] [--to DATE] [--marketplace NAME]\n"
  "         [--limit N] [--format table|json|csv]  customers, RFM segments, cohorts\n"
  "         and lifetime value, over the last 365 days unless --from says otherwise\n"
  "  report baskets [--min-count N] [--size 2|3] [--product SKU] [--sort count|lift]\n"
  "         [--limit N]  products bought together: pairs or triples with support,\n"
  "         confidence and lift; --product: what is bought with that product\n"


  "  unmatched [--format table|json|csv]     SKUs whose cost is unknown\n"
  "  unmatched --suggest [--format table|json|csv]  the products they probably are\n"
  "  unmatched accept [--above PERCENT]      map each to its best suggestion (default 80)\n"
  "  unmatched import FILE.csv | export FILE.csv  mappings as CSV (SKU; product SKU)\n"
  "  map SKU PRODUCT_SKU                     tell Ciro which product a SKU is\n"
  "  settings get [KEY] | settings set KEY VALUE [--from DATE]\n"
  "         KEY with history (from DATE on, else from the start): fee_vat,\n"
  "         shipping_vat (percent), service_fee.MARKETPLACE (TRY per net order),\n"
  "         commission.MARKETPLACE.CATEGORY (percent, or none to end a rule)\n"
  "  settings import FILE.csv [--from DATE]  commission by category (marketplace; category; rate)\n"
  "  settings history [--format table|json|csv]  every value of those settings and its date\n"
  "  expense add DATE AMOUNT [--monthly] [--until DATE] [--marketplace NAME]\n"
  "         [--name TEXT] [--category TEXT] [--note TEXT]\n"
  "  adspend add DATE AMOUNT [--monthly] [--marketplace NAME] [--note TEXT]\n"
  "  expense|adspend list [--format table|json|csv] | remove ID | import FILE.csv\n"
  "         (CSV: date; marketplace; amount; note)\n"
  "  fees import FILE.csv|FILE.xlsx --marketplace NAME [--map order=COL,commission=COL,...]\n"
  "         the fees the marketplace charged per order (commission, service_fee, cargo);\n"
  "         COL is a column's name in the first row, its letter or its number; the\n"
  "         mapping is remembered per marketplace\n"
  "  tariff set CARRIER AMOUNT [--marketplace NAME] [--from DATE]\n"
  "         a carrier's shipping cost per order (TRY) from DATE on (else from the start)\n"
  "  tariff list [--format table|json|csv] | tariff remove CARRIER [--marketplace NAME] [--from DATE]\n"
  "  sync [--products] [--orders] [--from DATE] [--to DATE] [--live] [--api-url URL]\n"
  "         read products and orders from Sentos (SENTOS_API_KEY, SENTOS_API_SECRET, else the keyring)\n"
  "  demo [--orders N] [--products N] [--seed N]   build a demo store (through a\n"
  "         loopback mock of the Sentos API and the real sync)\n"
  "  export sales|products|pnl|platforms|customers|stock|categories|rfm|cohorts|carriers\n"
  "         --format csv|xlsx|pdf --output FILE [--from DATE] [--to DATE]\n"
  "         [--marketplace NAME]; rfm and cohorts cover the last 365 days unless\n"
  "         --from says otherwise; names are masked when the masking setting is on\n"
  "  ask \"QUESTION\" [--format table|json|csv]  a question in plain Turkish or English\n"
  "  backup                                  back the store up now (backups/ next to it)\n"
  "  restore [BACKUP]                        put the newest (or that) backup in its place\n"
  "\n"
  "Dates are YYYY-MM-DD (Istanbul). --to defaults to today, --from to 29 days\n"
  "before --to. The store is --db PATH, else $CIRO_DB, else\n"
  "~/.local/share/ciro/ciro.db. --format defaults to table on a terminal and\n"
  "json otherwise. --today DATE answers as if today were DATE (any command).\n"
  "\n"
  "report summary --compare previous|last-year adds the period it is compared\n"
  "with: the one before (this month: the same days of last month; last month:\n"
  "the month before) or the same days a year earlier.\n"
  "\n"
  "Exit status: 0 success, 2 bad usage or input, 3 network or credentials,\n"
  "4 store error.\n");

static gboolean
take_value (int *i, int argc, char **argv, const char *name, char **out, int *code)
{
  const char *arg = argv[*i];
  size_t len = strlen (name);

  if (strncmp (arg, name, len) == 0 && arg[len] == '=')
    {
      g_free (*out);
      *out = g_strdup (arg + len + 1);
      return TRUE;
    }
  if (!g_str_equal (arg, name))
    return FALSE;
  if (*i + 1 >= argc)
    {
      *code = fail (EXIT_USAGE, _("%s needs a value"), name);
      return TRUE;
    }
  g_free (*out);
  *out = g_strdup (argv[++*i]);
  return TRUE;
}

static gboolean
parse_count (const char *text, const char *name, guint64 max, guint64 *out, int *code)
{
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    {
      *code = fail (EXIT_USAGE, _("%s needs a whole number, not “%s”"), name, text);
      return FALSE;
    }
  return TRUE;
}

static int
parse_args (int argc, char **argv, Args *a)
{
  g_autofree char *limit = NULL, *orders = NULL, *products = NULL, *seed = NULL;
  int code = -1;
  guint64 v;

  a->words = g_ptr_array_new_with_free_func (g_free);
  a->limit = -1;
  for (int i = 1; i < argc && code < 0; i++)
    {
      const char *arg = argv[i];

      /* sync's flags; "--orders N" and "--products N" with a number are demo's sizes */
      if (g_str_equal (arg, "--products") && (i + 1 >= argc || argv[i + 1][0] == '-'))
        {
          a->only_products = TRUE;
          continue;
        }
      if (g_str_equal (arg, "--orders") && (i + 1 >= argc || argv[i + 1][0] == '-'))
        {
          a->only_orders = TRUE;
          continue;
        }
      if (g_str_equal (arg, "--live"))
        {
          a->live = TRUE;
          continue;
        }
      if (g_str_equal (arg, "--suggest"))
        {
          a->suggest = TRUE;
          continue;
        }
      if (g_str_equal (arg, "--backtest"))
        {
          a->backtest = TRUE;
          continue;
        }
      if (g_str_equal (arg, "--monthly"))
        {
          a->monthly = TRUE;
          continue;
        }
      if (take_value (&i, argc, argv, "--db", &a->db, &code) ||
          take_value (&i, argc, argv, "--from", &a->from, &code) ||
          take_value (&i, argc, argv, "--to", &a->to, &code) ||
          take_value (&i, argc, argv, "--marketplace", &a->marketplace, &code) ||
          take_value (&i, argc, argv, "--sort", &a->sort, &code) ||
          take_value (&i, argc, argv, "--format", &a->format, &code) ||
          take_value (&i, argc, argv, "--limit", &limit, &code) ||
          take_value (&i, argc, argv, "--orders", &orders, &code) ||
          take_value (&i, argc, argv, "--products", &products, &code) ||
          take_value (&i, argc, argv, "--seed", &seed, &code) ||
          take_value (&i, argc, argv, "--api-url", &a->api_url, &code) ||
          take_value (&i, argc, argv, "--faults", &a->faults, &code) ||
          take_value (&i, argc, argv, "--port", &a->port, &code) ||
          take_value (&i, argc, argv, "--output", &a->output, &code) ||
          take_value (&i, argc, argv, "--until", &a->until, &code) ||
          take_value (&i, argc, argv, "--name", &a->name, &code) ||
          take_value (&i, argc, argv, "--category", &a->category, &code) ||
          take_value (&i, argc, argv, "--note", &a->note, &code) ||
          take_value (&i, argc, argv, "--map", &a->map, &code) ||
          take_value (&i, argc, argv, "--compare", &a->compare, &code) ||
          take_value (&i, argc, argv, "--above", &a->above, &code) ||
          take_value (&i, argc, argv, "--today", &a->today, &code) ||
          take_value (&i, argc, argv, "--days", &a->days, &code) ||
          take_value (&i, argc, argv, "--metric", &a->metric, &code) ||
          take_value (&i, argc, argv, "--min-count", &a->min_count, &code) ||
          take_value (&i, argc, argv, "--size", &a->size, &code) ||
          take_value (&i, argc, argv, "--product", &a->product, &code))
        continue;
      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          fputs (_(usage_text), stdout);
          return EXIT_OK;
        }
      if (g_str_equal (arg, "--version"))
        {
          printf ("ciro-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      if (arg[0] == '-' && arg[1] != '\0')
        return fail (EXIT_USAGE, _("unknown option “%s” (see ciro-cli --help)"), arg);
      g_ptr_array_add (a->words, g_strdup (arg));
    }
  if (code >= 0)
    return code;
  if (!parse_count (limit, "--limit", G_MAXINT32, &v, &code))
    return code;
  a->limit = limit ? (gint64) v : -1;
  a->orders = 0;
  a->products = 0;
  a->seed = 0;
  if (!parse_count (orders, "--orders", 100000000, &a->orders, &code) ||
      !parse_count (products, "--products", 10000000, &a->products, &code) ||
      !parse_count (seed, "--seed", G_MAXUINT64, &a->seed, &code))
    return code;
  if (orders == NULL)
    a->orders = 0;
  return -1;
}

static void
args_clear (Args *a)
{
  g_free (a->db);
  g_free (a->from);
  g_free (a->to);
  g_free (a->marketplace);
  g_free (a->sort);
  g_free (a->format);
  g_free (a->api_url);
  g_free (a->faults);
  g_free (a->port);
  g_free (a->output);
  g_free (a->until);
  g_free (a->name);
  g_free (a->category);
  g_free (a->days);
  g_free (a->metric);
  g_free (a->note);
  g_free (a->map);
  g_free (a->compare);
  g_free (a->above);
  g_free (a->today);
  g_free (a->min_count);
  g_free (a->size);
  g_free (a->product);
  g_clear_pointer (&a->words, g_ptr_array_unref);
}

static gboolean
resolve_format (Args *a, CliFormat *out, int *code)
{
  if (a->format == NULL)
    *out = isatty (STDOUT_FILENO) ? CLI_FORMAT_TABLE : CLI_FORMAT_JSON;
  else if (g_str_equal (a->format, "table"))
    *out = CLI_FORMAT_TABLE;
  else if (g_str_equal (a->format, "json"))
    *out = CLI_FORMAT_JSON;
  else if (g_str_equal (a->format, "csv"))
    *out = CLI_FORMAT_CSV;
  else
    {
      *code = fail (EXIT_USAGE, _("unknown format “%s” (table, json or csv)"), a->format);
      return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_filter (Args *a, CiroReportFilter *f, int *code)
{
  g_autoptr(GError) error = NULL;

  f->to = ciro_today ();
  if (a->to != NULL && !ciro_day_parse (a->to, &f->to, &error))
    {
      *code = fail (EXIT_USAGE, _("--to: %s"), error->message);
      return FALSE;
    }
  f->from = f->to - 29;
  if (a->from != NULL && !ciro_day_parse (a->from, &f->from, &error))
    {
      *code = fail (EXIT_USAGE, _("--from: %s"), error->message);
      return FALSE;
    }
  if (f->from > f->to)
    {
      char x[11], y[11];
      /* name the day --to defaulted to: "after --to " alone explains nothing */
      *code = fail (EXIT_USAGE, _("--from %s is after --to %s"), ciro_day_format (f->from, x),
                    ciro_day_format (f->to, y));
      return FALSE;
    }
  if (f->to - f->from > 366 * 20)
    {
      *code = fail (EXIT_USAGE, _("the window is longer than twenty years"));
      return FALSE;
    }
  f->marketplace = a->marketplace ? ciro_marketplace_normalize (a->marketplace) : NULL;
  return TRUE;
}

/* A damaged store: said in one line, with the backup that can go back in
 * its place. Nothing was written to it. */
static int
damaged_fail (const char *path, const GError *error)
{
  g_autoptr(GPtrArray) backups = ciro_store_list_backups (path);
  char day[11];

  if (backups->len == 0)
    return fail (EXIT_STORE, _("%s; there is no backup to restore, and nothing was written to it"),
                 error->message);
  return fail (EXIT_STORE, _("%s; nothing was written to it. “ciro-cli restore” puts back the backup of %s"
                             " (the damaged file is kept beside it)"),
               error->message, ciro_day_format (ciro_store_backup_day (backups->pdata[0]), day));
}

/* Every command opens (creating and migrating) the store, reports too: a
 * report on a store that does not exist yet creates it empty and prints
 * zeros, which is what a fresh install shows in the window as well. */
static CiroStore *
open_store (Args *a, int *code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = a->db ? g_strdup (a->db) : ciro_store_default_path ();
  CiroStore *store = ciro_store_open (path, &error);

  if (store == NULL && g_error_matches (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_DAMAGED))
    *code = damaged_fail (path, error);
  else if (store == NULL)
    *code = fail (EXIT_STORE, "%s", error->message);
  /* figures a store from an older Ciro (or an unfinished sync) left due */
  else if (ciro_store_needs_recompute (store) && !ciro_store_recompute (store, NULL, &error))
    {
      *code = fail (EXIT_STORE, "%s", error->message);
      g_clear_object (&store);
    }
  return store;
}

/* A --marketplace the store has never seen and that is none of the known
 * names is an error naming the close ones: "Trendyl" would otherwise give
 * zeros as if nothing had been sold. A name that differs from the store's
 * only in case, spaces or Turkish letters is taken as the store's. */
static gboolean
check_marketplace (CiroStore *store, CiroReportFilter *f, int *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) close = NULL;

  if (f->marketplace == NULL || ciro_marketplace_is_builtin (f->marketplace))
    return TRUE;
  if ((list = ciro_store_list_marketplaces (store, &error)) == NULL)
    {
      *code = store_fail (error);
      return FALSE;
    }
  for (guint i = 0; i < list->len; i++)
    {
      CiroMarketplaceSettings *m = list->pdata[i];
      if (g_str_equal (m->name, f->marketplace))
        return TRUE;
      g_ptr_array_add (names, m->name);
    }
  for (guint i = 0; i < list->len; i++)
    {
      CiroMarketplaceSettings *m = list->pdata[i];
      if (ciro_marketplace_distance (m->name, f->marketplace) == 0)
        {
          g_free (f->marketplace);
          f->marketplace = g_strdup (m->name);
          return TRUE;
        }
    }
  for (const char *const *b = ciro_marketplace_builtin_names (); *b != NULL; b++)
    g_ptr_array_add (names, (gpointer) *b);
  close = ciro_marketplace_close_names (f->marketplace, (const char *const *) names->pdata, names->len);
  if (close->len > 0)
    {
      g_autofree char *joined = NULL;
      g_ptr_array_add (close, NULL);
      joined = g_strjoinv (", ", (char **) close->pdata);
      *code = fail (EXIT_USAGE, _("unknown marketplace “%s”; did you mean: %s?"), f->marketplace, joined);
    }
  else
    *code = fail (EXIT_USAGE, _("unknown marketplace “%s”: the store has no marketplace of that name"),
                  f->marketplace);
  return FALSE;
}

/* ---------------------------------------------------------- reports */

static void
set_summary_values (CliValue *v, const CiroSummary *s)
{
  const CiroSummaryKey *keys = ciro_summary_keys ();

  for (guint i = 0; i < CIRO_SUMMARY_N_KEYS; i++)
    {
      double x = ciro_summary_value (s, i);
      v[i].kind = keys[i].kind == CIRO_VALUE_MONEY ? CLI_MONEY : keys[i].kind == CIRO_VALUE_PERCENT ? CLI_PCT : CLI_INT;
      v[i].i = (gint64) x;
      v[i].d = x;
    }
}

/* metrics.md's keys, then profit.md's */
#define CLI_SUMMARY_KEYS (CIRO_SUMMARY_N_KEYS + CIRO_PROFIT_N_KEYS)

static const CiroSummaryKey *
summary_key (guint i)
{
  return i < CIRO_SUMMARY_N_KEYS ? &ciro_summary_keys ()[i] : &ciro_profit_keys ()[i - CIRO_SUMMARY_N_KEYS];
}

/* Fills CLI_SUMMARY_KEYS values; an absent one (roi_pct without cost) is null. */
static void
set_all_values (CliValue *v, const CiroSummary *s)
{
  const CiroSummaryKey *keys = ciro_profit_keys ();

  set_summary_values (v, s);
  for (guint j = 0; j < CIRO_PROFIT_N_KEYS; j++)
    {
      CliValue *c = &v[CIRO_SUMMARY_N_KEYS + j];
      double x = 0;

      if (!ciro_profit_value (s, j, &x))
        {
          c->kind = CLI_NULL;
          continue;
        }
      c->kind = keys[j].kind == CIRO_VALUE_MONEY ? CLI_MONEY : keys[j].kind == CIRO_VALUE_PERCENT ? CLI_PCT : CLI_INT;
      c->i = (gint64) x;
      c->d = x;
    }
}

static void
set_summary_columns (CliTable *t, guint first)
{
  for (guint i = 0; i < CLI_SUMMARY_KEYS; i++)
    {
      t->columns[first + i] = summary_key (i)->key;
      t->labels[first + i] = _(summary_key (i)->label);
    }
}

/* with_profit: profit.md's keys after metrics.md's (Today has only these) */
static void
json_summary_object (GString *out, const CiroSummary *s, gboolean with_profit)
{
  CliValue v[CLI_SUMMARY_KEYS] = { { 0 } };

  set_all_values (v, s);
  g_string_append (out, "{");
  for (guint i = 0; i < (with_profit ? CLI_SUMMARY_KEYS : CIRO_SUMMARY_N_KEYS); i++)
    {
      g_string_append_printf (out, "%s\"%s\": ", i ? ", " : "", summary_key (i)->key);
      cli_value_json (out, &v[i]);
    }
  g_string_append (out, "}");
}

static void
print_title (const CiroReportFilter *f, const char *what)
{
  char a[11], b[11];
  printf ("%s — %s … %s%s%s\n\n", what, ciro_day_format (f->from, a), ciro_day_format (f->to, b),
          f->marketplace ? ", " : "", f->marketplace ? f->marketplace : "");
}

/* The change of each of CLI_SUMMARY_KEYS values, null where either is. */
static void
set_change_values (CliValue *change, const CliValue *cur, const CliValue *prev)
{
  for (guint i = 0; i < CLI_SUMMARY_KEYS; i++)
    change[i] = cur[i].kind == CLI_NULL || prev[i].kind == CLI_NULL
                  ? (CliValue) { CLI_NULL, 0, 0, NULL }
                  : (CliValue) { CLI_PCT, 0, ciro_change_pct (cur[i].d, prev[i].d), NULL };
}

/* cmp: the period compared with, or NULL without --compare. */
static int
report_summary (CiroStore *store, const CiroReportFilter *f, const CiroReportFilter *cmp, CliFormat format)
{
  g_autoptr(GError) error = NULL;
  CiroSummary s, p = { 0 };
  CliValue cur[CLI_SUMMARY_KEYS] = { { 0 } }, prev[CLI_SUMMARY_KEYS] = { { 0 } }, change[CLI_SUMMARY_KEYS] = { { 0 } };
  char a[11], b[11];

  if (!ciro_report_summary (store, f, &s, &error) || (cmp != NULL && !ciro_report_summary (store, cmp, &p, &error)))
    return store_fail (error);
  set_all_values (cur, &s);
  set_all_values (prev, &p);
  set_change_values (change, cur, prev);

  if (format == CLI_FORMAT_JSON)
    {
      g_autoptr(GString) out = g_string_new ("{\"from\": ");
      g_autofree char *body = NULL;
      cli_json_string (out, ciro_day_format (f->from, a));
      g_string_append (out, ", \"to\": ");
      cli_json_string (out, ciro_day_format (f->to, b));
      g_string_append (out, ", \"marketplace\": ");
      cli_json_string (out, f->marketplace);
      g_string_append (out, ", ");
      {
        g_autoptr(GString) obj = g_string_new (NULL);
        json_summary_object (obj, &s, TRUE);
        g_string_truncate (obj, obj->len - 1);     /* the closing brace */
        g_string_append (out, obj->str + 1);
      }
      if (cmp != NULL)
        {
          g_string_append (out, ",\n \"compare_from\": ");
          cli_json_string (out, ciro_day_format (cmp->from, a));
          g_string_append (out, ", \"compare_to\": ");
          cli_json_string (out, ciro_day_format (cmp->to, b));
          g_string_append (out, ",\n \"compared\": ");
          json_summary_object (out, &p, TRUE);
          g_string_append (out, ",\n \"change_pct\": {");
          for (guint i = 0; i < CLI_SUMMARY_KEYS; i++)
            {
              g_string_append_printf (out, "%s\"%s\": ", i ? ", " : "", summary_key (i)->key);
              cli_value_json (out, &change[i]);
            }
          g_string_append (out, "}");
        }
      g_string_append (out, "}\n");
      fputs (out->str, stdout);
    }
  else if (format == CLI_FORMAT_CSV)
    {
      /* with --compare, a second row for the period compared with */
      g_autoptr(CliTable) t = cli_table_new (3 + CLI_SUMMARY_KEYS);
      t->columns[0] = "from";
      t->columns[1] = "to";
      t->columns[2] = "marketplace";
      set_summary_columns (t, 3);
      for (guint k = 0; k < (cmp != NULL ? 2u : 1u); k++)
        {
          const CiroReportFilter *w = k == 0 ? f : cmp;
          CliValue *row = cli_table_add_row (t);
          row[0].s = g_strdup (ciro_day_format (w->from, a));
          row[1].s = g_strdup (ciro_day_format (w->to, b));
          row[2].s = g_strdup (f->marketplace);
          set_all_values (row + 3, k == 0 ? &s : &p);
        }
      cli_print_table (t, format, stdout);
    }
  else
    {
      g_autoptr(CliTable) t = cli_table_new (cmp != NULL ? 4 : 2);

      if (cmp != NULL)
        {
          g_autofree char *text = ciro_range_compare_text (f->from, f->to, cmp->from, cmp->to, ciro_today ());
          printf ("%s — %s%s%s\n\n", _("Summary"), text, f->marketplace ? ", " : "",
                  f->marketplace ? f->marketplace : "");
        }
      else
        print_title (f, _("Summary"));
      t->columns[0] = _("Figure");
      t->columns[1] = _("Value");
      if (cmp != NULL)
        {
          t->columns[2] = _("Compared with");
          t->columns[3] = _("Change");
        }
      for (guint i = 0; i < CLI_SUMMARY_KEYS; i++)
        {
          CliValue *row = cli_table_add_row (t);
          row[0].s = g_strdup (_(summary_key (i)->label));
          row[1] = cur[i];
          if (cmp != NULL)
            {
              row[2] = prev[i];
              row[3] = change[i];
            }
        }
      cli_print_table (t, format, stdout);
    }
  return EXIT_OK;
}

static int
report_daily (CiroStore *store, const CiroReportFilter *f, CliFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ciro_report_daily (store, f, &error);
  g_autoptr(CliTable) t = NULL;

  if (rows == NULL)
    return store_fail (error);
  if (format == CLI_FORMAT_TABLE)
    {
      /* people get the figures that fit a terminal */
      static const guint pick[] = { 6, 7, 2, 8, 13, 14 };
      t = cli_table_new (1 + G_N_ELEMENTS (pick));
      t->columns[0] = _("Date");
      for (guint k = 0; k < G_N_ELEMENTS (pick); k++)
        t->columns[1 + k] = _(ciro_summary_keys ()[pick[k]].label);
      for (guint i = 0; i < rows->len; i++)
        {
          CiroDailyRow *d = &g_array_index (rows, CiroDailyRow, i);
          CliValue all[CIRO_SUMMARY_N_KEYS] = { { 0 } };
          CliValue *row = cli_table_add_row (t);
          row[0].s = ciro_day_to_string (d->date);
          set_summary_values (all, &d->s);
          for (guint k = 0; k < G_N_ELEMENTS (pick); k++)
            row[1 + k] = all[pick[k]];
        }
      print_title (f, _("Daily"));
      cli_print_table (t, format, stdout);
      return EXIT_OK;
    }
  t = cli_table_new (1 + CLI_SUMMARY_KEYS);
  t->columns[0] = "date";
  set_summary_columns (t, 1);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroDailyRow *d = &g_array_index (rows, CiroDailyRow, i);
      CliValue *row = cli_table_add_row (t);
      row[0].s = ciro_day_to_string (d->date);
      set_all_values (row + 1, &d->s);
    }
  cli_print_table (t, format, stdout);
  return EXIT_OK;
}

static int
report_marketplaces (CiroStore *store, const CiroReportFilter *f, CliFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ciro_report_marketplaces (store, f, &error);
  g_autoptr(CliTable) t = NULL;
  gboolean people = format == CLI_FORMAT_TABLE;
  static const guint pick[] = { 6, 8, 13, 14, 11 };

  if (rows == NULL)
    return store_fail (error);
  t = cli_table_new (2 + (people ? G_N_ELEMENTS (pick) : CLI_SUMMARY_KEYS));
  t->columns[0] = people ? _("Marketplace") : "marketplace";
  t->columns[1] = people ? _("Share") : "share_pct";
  if (people)
    for (guint k = 0; k < G_N_ELEMENTS (pick); k++)
      t->columns[2 + k] = _(ciro_summary_keys ()[pick[k]].label);
  else
    set_summary_columns (t, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroMarketplaceRow *m = &g_array_index (rows, CiroMarketplaceRow, i);
      CliValue *row = cli_table_add_row (t);
      CliValue all[CLI_SUMMARY_KEYS] = { { 0 } };

      row[0].s = g_strdup (people ? ciro_marketplace_display (m->marketplace) : m->marketplace);
      row[1].kind = CLI_PCT;
      row[1].d = m->share_pct;
      set_all_values (all, &m->s);
      if (people)
        for (guint k = 0; k < G_N_ELEMENTS (pick); k++)
          row[2 + k] = all[pick[k]];
      else
        memcpy (row + 2, all, sizeof all);
    }
  if (people)
    print_title (f, _("Marketplaces"));
  cli_print_table (t, format, stdout);
  return EXIT_OK;
}

static int
report_products (CiroStore *store, const CiroReportFilter *f, Args *a, CliFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(CliTable) t = NULL;
  CiroProductSort sort = CIRO_SORT_PROFIT;   /* metrics.md's default ranking */
  static const char *keys[] = {
    "product_id", "sku", "name", "brand", "category", "revenue", "units", "orders", "cost", "commission",
    "profit", "margin_pct", "return_units", "return_rate_pct", "stock", "daily_sales", "days_of_stock", "score",
    "profit_ex_vat", "margin_ex_vat_pct", "roi_pct", "cost_known",
  };
  static const char *labels[] = {
    N_("Id"), N_("SKU"), N_("Product"), N_("Brand"), N_("Category"), N_("Revenue"), N_("Units"), N_("Orders"),
    N_("Cost"), N_("Commission"), N_("Profit"), N_("Margin"), N_("Returned"), N_("Return rate"), N_("Stock"),
    N_("Daily sales"), N_("Days of stock"), N_("Score"), N_("Profit after VAT"), N_("Margin after VAT"),
    N_("Return on cost"), N_("Cost known"),
  };
  const CliValue null = { CLI_NULL, 0, 0, NULL };
  gboolean people = format == CLI_FORMAT_TABLE;

  if (a->sort != NULL && !ciro_product_sort_from_string (a->sort, &sort))
    return fail (EXIT_USAGE, _("unknown sort key “%s” (revenue, profit, units, margin or score)"), a->sort);
  if (a->category != NULL)
    {
      /* a category's top products: named as `report categories` names it */
      const char *name = a->category;
      CiroCategoryKind kind = CIRO_CATEGORY_NAMED;

      if (g_str_equal (name, CIRO_CATEGORY_NONE_NAME) || g_str_equal (name, "uncategorised"))
        kind = CIRO_CATEGORY_NONE, name = CIRO_CATEGORY_NONE_NAME;
      else if (g_str_equal (name, CIRO_CATEGORY_UNMATCHED_NAME) || g_str_equal (name, "unmatched"))
        kind = CIRO_CATEGORY_UNMATCHED, name = CIRO_CATEGORY_UNMATCHED_NAME;
      else if (name[0] == '#' && name[1] != '\0' && strspn (name + 1, "0123456789") == strlen (name + 1))
        kind = CIRO_CATEGORY_ID;
      rows = ciro_report_category_products (store, f, kind, name, sort, 0, &error);
    }
  else
    rows = ciro_report_products (store, f, sort, FALSE, &error);
  if (rows == NULL)
    return store_fail (error);

  t = cli_table_new (G_N_ELEMENTS (keys));
  for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
    {
      t->columns[c] = keys[c];
      t->labels[c] = people ? _(labels[c]) : NULL;
    }
  for (guint i = 0; i < rows->len && (a->limit < 0 || i < (guint64) a->limit); i++)
    {
      CiroProductRow *p = &g_array_index (rows, CiroProductRow, i);
      CliValue *r = cli_table_add_row (t);

      r[0] = p->matched ? (CliValue) { CLI_ID, p->product_key, 0, NULL } : (CliValue) { CLI_NULL, 0, 0, NULL };
      r[1].s = g_strdup (p->sku);
      r[2].s = g_strdup (p->name);
      r[3].s = g_strdup (p->brand);
      r[4].s = g_strdup (p->category);
      r[5] = (CliValue) { CLI_MONEY, p->revenue, 0, NULL };
      r[6] = (CliValue) { CLI_INT, p->units, 0, NULL };
      r[7] = (CliValue) { CLI_INT, p->orders, 0, NULL };
      r[8] = (CliValue) { CLI_MONEY, p->cost, 0, NULL };
      r[9] = (CliValue) { CLI_MONEY, p->commission, 0, NULL };
      r[10] = (CliValue) { CLI_MONEY, p->profit, 0, NULL };
      /* no margin or score for an unknown cost or without sales: null, "—" */
      r[11] = p->has_margin ? (CliValue) { CLI_PCT, 0, p->margin_pct, NULL } : null;
      r[12] = (CliValue) { CLI_INT, p->return_units, 0, NULL };
      r[13] = p->has_return_rate ? (CliValue) { CLI_PCT, 0, p->return_rate_pct, NULL } : null;
      r[14] = (CliValue) { CLI_INT, p->stock, 0, NULL };
      r[15] = (CliValue) { CLI_REAL, 0, p->daily_sales, NULL };
      r[16] = (CliValue) { CLI_REAL, 0, p->has_days_of_stock ? p->days_of_stock : NAN, NULL };
      r[17] = p->has_score ? (CliValue) { CLI_REAL, 0, p->score, NULL } : null;
      r[18] = (CliValue) { CLI_MONEY, p->profit_ex_vat, 0, NULL };
      r[19] = p->has_margin ? (CliValue) { CLI_PCT, 0, p->margin_ex_vat_pct, NULL } : null;
      r[20] = p->has_roi && p->has_margin ? (CliValue) { CLI_PCT, 0, p->roi_pct, NULL } : null;
      r[21] = (CliValue) { CLI_BOOL, p->cost_known, 0, NULL };
    }
  if (people && a->category != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Products of %s"), a->category);
      print_title (f, title);
    }
  else if (people)
    print_title (f, _("Products"));
  cli_print_table (t, format, stdout);
  return EXIT_OK;
}

/* `report categories` (insights.md §1) and, with by_month, the same
 * figures per calendar month (`report category-months`). */
static int
report_categories (CiroStore *store, const CiroReportFilter *f, gboolean by_month, CliFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(CliTable) t = NULL;
  static const char *keys[] = {
    "month", "category", "revenue", "units", "orders", "cost", "commission", "profit", "margin_pct",
    "return_units", "return_rate_pct", "products", "share_pct", "revenue_change_pct", "profit_change_pct",
    "group",
  };
  static const char *labels[] = {
    N_("Month"), N_("Category"), N_("Revenue"), N_("Units"), N_("Orders"), N_("Cost"), N_("Commission"),
    N_("Profit"), N_("Margin"), N_("Returned"), N_("Return rate"), N_("Products"), N_("Share"),
    N_("Revenue change"), N_("Profit change"), NULL,
  };
  static const char *groups[] = { "category", "category_id", "uncategorised", "unmatched" };
  const CliValue null = { CLI_NULL, 0, 0, NULL };
  gboolean people = format == CLI_FORMAT_TABLE;
  /* the month only per month, the changes only for the window, the group
   * (which tells a category named like a group from the group) for machines */
  guint pick[G_N_ELEMENTS (keys)], n = 0;

  for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
    if ((c != 0 || by_month) && ((c != 13 && c != 14) || !by_month) && (c != 15 || !people))
      pick[n++] = c;
  rows = by_month ? ciro_report_category_months (store, f, &error) : ciro_report_categories (store, f, &error);
  if (rows == NULL)
    return store_fail (error);
  t = cli_table_new (n);
  for (guint c = 0; c < n; c++)
    {
      t->columns[c] = keys[pick[c]];
      t->labels[c] = people ? _(labels[pick[c]]) : NULL;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      CiroCategoryRow *p = &g_array_index (rows, CiroCategoryRow, i);
      CliValue all[G_N_ELEMENTS (keys)] = { { 0 } };
      CliValue *r = cli_table_add_row (t);

      all[0].s = g_strdup_printf ("%04d-%02d", p->month / 12, p->month % 12 + 1);
      all[1].s = g_strdup (people ? ciro_category_display_name (p) : p->category);
      all[2] = (CliValue) { CLI_MONEY, p->revenue, 0, NULL };
      all[3] = (CliValue) { CLI_INT, p->units, 0, NULL };
      all[4] = (CliValue) { CLI_INT, p->orders, 0, NULL };
      all[5] = (CliValue) { CLI_MONEY, p->cost, 0, NULL };
      all[6] = (CliValue) { CLI_MONEY, p->commission, 0, NULL };
      all[7] = (CliValue) { CLI_MONEY, p->profit, 0, NULL };
      all[8] = p->has_margin ? (CliValue) { CLI_PCT, 0, p->margin_pct, NULL } : null;
      all[9] = (CliValue) { CLI_INT, p->return_units, 0, NULL };
      all[10] = p->has_return_rate ? (CliValue) { CLI_PCT, 0, p->return_rate_pct, NULL } : null;
      all[11] = (CliValue) { CLI_INT, p->products, 0, NULL };
      all[12] = (CliValue) { CLI_PCT, 0, p->share_pct, NULL };
      all[13] = p->has_revenue_change ? (CliValue) { CLI_PCT, 0, p->revenue_change_pct, NULL } : null;
      all[14] = p->has_profit_change ? (CliValue) { CLI_PCT, 0, p->profit_change_pct, NULL } : null;
      all[15].s = g_strdup (groups[p->kind]);
      for (guint c = 0; c < n; c++)
        {
          r[c] = all[pick[c]];
          all[pick[c]].s = NULL;
        }
      for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
        g_free (all[c].s);
    }
  if (people)
    print_title (f, by_month ? _("Categories by month") : _("Categories"));
  cli_print_table (t, format, stdout);
  return EXIT_OK;
}

static int
report_stock (CiroStore *store, Args *a, CliFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CliTable) t = NULL;
  CiroDay today = ciro_today ();
  g_autoptr(GArray) rows = NULL;
  static const char *keys[] = {
    "product_id", "sku", "name", "stock", "daily_sales", "days_of_stock", "stock_out_date",
    "low_stock", "slow_moving", "dead_stock",
  };
  static const char *labels[] = {
    N_("Id"), N_("SKU"), N_("Product"), N_("Stock"), N_("Daily sales"), N_("Days of stock"),
    N_("Stock-out date"), N_("Low"), N_("Slow"), N_("Dead"),
  };

  if (a->to != NULL && !ciro_day_parse (a->to, &today, &error))
    return fail (EXIT_USAGE, _("--to: %s"), error->message);
  rows = ciro_report_stock (store, today, &error);
  if (rows == NULL)
    return store_fail (error);
  t = cli_table_new (G_N_ELEMENTS (keys));
  for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
    {
      t->columns[c] = keys[c];
      t->labels[c] = format == CLI_FORMAT_TABLE ? _(labels[c]) : NULL;
    }
  for (guint i = 0; i < rows->len && (a->limit < 0 || i < (guint64) a->limit); i++)
    {
      CiroStockRow *s = &g_array_index (rows, CiroStockRow, i);
      CliValue *r = cli_table_add_row (t);

      r[0] = (CliValue) { CLI_ID, s->product_id, 0, NULL };
      r[1].s = g_strdup (s->sku);
      r[2].s = g_strdup (s->name);
      r[3] = (CliValue) { CLI_INT, s->stock, 0, NULL };
      r[4] = (CliValue) { CLI_REAL, 0, s->daily_sales, NULL };
      r[5] = (CliValue) { CLI_REAL, 0, s->has_days_of_stock ? s->days_of_stock : NAN, NULL };
      if (s->stock_out_date != CIRO_DAY_INVALID)
        r[6].s = ciro_day_to_string (s->stock_out_date);
      else
        r[6].kind = CLI_NULL;
      r[7] = (CliValue) { CLI_BOOL, s->low_stock, 0, NULL };
      r[8] = (CliValue) { CLI_BOOL, s->slow_moving, 0, NULL };
      r[9] = (CliValue) { CLI_BOOL, s->dead_stock, 0, NULL };
    }
  if (format == CLI_FORMAT_TABLE)
    {
      /* the engine's trailing window, so the title names the days it read */
      gint64 days = ciro_store_get_setting_int (store, CIRO_SETTING_STOCK_WINDOW_DAYS, 30);
      CiroReportFilter w = { today - (CiroDay) MAX (days, 1) + 1, today, NULL };
      print_title (&w, _("Stock"));
    }
  cli_print_table (t, format, stdout);
  return EXIT_OK;
}

static int
report_today (CiroStore *store, const CiroReportFilter *f, Args *a, CliFormat format)
{
  g_autoptr(GError) error = NULL;
  CiroTodayReport r;
  CiroDay today = ciro_today ();
  const CiroSummaryKey *keys = ciro_summary_keys ();
  char x[11], y[11];

  if (a->to != NULL)
    today = f->to;
  if (!ciro_report_today (store, today, f->marketplace, &r, &error))
    return store_fail (error);

  if (format == CLI_FORMAT_JSON)
    {
      g_autoptr(GString) out = g_string_new ("{\"from\": ");
      cli_json_string (out, ciro_day_format (r.yesterday, x));
      g_string_append (out, ", \"to\": ");
      cli_json_string (out, ciro_day_format (r.today, y));
      g_string_append (out, ", \"marketplace\": ");
      cli_json_string (out, f->marketplace);
      g_string_append (out, ",\n \"today\": ");
      json_summary_object (out, &r.today_s, FALSE);
      g_string_append (out, ",\n \"yesterday\": ");
      json_summary_object (out, &r.yesterday_s, FALSE);
      /* the change is against yesterday up to the same time of day */
      g_string_append_printf (out, ",\n \"until\": \"%02d:%02d:%02d\",\n \"yesterday_until\": ",
                              r.until_seconds / 3600, r.until_seconds / 60 % 60, r.until_seconds % 60);
      json_summary_object (out, &r.yesterday_until_s, FALSE);
      g_string_append (out, ",\n \"change_pct\": {");
      for (guint i = 0; i < CIRO_SUMMARY_N_KEYS; i++)
        {
          CliValue v = { CLI_PCT, 0, r.change_pct[i], NULL };
          g_string_append_printf (out, "%s\"%s\": ", i ? ", " : "", keys[i].key);
          cli_value_json (out, &v);
        }
      g_string_append (out, "},\n \"progress_pct\": ");
      {
        CliValue v = { CLI_PCT, 0, r.progress_pct, NULL };
        cli_value_json (out, &v);
      }
      g_string_append (out, "}\n");
      fputs (out->str, stdout);
      return EXIT_OK;
    }
  else
    {
      g_autoptr(CliTable) t = cli_table_new (5);
      CliValue tv[CIRO_SUMMARY_N_KEYS] = { { 0 } }, yv[CIRO_SUMMARY_N_KEYS] = { { 0 } };
      CliValue uv[CIRO_SUMMARY_N_KEYS] = { { 0 } };
      gboolean people = format == CLI_FORMAT_TABLE;
      g_autofree char *until = g_strdup_printf ("%02d:%02d", r.until_seconds / 3600, r.until_seconds / 60 % 60);
      /* TRANSLATORS: a column: yesterday's figures up to this time of day */
      g_autofree char *until_label = g_strdup_printf (_("Yesterday to %s"), until);

      /* people read yesterday to this time next to today; CSV keeps its
       * columns and adds yesterday_until at the end */
      guint at_until = people ? 2 : 4, at_all = people ? 4 : 2;

      t->columns[0] = people ? _("Figure") : "key";
      t->columns[1] = people ? _("Today") : "today";
      t->columns[at_until] = people ? until_label : "yesterday_until";
      t->columns[3] = people ? _("Change") : "change_pct";
      t->columns[at_all] = people ? _("All of yesterday") : "yesterday";
      set_summary_values (tv, &r.today_s);
      set_summary_values (yv, &r.yesterday_s);
      set_summary_values (uv, &r.yesterday_until_s);
      for (guint i = 0; i < CIRO_SUMMARY_N_KEYS; i++)
        {
          CliValue *row = cli_table_add_row (t);
          row[0].s = g_strdup (people ? _(keys[i].label) : keys[i].key);
          row[1] = tv[i];
          row[at_until] = uv[i];
          row[3] = (CliValue) { CLI_PCT, 0, r.change_pct[i], NULL };
          row[at_all] = yv[i];
        }
      if (people)
        printf (_("Today %s so far against yesterday to %s; %.0f %% of all of yesterday\n\n"),
                ciro_day_format (r.today, x), until, r.progress_pct);
      cli_print_table (t, format, stdout);
    }
  return EXIT_OK;
}

static int
cmd_report (Args *a)
{
  g_autoptr(CiroStore) store = NULL;
  CiroReportFilter f = { 0 }, cmp = { 0 };
  CliFormat format;
  const char *what;
  int code = EXIT_OK;

  if (a->words->len < 2)
    return fail (EXIT_USAGE, _("report needs a kind: summary, daily, marketplaces, products, stock, today, categories, category-months, carriers, late-orders, baskets, customers, rfm, cohorts or clv"));
  what = a->words->pdata[1];
  if (a->words->len > 2)
    return fail (EXIT_USAGE, _("unexpected argument “%s”"), (char *) a->words->pdata[2]);
  if (!resolve_format (a, &format, &code) || !resolve_filter (a, &f, &code))
    return code;
  if (!g_str_equal (what, "summary") && !g_str_equal (what, "daily") && !g_str_equal (what, "marketplaces") &&
      !g_str_equal (what, "products") && !g_str_equal (what, "stock") && !g_str_equal (what, "today") &&
      !g_str_equal (what, "categories") && !g_str_equal (what, "category-months") &&
      !g_str_equal (what, "forecast") &&
      !g_str_equal (what, "carriers") && !g_str_equal (what, "late-orders") &&
      !g_str_equal (what, "baskets") &&
      !g_str_equal (what, "customers") && !g_str_equal (what, "rfm") && !g_str_equal (what, "cohorts") &&
      !g_str_equal (what, "clv"))
    {
      ciro_report_filter_clear (&f);
      return fail (EXIT_USAGE, _("unknown report “%s”"), what);
    }
  if (a->category != NULL && !g_str_equal (what, "products"))
    {
      ciro_report_filter_clear (&f);
      return fail (EXIT_USAGE, _("--category is an option of “report products”"));
    }
  if (a->compare != NULL)
    {
      CiroCompareBasis basis;

      if (!g_str_equal (what, "summary"))
        {
          ciro_report_filter_clear (&f);
          return fail (EXIT_USAGE, _("--compare is an option of “report summary”"));
        }
      if (!ciro_compare_basis_from_id (a->compare, &basis))
        {
          ciro_report_filter_clear (&f);
          return fail (EXIT_USAGE, _("unknown comparison “%s” (previous or last-year)"), a->compare);
        }
      /* the days name the preset: --from the 1st of this month is "this month" */
      cmp = (CiroReportFilter) { 0, 0, f.marketplace };
      ciro_range_compare (ciro_range_preset_of (f.from, f.to, ciro_today ()), basis, f.from, f.to,
                          &cmp.from, &cmp.to);
    }
  store = open_store (a, &code);
  if (store != NULL && check_marketplace (store, &f, &code))
    {
      cmp.marketplace = f.marketplace;     /* normalised by the check */
      if (g_str_equal (what, "summary"))
        code = report_summary (store, &f, a->compare != NULL ? &cmp : NULL, format);
      else if (g_str_equal (what, "daily"))
        code = report_daily (store, &f, format);
      else if (g_str_equal (what, "marketplaces"))
        code = report_marketplaces (store, &f, format);
      else if (g_str_equal (what, "products"))
        code = report_products (store, &f, a, format);
      else if (g_str_equal (what, "stock"))
        code = report_stock (store, a, format);
      else if (g_str_equal (what, "categories"))
        code = report_categories (store, &f, FALSE, format);
      else if (g_str_equal (what, "category-months"))
        code = report_categories (store, &f, TRUE, format);
      else if (g_str_equal (what, "forecast"))
        /* the history ends with --to, by default yesterday: today is partial */
        code = cli_report_forecast (store, a->to != NULL ? f.to + 1 : ciro_today (), f.marketplace,
                                    a->metric, a->days, a->backtest, format);
      else if (g_str_equal (what, "carriers"))
        code = cli_report_carriers (store, &f, format);
      else if (g_str_equal (what, "late-orders"))
        code = cli_report_late_orders (store, &f, format);
      else if (g_str_equal (what, "baskets"))
        code = cli_report_baskets (store, &f, a->min_count, a->size, a->product, a->sort, a->limit, format);
      else if (g_str_equal (what, "customers") || g_str_equal (what, "rfm") || g_str_equal (what, "cohorts") ||
               g_str_equal (what, "clv"))
        {
          g_autoptr(GError) error = NULL;
          /* insights.md §4: RFM's window is a year unless --from says otherwise */
          if (a->from == NULL)
            f.from = f.to - 364;
          code = cli_report_customers (store, &f, what, a->limit, format, &error);
          if (code < 0)
            code = store_fail (error);
        }
      else
        code = report_today (store, &f, a, format);
    }
  ciro_report_filter_clear (&f);
  return code;
}

static int
cmd_ask (Args *a)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GString) question = g_string_new (NULL);
  CliFormat format;
  int code = EXIT_OK;

  if (a->words->len < 2)
    return fail (EXIT_USAGE, _("ask needs a question, e.g. ciro-cli ask \"revenue this week\""));
  for (guint i = 1; i < a->words->len; i++)
    g_string_append_printf (question, "%s%s", i > 1 ? " " : "", (char *) a->words->pdata[i]);
  if (!resolve_format (a, &format, &code))
    return code;
  store = open_store (a, &code);
  if (store == NULL)
    return code;
  return cli_ask (store, question->str, format);
}

static int
cmd_unmatched (Args *a)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(CliTable) t = NULL;
  CliFormat format;
  int code = EXIT_OK;

  const char *verb = a->words->len > 1 ? a->words->pdata[1] : NULL;
  guint64 above = CIRO_SUGGEST_DEFAULT_PERCENT;

  if (verb != NULL && !((g_str_equal (verb, "import") || g_str_equal (verb, "export")) && a->words->len == 3) &&
      !(g_str_equal (verb, "accept") && a->words->len == 2))
    return fail (EXIT_USAGE, _("usage: ciro-cli unmatched [--suggest] | accept [--above PERCENT] | import FILE | export FILE"));
  if (a->above != NULL && !parse_count (a->above, "--above", 100, &above, &code))
    return code;
  if (!resolve_format (a, &format, &code) || (store = open_store (a, &code)) == NULL)
    return code;
  if (verb != NULL && g_str_equal (verb, "import"))
    return cli_unmatched_import (store, a->words->pdata[2], format);
  if (verb != NULL && g_str_equal (verb, "export"))
    return cli_unmatched_export (store, a->words->pdata[2]);
  if (verb != NULL)
    return cli_unmatched_accept (store, (guint) above, format);
  if (a->suggest)
    return cli_unmatched_suggest (store, format, a->limit);
  rows = ciro_report_unmatched (store, &error);
  if (rows == NULL)
    return store_fail (error);
  t = cli_table_new (5);
  t->columns[0] = "sku";
  t->columns[1] = "lines";
  t->columns[2] = "units";
  t->columns[3] = "revenue";
  t->columns[4] = "last_date";
  if (format == CLI_FORMAT_TABLE)
    {
      t->labels[0] = _("SKU");
      t->labels[1] = _("Lines");
      t->labels[2] = _("Units");
      t->labels[3] = _("Revenue");
      t->labels[4] = _("Last sold");
    }
  for (guint i = 0; i < rows->len && (a->limit < 0 || i < (guint64) a->limit); i++)
    {
      CiroUnmatchedRow *u = &g_array_index (rows, CiroUnmatchedRow, i);
      CliValue *r = cli_table_add_row (t);
      r[0].s = g_strdup (u->sku);
      r[1] = (CliValue) { CLI_INT, u->lines, 0, NULL };
      r[2] = (CliValue) { CLI_INT, u->units, 0, NULL };
      r[3] = (CliValue) { CLI_MONEY, u->revenue, 0, NULL };
      r[4].s = ciro_day_to_string (u->last_day);
    }
  cli_print_table (t, format, stdout);
  return EXIT_OK;
}

static int
cmd_map (Args *a)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMappingChange) change = NULL;
  g_autofree char *text = NULL;
  int code = EXIT_OK;

  if (a->words->len != 3)
    return fail (EXIT_USAGE, _("usage: ciro-cli map SKU PRODUCT_SKU"));
  if ((store = open_store (a, &code)) == NULL)
    return code;
  change = ciro_store_map_sku_change (store, a->words->pdata[1], a->words->pdata[2], &error);
  if (change == NULL)
    return store_fail (error);
  /* what moved: "ESKI-KOD-105866 → S00105866: 41 lines, ₺67,055.00 now costed" */
  text = ciro_mapping_change_describe (change, a->words->pdata[2], ciro_number_style_from_locale ());
  printf ("%s\n", text);
  return EXIT_OK;
}

static int
cmd_backup (Args *a)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int code = EXIT_OK;

  if (a->words->len != 1)
    return fail (EXIT_USAGE, _("usage: ciro-cli backup"));
  if ((store = open_store (a, &code)) == NULL)
    return code;
  if ((path = ciro_store_backup (store, &error)) == NULL)
    return store_fail (error);
  printf (_("Backed up to %s\n"), path);
  return EXIT_OK;
}

static int
cmd_restore (Args *a)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = a->db ? g_strdup (a->db) : ciro_store_default_path ();
  g_autofree char *kept = NULL;
  const char *backup = a->words->len == 2 ? a->words->pdata[1] : NULL;
  g_autoptr(GPtrArray) backups = NULL;

  if (a->words->len > 2)
    return fail (EXIT_USAGE, _("usage: ciro-cli restore [BACKUP]"));
  if (backup == NULL)
    {
      backups = ciro_store_list_backups (path);
      backup = backups->len > 0 ? backups->pdata[0] : NULL;
    }
  if (!ciro_store_restore (path, backup, &kept, &error))
    return error->domain == CIRO_STORE_ERROR && error->code == CIRO_STORE_ERROR_NOT_FOUND
             ? fail (EXIT_USAGE, "%s", error->message) : fail (EXIT_STORE, "%s", error->message);
  if (kept != NULL)
    printf (_("Restored %s from %s; the file it replaced is kept as %s\n"), path, backup, kept);
  else
    printf (_("Restored %s from %s\n"), path, backup);
  return EXIT_OK;
}

static char *
percent_text (gint64 bp)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", bp / 100, (int) (bp % 100));
}

/* A setting with history (profit.md): fee_vat, shipping_vat,
 * service_fee.MARKETPLACE, commission.MARKETPLACE.CATEGORY. */
static gboolean
history_key (const char *key, const char **rate, char **marketplace, char **category)
{
  const char *dot;

  *marketplace = *category = NULL;
  if (g_str_equal (key, CIRO_RATE_FEE_VAT) || g_str_equal (key, CIRO_RATE_SHIPPING_VAT))
    {
      *rate = g_str_equal (key, CIRO_RATE_FEE_VAT) ? CIRO_RATE_FEE_VAT : CIRO_RATE_SHIPPING_VAT;
      return TRUE;
    }
  if (g_str_has_prefix (key, "service_fee."))
    {
      *rate = CIRO_RATE_SERVICE_FEE;
      *marketplace = g_strdup (key + strlen ("service_fee."));
      return TRUE;
    }
  if (g_str_has_prefix (key, CIRO_SETTING_COMMISSION_PREFIX) &&
      (dot = strchr (key + strlen (CIRO_SETTING_COMMISSION_PREFIX), '.')) != NULL)
    {
      *rate = CIRO_RATE_CATEGORY_COMMISSION;
      *marketplace = g_strndup (key + strlen (CIRO_SETTING_COMMISSION_PREFIX),
                                dot - key - strlen (CIRO_SETTING_COMMISSION_PREFIX));
      *category = g_strdup (dot + 1);
      return TRUE;
    }
  return FALSE;
}

static int
set_history_setting (CiroStore *store, Args *a, const char *key, const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *marketplace = NULL, *category = NULL;
  const char *rate;
  CiroDay from = 0;     /* without --from: from the start */
  gint64 v;

  history_key (key, &rate, &marketplace, &category);
  if (a->from != NULL && !ciro_day_parse (a->from, &from, &error))
    return fail (EXIT_USAGE, _("--from: %s"), error->message);
  if (g_str_equal (rate, CIRO_RATE_CATEGORY_COMMISSION) && g_ascii_strcasecmp (value, "none") == 0)
    v = -1;
  else if (g_str_equal (rate, CIRO_RATE_SERVICE_FEE) ? !ciro_parse_money (value, &v, NULL)
                                                     : !ciro_parse_decimal (value, 2, &v, NULL))
    return fail (EXIT_USAGE, _("“%s” is not a number"), value);
  if (!ciro_store_set_rate (store, rate, marketplace, category, from, v, &error))
    return store_fail (error);
  return EXIT_OK;
}

/* Today's value of every setting with history, as KEY=VALUE lines (or the
 * value alone of `only`). */
static int
print_history_settings (CiroStore *store, GPtrArray *mps, const char *only, GError **error)
{
  g_autoptr(CiroRates) rates = ciro_rates_load (store, error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CiroDay today = ciro_today ();
  gboolean found = FALSE;

  if (rates == NULL || (entries = ciro_store_list_rates (store, error)) == NULL)
    return -1;
#define PRINT(k, v) \
  G_STMT_START { \
    if (only == NULL || g_str_equal (only, (k))) \
      { \
        if (only) printf ("%s\n", (v)); else printf ("%s=%s\n", (k), (v)); \
        found = TRUE; \
      } \
  } G_STMT_END
  {
    g_autofree char *f = percent_text (ciro_rates_fee_vat (rates, today));
    g_autofree char *s = percent_text (ciro_rates_shipping_vat (rates, today));
    PRINT (CIRO_RATE_FEE_VAT, f);
    PRINT (CIRO_RATE_SHIPPING_VAT, s);
  }
  for (guint i = 0; i < mps->len; i++)
    {
      CiroMarketplaceSettings *m = mps->pdata[i];
      g_autofree char *k = g_strconcat ("service_fee.", m->name, NULL);
      g_autofree char *v = ciro_money_to_decimal (ciro_rates_service_fee (rates, m->name, today));
      PRINT (k, v);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      CiroRateEntry *e = entries->pdata[i];
      g_autofree char *k = NULL;
      g_autofree char *v = NULL;
      CiroBasisPoints r;

      if (!g_str_equal (e->key, CIRO_RATE_CATEGORY_COMMISSION))
        continue;
      k = g_strconcat (CIRO_SETTING_COMMISSION_PREFIX, e->marketplace, ".", e->category, NULL);
      if (g_hash_table_contains (seen, k))
        continue;
      v = ciro_rates_category_commission (rates, e->marketplace, e->category, today, &r) ? percent_text (r)
                                                                                            : g_strdup ("none");
      PRINT (k, v);
      g_hash_table_add (seen, g_steal_pointer (&k));
    }
#undef PRINT
  return found;
}

static int
cmd_settings (Args *a)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mps = NULL;
  const char *verb = a->words->len > 1 ? a->words->pdata[1] : NULL;
  const char *key = a->words->len > 2 ? a->words->pdata[2] : NULL;
  int code = EXIT_OK;
  gboolean found = FALSE;

  if (verb != NULL && g_str_equal (verb, "import") && a->words->len == 3)
    {
      CiroDay from = 0;
      gint64 n;

      if (a->from != NULL && !ciro_day_parse (a->from, &from, &error))
        return fail (EXIT_USAGE, _("--from: %s"), error->message);
      if ((store = open_store (a, &code)) == NULL)
        return code;
      n = ciro_store_import_category_commissions (store, a->words->pdata[2], from, &error);
      if (n < 0)
        return error->domain == G_FILE_ERROR ? fail (EXIT_USAGE, "%s", error->message) : store_fail (error);
      printf (g_dngettext (GETTEXT_PACKAGE, "%lld commission rule imported\n", "%lld commission rules imported\n",
                           (gulong) n), (long long) n);
      return EXIT_OK;
    }
  if (verb != NULL && g_str_equal (verb, "history") && a->words->len == 2)
    {
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(CliTable) t = NULL;
      CliFormat format;
      static const char *keys[] = { "key", "from", "value" };
      static const char *labels[] = { N_("Setting"), N_("From"), N_("Value") };

      if (!resolve_format (a, &format, &code) || (store = open_store (a, &code)) == NULL)
        return code;
      if ((entries = ciro_store_list_rates (store, &error)) == NULL)
        return store_fail (error);
      t = cli_table_new (G_N_ELEMENTS (keys));
      for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
        {
          t->columns[c] = keys[c];
          t->labels[c] = format == CLI_FORMAT_TABLE ? _(labels[c]) : NULL;
        }
      for (guint i = 0; i < entries->len; i++)
        {
          CiroRateEntry *e = entries->pdata[i];
          CliValue *r = cli_table_add_row (t);

          if (g_str_equal (e->key, CIRO_RATE_SERVICE_FEE))
            r[0].s = g_strconcat ("service_fee.", e->marketplace, NULL);
          else if (g_str_equal (e->key, CIRO_RATE_CATEGORY_COMMISSION))
            r[0].s = g_strconcat (CIRO_SETTING_COMMISSION_PREFIX, e->marketplace, ".", e->category, NULL);
          else
            r[0].s = g_strdup (e->key);
          r[1].s = ciro_day_to_string (e->from_day);
          r[2].s = e->value < 0 ? g_strdup ("none")
                   : g_str_equal (e->key, CIRO_RATE_SERVICE_FEE) ? ciro_money_to_decimal (e->value)
                   : percent_text (e->value);
        }
      cli_print_table (t, format, stdout);
      return EXIT_OK;
    }
  if (verb == NULL || (!g_str_equal (verb, "get") && !g_str_equal (verb, "set")) ||
      (g_str_equal (verb, "set") && a->words->len != 4) || (g_str_equal (verb, "get") && a->words->len > 3))
    return fail (EXIT_USAGE, _("usage: ciro-cli settings get [KEY] | settings set KEY VALUE [--from DATE]"));
  if ((store = open_store (a, &code)) == NULL)
    return code;

  if (g_str_equal (verb, "set"))
    {
      g_autofree char *url = NULL;
      g_autofree char *hm = NULL, *hc = NULL;
      const char *value = a->words->pdata[3];
      const char *rate;

      if (history_key (key, &rate, &hm, &hc))
        return set_history_setting (store, a, key, value);
      if (a->from != NULL)
        return fail (EXIT_USAGE, _("“%s” has no history: --from does not apply"), key);

      /* the address obeys the rule of --api-url and the window's */
      if (g_str_equal (key, CIRO_SETTING_API_URL) && *value != '\0')
        {
          if ((url = ciro_sentos_check_url (value, &error)) == NULL)
            return fail (EXIT_USAGE, "%s", error->message);
          value = url;
        }
      if (!ciro_store_set_setting (store, key, value, &error))
        return store_fail (error);
      return EXIT_OK;
    }

  for (const CiroSettingInfo *i = ciro_settings_known (); i->key != NULL; i++)
    {
      g_autofree char *value = NULL;
      if (key != NULL && !g_str_equal (key, i->key))
        continue;
      value = ciro_store_get_setting (store, i->key);
      if (key)
        printf ("%s\n", value ? value : i->default_value);
      else
        printf ("%s=%s\n", i->key, value ? value : i->default_value);
      found = TRUE;
    }
  mps = ciro_store_list_marketplaces (store, &error);
  if (mps == NULL)
    return store_fail (error);
  for (guint i = 0; i < mps->len; i++)
    {
      CiroMarketplaceSettings *m = mps->pdata[i];
      g_autofree char *ck = g_strconcat (CIRO_SETTING_COMMISSION_PREFIX, m->name, NULL);
      g_autofree char *sk = g_strconcat (CIRO_SETTING_SHIPPING_PREFIX, m->name, NULL);
      g_autofree char *cv = percent_text (m->commission);
      g_autofree char *sv = ciro_money_to_decimal (m->shipping_cost);

      if (key == NULL || g_str_equal (key, ck))
        {
          if (key)
            printf ("%s\n", cv);
          else
            printf ("%s=%s\n", ck, cv);
          found = TRUE;
        }
      if (key == NULL || g_str_equal (key, sk))
        {
          if (key)
            printf ("%s\n", sv);
          else
            printf ("%s=%s\n", sk, sv);
          found = TRUE;
        }
    }
  switch (print_history_settings (store, mps, key, &error))
    {
    case -1:
      return store_fail (error);
    case TRUE:
      found = TRUE;
      break;
    default:
      break;
    }
  if (!found)
    return fail (EXIT_USAGE, _("Unknown setting “%s”"), key);
  return EXIT_OK;
}

/* ---------------------------------------------------------- ad spend, expenses */

static int
cost_entry_add (CiroStore *store, Args *a, CiroCostKind kind)
{
  g_autoptr(GError) error = NULL;
  CiroCostEntry e = { 0 };
  gint64 id;

  e.kind = kind;
  e.until_day = CIRO_DAY_INVALID;
  if (a->words->len != 4)
    return fail (EXIT_USAGE, _("usage: ciro-cli %s add DATE AMOUNT [--monthly] [--marketplace NAME] [--note TEXT]"),
                 (const char *) a->words->pdata[0]);
  if (!ciro_day_parse (a->words->pdata[2], &e.day, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  if (!ciro_parse_money (a->words->pdata[3], &e.amount, NULL))
    return fail (EXIT_USAGE, _("“%s” is not a number"), (const char *) a->words->pdata[3]);
  e.monthly = a->monthly;
  if (a->until != NULL)
    {
      if (!a->monthly)
        return fail (EXIT_USAGE, _("--until needs --monthly"));
      if (!ciro_day_parse (a->until, &e.until_day, &error))
        return fail (EXIT_USAGE, _("--until: %s"), error->message);
    }
  /* ad spend "per month" is that month's only; an expense recurs until stopped */
  if (kind == CIRO_COST_AD_SPEND && a->monthly)
    e.until_day = e.day;
  e.marketplace = a->marketplace;
  e.name = a->name;
  e.category = a->category;
  e.note = a->note;
  id = ciro_store_add_cost_entry (store, &e, &error);
  if (id == 0)
    return store_fail (error);
  printf ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_OK;
}

static int
cost_entry_list (CiroStore *store, Args *a, CiroCostKind kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = ciro_store_list_cost_entries (store, kind, &error);
  g_autoptr(CliTable) t = NULL;
  CliFormat format;
  int code = EXIT_OK;
  static const char *keys[] = { "id", "date", "monthly", "until", "marketplace", "amount", "name", "category", "note" };
  static const char *labels[] = {
    N_("Id"), N_("Date"), N_("Monthly"), N_("Until"), N_("Marketplace"), N_("Amount"), N_("Name"), N_("Category"),
    N_("Note"),
  };

  if (entries == NULL)
    return store_fail (error);
  if (!resolve_format (a, &format, &code))
    return code;
  t = cli_table_new (G_N_ELEMENTS (keys));
  for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
    {
      t->columns[c] = keys[c];
      t->labels[c] = format == CLI_FORMAT_TABLE ? _(labels[c]) : NULL;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      CiroCostEntry *e = entries->pdata[i];
      CliValue *r = cli_table_add_row (t);

      r[0] = (CliValue) { CLI_ID, e->id, 0, NULL };
      r[1].s = ciro_day_to_string (e->day);
      r[2] = (CliValue) { CLI_BOOL, e->monthly, 0, NULL };
      if (e->until_day != CIRO_DAY_INVALID)
        r[3].s = ciro_day_to_string (e->until_day);
      else
        r[3].kind = CLI_NULL;
      r[4].s = g_strdup (e->marketplace);
      r[5] = (CliValue) { CLI_MONEY, e->amount, 0, NULL };
      r[6].s = g_strdup (e->name);
      r[7].s = g_strdup (e->category);
      r[8].s = g_strdup (e->note);
    }
  cli_print_table (t, format, stdout);
  return EXIT_OK;
}

static int
cmd_cost_entries (Args *a, CiroCostKind kind)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *verb = a->words->len > 1 ? a->words->pdata[1] : "";
  int code = EXIT_OK;

  if (!g_str_equal (verb, "add") && !g_str_equal (verb, "list") && !g_str_equal (verb, "remove") &&
      !g_str_equal (verb, "import"))
    return fail (EXIT_USAGE, _("usage: ciro-cli %s add|list|remove|import"), (const char *) a->words->pdata[0]);
  if ((store = open_store (a, &code)) == NULL)
    return code;
  if (g_str_equal (verb, "add"))
    return cost_entry_add (store, a, kind);
  if (g_str_equal (verb, "list"))
    return cost_entry_list (store, a, kind);
  if (a->words->len != 3)
    return fail (EXIT_USAGE, _("usage: ciro-cli %s remove ID | import FILE"), (const char *) a->words->pdata[0]);
  if (g_str_equal (verb, "remove"))
    {
      guint64 id;
      if (!g_ascii_string_to_unsigned (a->words->pdata[2], 10, 1, G_MAXINT64, &id, NULL))
        return fail (EXIT_USAGE, _("%s needs a whole number, not “%s”"), "ID", (const char *) a->words->pdata[2]);
      if (!ciro_store_remove_cost_entry (store, kind, (gint64) id, &error))
        return store_fail (error);
      return EXIT_OK;
    }
  {
    gint64 n = ciro_store_import_cost_csv (store, kind, a->words->pdata[2], &error);
    if (n < 0)
      {
        if (error->domain == G_FILE_ERROR)
          return fail (EXIT_USAGE, "%s", error->message);
        return store_fail (error);
      }
    printf (g_dngettext (GETTEXT_PACKAGE, "%lld entry imported\n", "%lld entries imported\n", (gulong) n),
            (long long) n);
  }
  return EXIT_OK;
}

/* ---------------------------------------------------------- actual fees */

static int
cmd_fees (Args *a)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroFeeImportResult) r = NULL;
  CliFormat format;
  int code = EXIT_OK;

  if (a->words->len != 3 || !g_str_equal (a->words->pdata[1], "import"))
    return fail (EXIT_USAGE, _("usage: ciro-cli fees import FILE --marketplace NAME [--map order=COL,commission=COL,...]"));
  if (a->marketplace == NULL)
    return fail (EXIT_USAGE, _("fees import needs --marketplace NAME"));
  if (!resolve_format (a, &format, &code))
    return code;
  if ((store = open_store (a, &code)) == NULL)
    return code;
  r = ciro_store_import_fees (store, a->words->pdata[2], a->marketplace, a->map, &error);
  if (r == NULL)
    return store_fail (error);

  if (format == CLI_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rows");
      json_builder_add_int_value (b, r->rows);
      json_builder_set_member_name (b, "duplicates");
      json_builder_add_int_value (b, r->duplicates);
      json_builder_set_member_name (b, "orders");
      json_builder_add_int_value (b, r->orders);
      json_builder_set_member_name (b, "updated");
      json_builder_add_int_value (b, r->updated);
      json_builder_set_member_name (b, "unchanged");
      json_builder_add_int_value (b, r->unchanged);
      json_builder_set_member_name (b, "unknown");
      json_builder_begin_array (b);
      for (guint i = 0; i < r->unknown->len; i++)
        {
          CiroFeeUnknown *u = r->unknown->pdata[i];
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "row");
          json_builder_add_int_value (b, u->row);
          json_builder_set_member_name (b, "order");
          json_builder_add_string_value (b, u->order);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      text = json_generator_to_data (gen, NULL);
      puts (text);
      return EXIT_OK;
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "Fees of %u order imported: %u changed, %u already so.\n",
                       "Fees of %u orders imported: %u changed, %u already so.\n", r->orders),
          r->orders, r->updated, r->unchanged);
  if (r->duplicates > 0)
    printf (g_dngettext (GETTEXT_PACKAGE, "%u repeated row skipped.\n", "%u repeated rows skipped.\n",
                         r->duplicates), r->duplicates);
  if (r->unknown->len > 0)
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "%u row names an order Ciro does not know:\n",
                           "%u rows name orders Ciro does not know:\n", r->unknown->len), r->unknown->len);
      for (guint i = 0; i < r->unknown->len; i++)
        {
          CiroFeeUnknown *u = r->unknown->pdata[i];
          printf (_("  row %u: %s\n"), u->row, u->order);
        }
    }
  return EXIT_OK;
}

/* ---------------------------------------------------------- sync */

typedef struct {
  gboolean      tty;
  gboolean      done;
  gboolean      ok;
  CiroSyncStats stats;
  GError       *error;
  guint         last_pages;
} SyncWait;

/* A progress bar is on stderr's last line: log lines (a skipped record)
 * clear it first and go above it, and the next update draws it again. */
static gboolean bar_shown;

static GLogWriterOutput
log_above_bar (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  if (bar_shown)
    {
      fputs ("\r\033[K", stderr);
      bar_shown = FALSE;
    }
  return g_log_writer_default (level, fields, n_fields, NULL);
}

static void
sync_progress (GObject *object, GParamSpec *pspec, gpointer data)
{
  SyncWait *w = data;
  g_autofree char *phase = NULL;
  guint pages, total, records, retries;

  double fraction;

  g_object_get (object, "phase", &phase, "pages-done", &pages, "pages-total", &total,
                "records", &records, "retries", &retries, "fraction", &fraction, NULL);
  if (w->tty)
    {
      char bar[31];
      gboolean known = fraction >= 0 || g_str_equal (phase, "done");
      int filled = g_str_equal (phase, "done") ? 30 : known ? (int) (fraction * 30 + 0.5) : (int) (pages % 31);

      filled = CLAMP (filled, 0, 30);
      memset (bar, '#', (size_t) filled);
      memset (bar + filled, known ? '-' : ' ', (size_t) (30 - filled));
      bar[30] = '\0';
      fprintf (stderr, "\r\033[K[%s] %s", bar, phase);
      if (known)
        fprintf (stderr, " %3d %%", (int) (filled * 100 / 30));
      fprintf (stderr, _("  %u pages, %u records, %u retries"), pages, records, retries);
      bar_shown = TRUE;
    }
  else if (pages != w->last_pages)
    {
      fprintf (stderr, _("sync: %s, page %u, %u records, %u retries\n"), phase, pages, records, retries);
    }
  w->last_pages = pages;
}

static void
sync_done (GObject *source, GAsyncResult *result, gpointer data)
{
  SyncWait *w = data;
  w->ok = ciro_sync_run_finish (CIRO_SYNC (source), result, &w->stats, &w->error);
  w->done = TRUE;
}

static int
sync_exit_code (GError *error)
{
  if (error->domain == CIRO_SYNC_ERROR || error->domain == G_IO_ERROR || error->domain == G_TLS_ERROR)
    return EXIT_NETWORK;
  return EXIT_STORE;
}

static guint
env_uint (const char *name, guint fallback)
{
  const char *v = g_getenv (name);
  guint64 out;
  if (v == NULL || !g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT32, &out, NULL))
    return fallback;
  return (guint) out;
}

/* Runs one sync to completion on this thread's main context. */
static int
run_sync (const char *db, const char *url, const char *key, const char *secret, CiroSyncRequest *req,
          CiroSyncStats *stats_out)
{
  CiroSentosTiming timing;
  g_autoptr(CiroSentosClient) client = NULL;
  g_autoptr(CiroSync) sync = NULL;
  SyncWait w = { isatty (STDERR_FILENO) };
  int code;

  ciro_sentos_timing_init (&timing);
  /* tests and benchmarks run against the loopback mock without pauses */
  timing.pause_ms = env_uint ("CIRO_SYNC_PAUSE_MS", timing.pause_ms);
  timing.retry_base_ms = env_uint ("CIRO_SYNC_RETRY_MS", timing.retry_base_ms);
  timing.timeout_s = env_uint ("CIRO_SYNC_TIMEOUT_S", timing.timeout_s);
  timing.same_url_window_ms = env_uint ("CIRO_SYNC_SAME_URL_MS", timing.same_url_window_ms);
  /* and against misbehaving servers with bounds small enough to be reached */
  timing.deadline_ms = env_uint ("CIRO_SYNC_DEADLINE_MS", timing.deadline_ms);
  req->max_pages = env_uint ("CIRO_SYNC_MAX_PAGES", req->max_pages);
  req->max_seconds = env_uint ("CIRO_SYNC_MAX_SECONDS", req->max_seconds);
  client = ciro_sentos_client_new (url, key, secret, &timing);
  sync = ciro_sync_new (db, client);
  g_signal_connect (sync, "notify::pages-done", G_CALLBACK (sync_progress), &w);
  g_signal_connect (sync, "notify::phase", G_CALLBACK (sync_progress), &w);
  if (w.tty)
    {
      static gsize installed;
      if (g_once_init_enter (&installed))
        {
          g_log_set_writer_func (log_above_bar, NULL, NULL);
          g_once_init_leave (&installed, 1);
        }
    }
  ciro_sync_run_async (sync, req, NULL, sync_done, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  if (w.tty)
    fputc ('\n', stderr);
  bar_shown = FALSE;
  if (stats_out)
    *stats_out = w.stats;
  if (!w.ok)
    {
      code = sync_exit_code (w.error);
      fail (code, "%s", w.error->message);
      g_error_free (w.error);
      return code;
    }
  return EXIT_OK;
}

static int
cmd_sync (Args *a)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = a->db ? g_strdup (a->db) : ciro_store_default_path ();
  const char *key = g_getenv ("SENTOS_API_KEY");
  const char *secret = g_getenv ("SENTOS_API_SECRET");
  g_autoptr(CiroCredentials) saved = NULL;
  CiroSyncRequest req = { "full", TRUE, TRUE, 0, 0, 7, 100 };
  CiroSyncStats stats;
  CiroDay today = ciro_today ();
  int code = EXIT_OK;

  if (a->words->len > 1)
    return fail (EXIT_USAGE, _("unexpected argument “%s”"), (char *) a->words->pdata[1]);
  if ((store = open_store (a, &code)) == NULL)
    return code;
  url = g_strdup (a->api_url ? a->api_url : g_getenv ("SENTOS_API_URL"));
  if (url == NULL || *url == '\0')
    {
      g_free (url);
      url = ciro_store_get_setting (store, CIRO_SETTING_API_URL);
    }
  if (url == NULL || *url == '\0')
    return fail (EXIT_USAGE, _("no Sentos address: give --api-url, set SENTOS_API_URL or the api_url setting"));
  {
    /* https:// only (http:// to this computer), no user:password@ */
    g_autofree char *checked = ciro_sentos_check_url (url, &error);
    if (checked == NULL)
      return fail (EXIT_USAGE, "%s", error->message);
    g_free (url);
    url = g_steal_pointer (&checked);
  }
  if (key == NULL || secret == NULL)
    {
      g_autoptr(GError) kr_error = NULL;
      if ((saved = ciro_credentials_lookup_sync (url, NULL, &kr_error)) == NULL)
        {
          if (kr_error != NULL)
            return fail (EXIT_NETWORK, _("no Sentos credentials: SENTOS_API_KEY and SENTOS_API_SECRET are not set, "
                                         "and %s"), kr_error->message);
          return fail (EXIT_NETWORK, _("no Sentos credentials: set SENTOS_API_KEY and SENTOS_API_SECRET, "
                                       "or save them for %s in Ciro’s Preferences"), url);
        }
      key = saved->key;
      secret = saved->secret;
    }

  {
    CiroDay to = today;
    if (a->to != NULL && !ciro_day_parse (a->to, &to, &error))
      return fail (EXIT_USAGE, _("--to: %s"), error->message);
    /* the window's plan for a live or full run, then what the options say */
    if (!ciro_sync_plan_request (store, a->live ? CIRO_RUN_LIVE : CIRO_RUN_FULL, to, &req, &error))
      return fail (EXIT_STORE, "%s", error->message);
  }
  if (!a->live && (a->only_products || a->only_orders))
    {
      req.products = a->only_products;
      req.orders = a->only_orders;
      req.kind = a->only_products && !a->only_orders ? "products" : a->only_orders && !a->only_products ? "orders" : "full";
    }
  if (!a->live && a->from != NULL && !ciro_day_parse (a->from, &req.from, &error))
    return fail (EXIT_USAGE, _("--from: %s"), error->message);
  if (req.from > req.to)
    return fail (EXIT_USAGE, _("--from is after --to"));
  g_clear_object (&store);

  code = run_sync (path, url, key, secret, &req, &stats);
  if (code != EXIT_OK)
    return code;
  printf (_("pages %u, products %u, orders %u, lines %u, skipped %u, retries %u, seconds %.1f\n"),
          stats.pages, stats.products, stats.orders, stats.lines, stats.skipped, stats.retries, stats.seconds);
  return EXIT_OK;
}

/* The demo seller that --orders, --products and --seed describe. */
static void
demo_options_from_args (Args *a, CiroDemoOptions *opts)
{
  ciro_demo_options_init (opts);
  if (a->orders)
    opts->n_orders = a->orders;
  if (a->products)
    opts->n_products = (guint) a->products;
  if (a->seed)
    opts->seed = a->seed;
}

/* Serves the demo seller on loopback until killed: for trying sync by hand
 * and for tests that kill a running sync. */
static int
cmd_mock (Args *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroDemo) demo = NULL;
  g_autoptr(CiroMock) mock = NULL;
  CiroDemoOptions opts;

  demo_options_from_args (a, &opts);
  demo = ciro_demo_new (&opts);
  mock = ciro_mock_new (demo, g_getenv ("SENTOS_API_KEY") ? g_getenv ("SENTOS_API_KEY") : "demo",
                        g_getenv ("SENTOS_API_SECRET") ? g_getenv ("SENTOS_API_SECRET") : "demo", &error);
  if (mock == NULL)
    return fail (EXIT_NETWORK, "%s", error->message);
  if (a->faults != NULL && !ciro_mock_parse_faults (mock, a->faults, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  printf ("%s\n", ciro_mock_get_url (mock));
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return EXIT_OK;
}

static int
cmd_demo (Args *a)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroDemo) demo = NULL;
  CiroDemoOptions opts;
  int code = EXIT_OK;
  gint64 have;

  if (a->words->len > 1)
    return fail (EXIT_USAGE, _("unexpected argument “%s”"), (char *) a->words->pdata[1]);
  demo_options_from_args (a, &opts);
  if ((store = open_store (a, &code)) == NULL)
    return code;
  have = ciro_store_count_orders (store, &error);
  if (have < 0)
    return store_fail (error);
  if (have > 0)
    return fail (EXIT_USAGE, _("the store %s already has orders; give a new --db path for the demo"),
                 ciro_store_get_path (store));

  demo = ciro_demo_new (&opts);
  if (g_getenv ("CIRO_DEMO_DIRECT") != NULL)
    {
      /* the benchmarks' baseline: the generator straight into the store */
      gint64 start = g_get_monotonic_time ();
      if (!ciro_demo_populate (demo, store, NULL, NULL, NULL, &error))
        return store_fail (error);
      printf (_("demo: %u products, %lu orders in %.1f s (%s)\n"), opts.n_products, (unsigned long) opts.n_orders,
              (g_get_monotonic_time () - start) / 1e6, ciro_store_get_path (store));
      return EXIT_OK;
    }
  {
    /* the demo store is filled the way a real one is: the real sync client
     * reads the demo seller from a mock of the Sentos API on loopback */
    g_autoptr(CiroMock) mock = ciro_mock_new (demo, "demo", "demo", &error);
    g_autofree char *path = g_strdup (ciro_store_get_path (store));
    CiroSyncRequest req = { "demo", TRUE, TRUE, ciro_demo_first_day (demo), ciro_demo_last_day (demo), 31, 100 };
    CiroSyncStats stats;

    if (mock == NULL)
      return fail (EXIT_NETWORK, "%s", error->message);
    if (a->faults != NULL && !ciro_mock_parse_faults (mock, a->faults, &error))
      return fail (EXIT_USAGE, "%s", error->message);
    g_clear_object (&store);
    if (!g_getenv ("CIRO_SYNC_PAUSE_MS"))
      g_setenv ("CIRO_SYNC_PAUSE_MS", "0", TRUE);
    if (!g_getenv ("CIRO_SYNC_RETRY_MS"))
      g_setenv ("CIRO_SYNC_RETRY_MS", "100", TRUE);
    if (!g_getenv ("CIRO_SYNC_SAME_URL_MS"))
      g_setenv ("CIRO_SYNC_SAME_URL_MS", "0", TRUE);
    code = run_sync (path, ciro_mock_get_url (mock), "demo", "demo", &req, &stats);
    if (code != EXIT_OK)
      return code;
    store = ciro_store_open (path, &error);
    if (store == NULL || !ciro_store_set_setting (store, CIRO_SETTING_STORE_NAME, "Stildiva (demo)", &error) ||
        !ciro_demo_note_timeline (demo, store, &error))
      return store_fail (error);
    printf (_("demo: %u products, %u orders, %u pages, %u retries in %.1f s (%s)\n"), stats.products, stats.orders,
            stats.pages, stats.retries, stats.seconds, path);
  }
  return EXIT_OK;
}

/* libxlsxwriter prints its own lines on stderr before it returns an error:
 * the user is told once, in their language, by the caller. ciro-cli runs
 * one thread, so the stream can be set aside for the workbook's time. */
static gboolean
export_xlsx_quietly (CiroStore *store, CiroExportKind kind, const CiroReportFilter *f, const char *path,
                     GError **error)
{
  int saved, null;
  gboolean ok;

  fflush (stderr);
  saved = dup (STDERR_FILENO);
  null = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved >= 0 && null >= 0)
    dup2 (null, STDERR_FILENO);
  ok = ciro_export_xlsx (store, kind, f, path, NULL, error);
  fflush (stderr);
  if (saved >= 0)
    {
      dup2 (saved, STDERR_FILENO);
      close (saved);
    }
  if (null >= 0)
    close (null);
  return ok;
}

static int
cmd_export (Args *a)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { 0 };
  CiroExportKind kind;
  int code = EXIT_OK;

  if (a->words->len != 2 || !ciro_export_kind_from_string (a->words->pdata[1], &kind))
    return fail (EXIT_USAGE, _("usage: ciro-cli export sales|products|pnl|platforms|customers|stock|categories|rfm|cohorts|carriers --format csv|xlsx|pdf --output FILE"));
  if (a->output == NULL)
    return fail (EXIT_USAGE, _("export needs --output FILE"));
  if (a->format == NULL || (!g_str_equal (a->format, "csv") && !g_str_equal (a->format, "xlsx") &&
                            !g_str_equal (a->format, "pdf")))
    return fail (EXIT_USAGE, _("export needs --format csv, xlsx or pdf"));
  if (!resolve_filter (a, &f, &code))
    return code;
  /* insights.md §4: RFM's window is a year unless --from says otherwise */
  if ((kind == CIRO_EXPORT_RFM || kind == CIRO_EXPORT_COHORTS) && a->from == NULL)
    f.from = f.to - 364;
  if ((store = open_store (a, &code)) == NULL || !check_marketplace (store, &f, &code))
    {
      ciro_report_filter_clear (&f);
      return code;
    }
  if (!(g_str_equal (a->format, "csv")
          ? ciro_export_csv (store, kind, &f, ciro_number_style_from_locale (), a->output, NULL, &error)
          : g_str_equal (a->format, "pdf")
          ? ciro_export_pdf (store, kind, &f, ciro_number_style_from_locale (), a->output, NULL, &error)
          : export_xlsx_quietly (store, kind, &f, a->output, &error)))
    {
      ciro_report_filter_clear (&f);
      return error->domain == CIRO_EXPORT_ERROR ? fail (EXIT_STORE, "%s", error->message) : store_fail (error);
    }
  ciro_report_filter_clear (&f);
  return EXIT_OK;
}

/* ---------------------------------------------------------- tariffs */

static int
cmd_tariff (Args *a)
{
  g_autoptr(CiroStore) store = NULL;
  CliFormat format = CLI_FORMAT_TABLE;
  int code = EXIT_OK;

  if (!resolve_format (a, &format, &code) || (store = open_store (a, &code)) == NULL)
    return code;
  return cli_tariff (store, a->words, a->marketplace, a->from, format);
}

int
main (int argc, char *argv[])
{
  Args a = { 0 };
  const char *cmd;
  int code;

  ciro_i18n_init ();

  code = parse_args (argc, argv, &a);
  if (code >= 0)
    {
      args_clear (&a);
      return code;
    }
  if (a.words->len == 0)
    {
      /* errors are one line on stderr: the synopsis line, the rest is --help's */
      g_autofree char *synopsis = g_strdup (_(usage_text));
      char *nl = strchr (synopsis, '\n');
      if (nl != NULL)
        *nl = '\0';
      args_clear (&a);
      return fail (EXIT_USAGE, "%s", synopsis);
    }
  /* --today pins "today" for every command: reports and answers as of
   * the end of that day, reproducible */
  if (a.today != NULL)
    {
      g_autoptr(GError) error = NULL;
      CiroDay day;
      g_autofree char *now = NULL;
      char buf[11];

      if (!ciro_day_parse (a.today, &day, &error))
        {
          code = fail (EXIT_USAGE, _("--today: %s"), error->message);
          args_clear (&a);
          return code;
        }
      now = g_strdup_printf ("%s 23:59:59", ciro_day_format (day, buf));
      g_setenv ("CIRO_NOW", now, TRUE);
    }
  cmd = a.words->pdata[0];
  if (g_str_equal (cmd, "report"))
    code = cmd_report (&a);
  else if (g_str_equal (cmd, "unmatched"))
    code = cmd_unmatched (&a);
  else if (g_str_equal (cmd, "map"))
    code = cmd_map (&a);
  else if (g_str_equal (cmd, "settings"))
    code = cmd_settings (&a);
  else if (g_str_equal (cmd, "expense"))
    code = cmd_cost_entries (&a, CIRO_COST_EXPENSE);
  else if (g_str_equal (cmd, "adspend"))
    code = cmd_cost_entries (&a, CIRO_COST_AD_SPEND);
  else if (g_str_equal (cmd, "fees"))
    code = cmd_fees (&a);
  else if (g_str_equal (cmd, "tariff"))
    code = cmd_tariff (&a);
  else if (g_str_equal (cmd, "demo"))
    code = cmd_demo (&a);
  else if (g_str_equal (cmd, "sync"))
    code = cmd_sync (&a);
  else if (g_str_equal (cmd, "mock"))
    code = cmd_mock (&a);
  else if (g_str_equal (cmd, "export"))
    code = cmd_export (&a);
  else if (g_str_equal (cmd, "ask"))
    code = cmd_ask (&a);
  else if (g_str_equal (cmd, "backup"))
    code = cmd_backup (&a);
  else if (g_str_equal (cmd, "restore"))
    code = cmd_restore (&a);
  else
    code = fail (EXIT_USAGE, _("unknown command “%s” (see ciro-cli --help)"), cmd);
  args_clear (&a);
  return code;
}
