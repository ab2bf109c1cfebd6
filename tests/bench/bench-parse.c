/* bench-parse.c: reading Sentos pages, the sync's own reader against json-glib
 *
 * 200 pages of 100 demo orders, written as the mock writes them (every
 * quirk), read by ciro_sentos_page_parse () into records, against the same
 * text loaded by json-glib's JsonParser into a tree (no records made: the
 * tree alone, which is what the sync used to start from). Both must accept
 * every page and count the same elements. Prints MB/s and orders/s;
 * asserts no timings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "core/ciro-date.h"
#include "demo/ciro-demo-json.h"
#include "demo/ciro-demo.h"
#include "sync/ciro-sentos-parse.h"
#include "bench-common.h"

#define N_PAGES 200
#define PAGE_SIZE 100
#define ROUNDS 5

static void
row (const char *what, double ms, gsize bytes, guint orders)
{
  printf ("%-44s %8.1f ms %8.1f MB/s %10.0f orders/s\n", what, ms, bytes / 1048576.0 / (ms / 1000.0),
          orders / (ms / 1000.0));
}

int
main (int argc, char *argv[])
{
  CiroDemoOptions opts;
  g_autoptr(CiroDemo) demo = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  double ours[ROUNDS], theirs[ROUNDS];
  gsize bytes = 0;
  guint orders = 0;

  ciro_demo_options_init (&opts);
  opts.n_orders = N_PAGES * PAGE_SIZE;
  opts.n_products = 400;
  opts.end_day = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  demo = ciro_demo_new (&opts);

  /* the pages as they travel */
  {
    g_autoptr(GString) page = g_string_new (NULL);
    guint in_page = 0;

    for (CiroDay d = ciro_demo_first_day (demo); d <= ciro_demo_last_day (demo); d++)
      {
        g_autoptr(GPtrArray) day = ciro_demo_orders_on (demo, d);
        for (guint i = 0; i < day->len; i++)
          {
            g_string_append (page, in_page == 0 ? "{\"page\": 1, \"size\": 100, \"data\": [" : ",");
            ciro_demo_order_write_json (page, day->pdata[i]);
            if (++in_page == PAGE_SIZE)
              {
                g_string_append (page, "]}");
                bytes += page->len;
                g_ptr_array_add (pages, g_bytes_new (page->str, page->len));
                g_string_truncate (page, 0);
                in_page = 0;
              }
          }
      }
  }
  orders = pages->len * PAGE_SIZE;
  printf ("Ciro page reading benchmark: %u pages of %u orders, %.1f MB of JSON\n", pages->len, PAGE_SIZE,
          bytes / 1048576.0);

  for (guint round = 0; round < ROUNDS; round++)
    {
      double t0 = now_ms ();
      guint n = 0;

      for (guint i = 0; i < pages->len; i++)
        {
          gsize len;
          const char *text = g_bytes_get_data (pages->pdata[i], &len);
          g_autoptr(GError) error = NULL;
          g_autoptr(CiroSentosPage) page = ciro_sentos_page_parse (text, len, CIRO_SENTOS_ORDERS, &error);

          if (page == NULL || page->field_errors > 0 || page->skipped->len > 0)
            g_error ("page %u: %s", i, error ? error->message : "records refused");
          n += page->records->len;
        }
      ours[round] = now_ms () - t0;
      if (n != orders)
        g_error ("read %u orders of %u", n, orders);

      t0 = now_ms ();
      n = 0;
      for (guint i = 0; i < pages->len; i++)
        {
          gsize len;
          const char *text = g_bytes_get_data (pages->pdata[i], &len);
          g_autoptr(JsonParser) parser = json_parser_new_immutable ();
          g_autoptr(GError) error = NULL;

          if (!json_parser_load_from_data (parser, text, (gssize) len, &error))
            g_error ("json-glib refused page %u: %s", i, error->message);
          n += json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                    "data"));
        }
      theirs[round] = now_ms () - t0;
      if (n != orders)
        g_error ("json-glib counted %u orders of %u", n, orders);
    }

  printf ("%-44s %11s %13s %19s\n", "median of 5", "time", "text", "orders");
  row ("ciro_sentos_page_parse (text → records)", median (ours, ROUNDS), bytes, orders);
  row ("baseline: json-glib JsonParser (text → tree)", median (theirs, ROUNDS), bytes, orders);
  printf ("the page reader takes %.2f× the time of json-glib's tree alone\n",
          median (ours, ROUNDS) / median (theirs, ROUNDS));
  return 0;
}
