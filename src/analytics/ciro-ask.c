/* ciro-ask.c: understanding a question
 *
 * A question is folded (Turkish lower case, letters reduced to their base:
 * "Kârım" and "karim" alike), cut into words at spaces, punctuation and
 * apostrophes ("Trendyol'da" → "trendyol" "da"), and matched against a
 * vocabulary of phrases. A vocabulary word matches a question word that is
 * the same, or the same followed by Turkish suffixes ("ekimde", "cirom",
 * "siparişlerim"), or one typing slip away (for words of five letters or
 * more). The matches are then read as a period, a comparison, a
 * marketplace, a metric, a ranking or a stock list. A question with no
 * word about the store, or with words Ciro cannot place around a store
 * word ("Apple's revenue"), is not understood: close questions are
 * suggested instead of a confident wrong answer.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciro-ask.h"
#include "ciro-range.h"
#include "core/ciro-date.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-text.h"

typedef enum {
  K_FILLER,        /* words that carry no meaning here */
  K_METRIC,        /* s: a summary key */
  K_NET,           /* "net": gross_orders → net_orders */
  K_RATE,          /* "oran", "rate": returns → return_rate_pct */
  K_GOING,         /* "how are we doing": net revenue */
  K_TODAY,
  K_YESTERDAY,
  K_DAY_BEFORE,
  K_THIS,          /* "bu", "this" */
  K_PREV,          /* "geçen", "previous" */
  K_LAST,          /* "last": previous unit, or last N */
  K_LASTN,         /* "son", "past" */
  K_UNIT,          /* n: 1 day, 7 week, 30 month, 365 year */
  K_BEFORE,        /* "the month before" */
  K_MONTH,         /* n: 1..12 */
  K_NUMWORD,       /* n */
  K_SINCE,
  K_BETWEEN,
  K_COMPARE,
  K_PREV_PERIOD,   /* "önceki dönem", "previous period" */
  K_RANK_MOST,     /* s: NULL, or the sort it implies */
  K_RANK_WORST,
  K_WHICH,
  K_PRODUCT_WORD,
  K_MARKET_WORD,
  K_CATEGORY_WORD, /* "kategori", "category": rankings of categories */
  K_NEXT,          /* "gelecek", "next": a future period */
  K_FORECAST,      /* "tahmin", "forecast" */
  K_MARKETPLACE,   /* s: the marketplace's name */
  K_STOCK,         /* s: the list */
  K_STOCK_WORD,
  K_SOLD,          /* "satan", "selling", "sold" */
} Kind;

typedef struct {
  const char *phrase;    /* folded words, space separated */
  Kind        kind;
  const char *s;
  int         n;
} Entry;

static const Entry vocabulary[] = {
  /* metrics (ask.md's table, then profit.md's figures) */
  { "net ciro", K_METRIC, "net_revenue", 0 },
  { "net satis", K_METRIC, "net_revenue", 0 },
  { "net revenue", K_METRIC, "net_revenue", 0 },
  { "net sales", K_METRIC, "net_revenue", 0 },
  { "ciro", K_METRIC, "net_revenue", 0 },
  { "satis", K_METRIC, "net_revenue", 0 },
  { "hasilat", K_METRIC, "net_revenue", 0 },
  { "gelir", K_METRIC, "net_revenue", 0 },
  { "revenue", K_METRIC, "net_revenue", 0 },
  { "sales", K_METRIC, "net_revenue", 0 },
  { "turnover", K_METRIC, "net_revenue", 0 },
  { "income", K_METRIC, "net_revenue", 0 },
  { "brut ciro", K_METRIC, "gross_revenue", 0 },
  { "brut satis", K_METRIC, "gross_revenue", 0 },
  { "gross revenue", K_METRIC, "gross_revenue", 0 },
  { "gross sales", K_METRIC, "gross_revenue", 0 },
  { "kar", K_METRIC, "profit_ex_vat", 1 },
  { "net kar", K_METRIC, "profit_ex_vat", 1 },
  { "kazanc", K_METRIC, "profit_ex_vat", 1 },
  { "kazandim", K_METRIC, "profit_ex_vat", 1 },
  { "kazandik", K_METRIC, "profit_ex_vat", 1 },
  { "kazandiniz", K_METRIC, "profit_ex_vat", 1 },
  { "profit", K_METRIC, "profit_ex_vat", 1 },
  { "net profit", K_METRIC, "profit_ex_vat", 1 },
  { "earnings", K_METRIC, "profit_ex_vat", 1 },
  { "earn", K_METRIC, "profit_ex_vat", 1 },
  { "earned", K_METRIC, "profit_ex_vat", 1 },
  { "kdv sonrasi kar", K_METRIC, "profit_ex_vat", 0 },
  { "profit after vat", K_METRIC, "profit_ex_vat", 0 },
  { "kdv oncesi kar", K_METRIC, "profit", 0 },
  { "vergi oncesi kar", K_METRIC, "profit", 0 },
  { "profit before vat", K_METRIC, "profit", 0 },
  { "pre vat profit", K_METRIC, "profit", 0 },
  { "faaliyet kari", K_METRIC, "operating_profit", 0 },
  { "isletme kari", K_METRIC, "operating_profit", 0 },
  { "operating profit", K_METRIC, "operating_profit", 0 },
  { "marj", K_METRIC, "margin_pct", 0 },
  { "kar marji", K_METRIC, "margin_pct", 0 },
  { "karlilik", K_METRIC, "margin_pct", 0 },
  { "margin", K_METRIC, "margin_pct", 0 },
  { "profit margin", K_METRIC, "margin_pct", 0 },
  { "profitability", K_METRIC, "margin_pct", 0 },
  { "siparis", K_METRIC, "gross_orders", 0 },
  { "order", K_METRIC, "gross_orders", 0 },
  { "orders", K_METRIC, "gross_orders", 0 },
  { "adet", K_METRIC, "net_units", 0 },
  { "adedi", K_METRIC, "net_units", 0 },
  { "units", K_METRIC, "net_units", 0 },
  { "items sold", K_METRIC, "net_units", 0 },
  { "items", K_METRIC, "net_units", 0 },
  { "satis adedi", K_METRIC, "net_units", 0 },
  { "urun sattim", K_METRIC, "net_units", 0 },
  { "urun sattik", K_METRIC, "net_units", 0 },
  { "sattim", K_METRIC, "net_units", 0 },
  { "sattik", K_METRIC, "net_units", 0 },
  { "satildi", K_METRIC, "net_units", 0 },
  { "kac urun", K_METRIC, "net_units", 0 },
  { "how many products", K_METRIC, "net_units", 0 },
  { "how many items", K_METRIC, "net_units", 0 },
  { "iade", K_METRIC, "cancel_return_orders", 0 },
  { "iptal", K_METRIC, "cancel_return_orders", 0 },
  { "returns", K_METRIC, "cancel_return_orders", 0 },
  { "returned", K_METRIC, "cancel_return_orders", 0 },
  { "return", K_METRIC, "cancel_return_orders", 0 },
  { "cancellations", K_METRIC, "cancel_return_orders", 0 },
  { "cancellation", K_METRIC, "cancel_return_orders", 0 },
  { "cancelled", K_METRIC, "cancel_return_orders", 0 },
  { "canceled", K_METRIC, "cancel_return_orders", 0 },
  { "komisyon", K_METRIC, "commission", 0 },
  { "commission", K_METRIC, "commission", 0 },
  { "kargo gideri", K_METRIC, "shipping_expense", 0 },
  { "kargo masrafi", K_METRIC, "shipping_expense", 0 },
  { "kargo maliyeti", K_METRIC, "shipping_expense", 0 },
  { "kargoya", K_METRIC, "shipping_expense", 0 },
  { "shipping cost", K_METRIC, "shipping_expense", 0 },
  { "shipping expense", K_METRIC, "shipping_expense", 0 },
  { "shipping", K_METRIC, "shipping_expense", 0 },
  { "kargo", K_METRIC, "shipping_expense", 0 },
  { "kargo geliri", K_METRIC, "shipping_income", 0 },
  { "shipping income", K_METRIC, "shipping_income", 0 },
  { "maliyet", K_METRIC, "product_cost", 0 },
  { "urun maliyeti", K_METRIC, "product_cost", 0 },
  { "cost", K_METRIC, "product_cost", 0 },
  { "product cost", K_METRIC, "product_cost", 0 },
  { "cost of goods", K_METRIC, "product_cost", 0 },
  { "sepet ortalamasi", K_METRIC, "aov", 0 },
  { "ortalama sepet", K_METRIC, "aov", 0 },
  { "sepet tutari", K_METRIC, "aov", 0 },
  { "ortalama siparis tutari", K_METRIC, "aov", 0 },
  { "ortalama siparis", K_METRIC, "aov", 0 },
  { "average order value", K_METRIC, "aov", 0 },
  { "average order", K_METRIC, "aov", 0 },
  { "average basket", K_METRIC, "aov", 0 },
  { "basket size", K_METRIC, "aov", 0 },
  { "aov", K_METRIC, "aov", 0 },
  { "kdv", K_METRIC, "vat_payable", 0 },
  { "odenecek kdv", K_METRIC, "vat_payable", 0 },
  { "kdv borcu", K_METRIC, "vat_payable", 0 },
  { "vat", K_METRIC, "vat_payable", 0 },
  { "vat payable", K_METRIC, "vat_payable", 0 },
  { "hesaplanan kdv", K_METRIC, "output_vat", 0 },
  { "output vat", K_METRIC, "output_vat", 0 },
  { "indirilecek kdv", K_METRIC, "input_vat", 0 },
  { "input vat", K_METRIC, "input_vat", 0 },
  { "reklam", K_METRIC, "ad_spend", 0 },
  { "reklam harcamasi", K_METRIC, "ad_spend", 0 },
  { "ad spend", K_METRIC, "ad_spend", 0 },
  { "advertising", K_METRIC, "ad_spend", 0 },
  { "ads", K_METRIC, "ad_spend", 0 },
  { "gider", K_METRIC, "expenses", 0 },
  { "masraf", K_METRIC, "expenses", 0 },
  { "expenses", K_METRIC, "expenses", 0 },
  { "roi", K_METRIC, "roi_pct", 0 },
  { "yatirim getirisi", K_METRIC, "roi_pct", 0 },
  { "return on cost", K_METRIC, "roi_pct", 0 },
  { "hizmet bedeli", K_METRIC, "service_fees", 0 },
  { "service fee", K_METRIC, "service_fees", 0 },
  { "service fees", K_METRIC, "service_fees", 0 },
  { "net", K_NET, NULL, 0 },
  { "oran", K_RATE, NULL, 0 },
  { "orani", K_RATE, NULL, 0 },
  { "yuzde", K_RATE, NULL, 0 },
  { "rate", K_RATE, NULL, 0 },
  { "percentage", K_RATE, NULL, 0 },

  /* how are we doing */
  { "nasil gidiyor", K_GOING, NULL, 0 },
  { "nasil gitti", K_GOING, NULL, 0 },
  { "nasil geciyor", K_GOING, NULL, 0 },
  { "nasil gecti", K_GOING, NULL, 0 },
  { "ne durumda", K_GOING, NULL, 0 },
  { "ne alemde", K_GOING, NULL, 0 },
  { "durum", K_GOING, NULL, 0 },
  { "ozet", K_GOING, NULL, 0 },
  { "how are we doing", K_GOING, NULL, 0 },
  { "how am i doing", K_GOING, NULL, 0 },
  { "how did we do", K_GOING, NULL, 0 },
  { "how did i do", K_GOING, NULL, 0 },
  { "how is business", K_GOING, NULL, 0 },
  { "how s business", K_GOING, NULL, 0 },
  { "how is the store doing", K_GOING, NULL, 0 },
  { "how are sales", K_GOING, NULL, 0 },
  { "how is it going", K_GOING, NULL, 0 },
  { "how s it going", K_GOING, NULL, 0 },
  { "summary", K_GOING, NULL, 0 },
  { "overview", K_GOING, NULL, 0 },

  /* periods */
  { "bugun", K_TODAY, NULL, 0 },
  { "bugunku", K_TODAY, NULL, 0 },
  { "today", K_TODAY, NULL, 0 },
  { "dun", K_YESTERDAY, NULL, 0 },
  { "dunku", K_YESTERDAY, NULL, 0 },
  { "yesterday", K_YESTERDAY, NULL, 0 },
  { "onceki gun", K_DAY_BEFORE, NULL, 0 },
  { "evvelki gun", K_DAY_BEFORE, NULL, 0 },
  { "evvelsi gun", K_DAY_BEFORE, NULL, 0 },
  { "day before yesterday", K_DAY_BEFORE, NULL, 0 },
  { "bu", K_THIS, NULL, 0 },
  { "this", K_THIS, NULL, 0 },
  { "current", K_THIS, NULL, 0 },
  { "icinde bulundugumuz", K_THIS, NULL, 0 },
  { "gecen", K_PREV, NULL, 0 },
  { "gectigimiz", K_PREV, NULL, 0 },
  { "onceki", K_PREV, NULL, 0 },
  { "bir onceki", K_PREV, NULL, 0 },
  { "previous", K_PREV, NULL, 0 },
  { "prior", K_PREV, NULL, 0 },
  { "last", K_LAST, NULL, 0 },
  { "son", K_LASTN, NULL, 0 },
  { "past", K_LASTN, NULL, 0 },
  { "gun", K_UNIT, NULL, 1 },
  { "day", K_UNIT, NULL, 1 },
  { "days", K_UNIT, NULL, 1 },
  { "hafta", K_UNIT, NULL, 7 },
  { "week", K_UNIT, NULL, 7 },
  { "weeks", K_UNIT, NULL, 7 },
  { "ay", K_UNIT, NULL, 30 },
  { "month", K_UNIT, NULL, 30 },
  { "months", K_UNIT, NULL, 30 },
  { "yil", K_UNIT, NULL, 365 },
  { "sene", K_UNIT, NULL, 365 },
  { "year", K_UNIT, NULL, 365 },
  { "years", K_UNIT, NULL, 365 },
  { "before", K_BEFORE, NULL, 0 },
  { "ocak", K_MONTH, NULL, 1 },
  { "subat", K_MONTH, NULL, 2 },
  { "mart", K_MONTH, NULL, 3 },
  { "nisan", K_MONTH, NULL, 4 },
  { "mayis", K_MONTH, NULL, 5 },
  { "haziran", K_MONTH, NULL, 6 },
  { "temmuz", K_MONTH, NULL, 7 },
  { "agustos", K_MONTH, NULL, 8 },
  { "eylul", K_MONTH, NULL, 9 },
  { "ekim", K_MONTH, NULL, 10 },
  { "kasim", K_MONTH, NULL, 11 },
  { "aralik", K_MONTH, NULL, 12 },
  { "january", K_MONTH, NULL, 1 },
  { "february", K_MONTH, NULL, 2 },
  { "march", K_MONTH, NULL, 3 },
  { "april", K_MONTH, NULL, 4 },
  { "may", K_MONTH, NULL, 5 },
  { "june", K_MONTH, NULL, 6 },
  { "july", K_MONTH, NULL, 7 },
  { "august", K_MONTH, NULL, 8 },
  { "september", K_MONTH, NULL, 9 },
  { "october", K_MONTH, NULL, 10 },
  { "november", K_MONTH, NULL, 11 },
  { "december", K_MONTH, NULL, 12 },
  { "jan", K_MONTH, NULL, 1 },
  { "feb", K_MONTH, NULL, 2 },
  { "apr", K_MONTH, NULL, 4 },
  { "jun", K_MONTH, NULL, 6 },
  { "jul", K_MONTH, NULL, 7 },
  { "aug", K_MONTH, NULL, 8 },
  { "sep", K_MONTH, NULL, 9 },
  { "sept", K_MONTH, NULL, 9 },
  { "oct", K_MONTH, NULL, 10 },
  { "nov", K_MONTH, NULL, 11 },
  { "dec", K_MONTH, NULL, 12 },
  { "bir", K_NUMWORD, NULL, 1 },
  { "one", K_NUMWORD, NULL, 1 },
  { "iki", K_NUMWORD, NULL, 2 },
  { "two", K_NUMWORD, NULL, 2 },
  { "uc", K_NUMWORD, NULL, 3 },
  { "three", K_NUMWORD, NULL, 3 },
  { "dort", K_NUMWORD, NULL, 4 },
  { "four", K_NUMWORD, NULL, 4 },
  { "bes", K_NUMWORD, NULL, 5 },
  { "five", K_NUMWORD, NULL, 5 },
  { "alti", K_NUMWORD, NULL, 6 },
  { "six", K_NUMWORD, NULL, 6 },
  { "yedi", K_NUMWORD, NULL, 7 },
  { "seven", K_NUMWORD, NULL, 7 },
  { "sekiz", K_NUMWORD, NULL, 8 },
  { "eight", K_NUMWORD, NULL, 8 },
  { "dokuz", K_NUMWORD, NULL, 9 },
  { "nine", K_NUMWORD, NULL, 9 },
  { "ten", K_NUMWORD, NULL, 10 },
  { "twelve", K_NUMWORD, NULL, 12 },
  { "yirmi", K_NUMWORD, NULL, 20 },
  { "twenty", K_NUMWORD, NULL, 20 },
  { "otuz", K_NUMWORD, NULL, 30 },
  { "thirty", K_NUMWORD, NULL, 30 },
  { "beri", K_SINCE, NULL, 0 },
  { "since", K_SINCE, NULL, 0 },
  { "itibaren", K_SINCE, NULL, 0 },
  { "baslayarak", K_SINCE, NULL, 0 },
  { "arasi", K_BETWEEN, NULL, 0 },
  { "arasinda", K_BETWEEN, NULL, 0 },
  { "between", K_BETWEEN, NULL, 0 },

  /* comparisons */
  { "gore", K_COMPARE, NULL, 0 },
  { "kiyasla", K_COMPARE, NULL, 0 },
  { "kiyasen", K_COMPARE, NULL, 0 },
  { "karsi", K_COMPARE, NULL, 0 },
  { "karsilastir", K_COMPARE, NULL, 0 },
  { "karsilastirinca", K_COMPARE, NULL, 0 },
  { "karsilastirildiginda", K_COMPARE, NULL, 0 },
  { "karsilastirmali", K_COMPARE, NULL, 0 },
  { "vs", K_COMPARE, NULL, 1 },
  { "versus", K_COMPARE, NULL, 1 },
  { "compared", K_COMPARE, NULL, 1 },
  { "compare", K_COMPARE, NULL, 1 },
  { "comparison", K_COMPARE, NULL, 1 },
  { "against", K_COMPARE, NULL, 1 },
  { "onceki doneme", K_PREV_PERIOD, NULL, 0 },
  { "onceki donem", K_PREV_PERIOD, NULL, 0 },
  { "bir onceki donem", K_PREV_PERIOD, NULL, 0 },
  { "previous period", K_PREV_PERIOD, NULL, 0 },
  { "prior period", K_PREV_PERIOD, NULL, 0 },
  { "period before", K_PREV_PERIOD, NULL, 0 },

  /* rankings */
  { "en cok satan", K_RANK_MOST, "units", 0 },
  { "en cok satilan", K_RANK_MOST, "units", 0 },
  { "en iyi satan", K_RANK_MOST, "units", 0 },
  { "cok satan", K_RANK_MOST, "units", 0 },
  { "cok satanlar", K_RANK_MOST, "units", 0 },
  { "best selling", K_RANK_MOST, "units", 0 },
  { "best sellers", K_RANK_MOST, "units", 0 },
  { "bestsellers", K_RANK_MOST, "units", 0 },
  { "bestseller", K_RANK_MOST, "units", 0 },
  { "top selling", K_RANK_MOST, "units", 0 },
  { "most sold", K_RANK_MOST, "units", 0 },
  { "sold the most", K_RANK_MOST, "units", 0 },
  { "sells the most", K_RANK_MOST, "units", 0 },
  { "en cok ciro yapan", K_RANK_MOST, "revenue", 0 },
  { "en cok ciro getiren", K_RANK_MOST, "revenue", 0 },
  { "en cok kazandiran", K_RANK_MOST, "profit", 0 },
  { "en cok kar getiren", K_RANK_MOST, "profit", 0 },
  { "en cok kar eden", K_RANK_MOST, "profit", 0 },
  { "en cok kar ettiren", K_RANK_MOST, "profit", 0 },
  { "en karli", K_RANK_MOST, "profit", 0 },
  { "most profitable", K_RANK_MOST, "profit", 0 },
  { "highest revenue", K_RANK_MOST, "revenue", 0 },
  { "en cok", K_RANK_MOST, NULL, 0 },
  { "en fazla", K_RANK_MOST, NULL, 0 },
  { "en iyi", K_RANK_MOST, NULL, 0 },
  { "most", K_RANK_MOST, NULL, 0 },
  { "top", K_RANK_MOST, NULL, 0 },
  { "best", K_RANK_MOST, NULL, 0 },
  { "highest", K_RANK_MOST, NULL, 0 },
  { "biggest", K_RANK_MOST, NULL, 0 },
  { "en az satan", K_RANK_WORST, NULL, 0 },
  { "en az satilan", K_RANK_WORST, NULL, 0 },
  { "en kotu", K_RANK_WORST, NULL, 0 },
  { "daha cok", K_RANK_MOST, NULL, 0 },
  { "daha fazla", K_RANK_MOST, NULL, 0 },
  { "en az", K_RANK_WORST, NULL, 0 },
  { "zarar eden", K_RANK_WORST, NULL, 0 },
  { "zarar ettiren", K_RANK_WORST, NULL, 0 },
  { "zararina", K_RANK_WORST, NULL, 0 },
  { "zararda", K_RANK_WORST, NULL, 0 },
  { "zarar", K_RANK_WORST, NULL, 0 },
  { "worst", K_RANK_WORST, NULL, 0 },
  { "least", K_RANK_WORST, NULL, 0 },
  { "lowest", K_RANK_WORST, NULL, 0 },
  { "loss making", K_RANK_WORST, NULL, 0 },
  { "losing money", K_RANK_WORST, NULL, 0 },
  { "hangi", K_WHICH, NULL, 0 },
  { "which", K_WHICH, NULL, 0 },
  { "urun", K_PRODUCT_WORD, NULL, 0 },
  { "product", K_PRODUCT_WORD, NULL, 0 },
  { "products", K_PRODUCT_WORD, NULL, 0 },
  { "sku", K_PRODUCT_WORD, NULL, 0 },
  { "pazaryeri", K_MARKET_WORD, NULL, 0 },
  { "pazar yeri", K_MARKET_WORD, NULL, 0 },
  { "pazaryerleri", K_MARKET_WORD, NULL, 0 },
  { "marketplace", K_MARKET_WORD, NULL, 0 },
  { "marketplaces", K_MARKET_WORD, NULL, 0 },
  { "kanal", K_MARKET_WORD, NULL, 0 },
  { "channel", K_MARKET_WORD, NULL, 0 },
  { "channels", K_MARKET_WORD, NULL, 0 },
  { "gelecek", K_NEXT, NULL, 0 },
  { "onumuzdeki", K_NEXT, NULL, 0 },
  { "next", K_NEXT, NULL, 0 },
  { "coming", K_NEXT, NULL, 0 },
  { "upcoming", K_NEXT, NULL, 0 },
  { "tahmin", K_FORECAST, NULL, 0 },
  { "tahmini", K_FORECAST, NULL, 0 },
  { "ongoru", K_FORECAST, NULL, 0 },
  { "beklenen", K_FORECAST, NULL, 0 },
  { "forecast", K_FORECAST, NULL, 0 },
  { "projection", K_FORECAST, NULL, 0 },
  { "predict", K_FORECAST, NULL, 0 },
  { "expected", K_FORECAST, NULL, 0 },
  { "kategori", K_CATEGORY_WORD, NULL, 0 },
  { "kategoriler", K_CATEGORY_WORD, NULL, 0 },
  { "kategori bazinda", K_CATEGORY_WORD, NULL, 0 },
  { "category", K_CATEGORY_WORD, NULL, 0 },
  { "categories", K_CATEGORY_WORD, NULL, 0 },
  { "by category", K_CATEGORY_WORD, NULL, 0 },
  { "per category", K_CATEGORY_WORD, NULL, 0 },
  { "satan", K_SOLD, NULL, 0 },
  { "satilan", K_SOLD, NULL, 0 },
  { "selling", K_SOLD, NULL, 0 },
  { "sold", K_SOLD, NULL, 0 },
  { "sell", K_SOLD, NULL, 0 },
  { "sells", K_SOLD, NULL, 0 },
  { "satti", K_SOLD, NULL, 0 },
  { "satiyor", K_SOLD, NULL, 0 },
  { "satiyoruz", K_SOLD, NULL, 0 },
  { "satilmis", K_SOLD, NULL, 0 },

  /* marketplaces */
  { "trendyol", K_MARKETPLACE, "Trendyol", 0 },
  { "hepsiburada", K_MARKETPLACE, "Hepsiburada", 0 },
  { "hb", K_MARKETPLACE, "Hepsiburada", 0 },
  { "n11", K_MARKETPLACE, "N11", 0 },
  { "amazon", K_MARKETPLACE, "Amazon", 0 },
  { "pazarama", K_MARKETPLACE, "Pazarama", 0 },
  { "ciceksepeti", K_MARKETPLACE, "ÇiçekSepeti", 0 },
  { "cicek sepeti", K_MARKETPLACE, "ÇiçekSepeti", 0 },
  { "lc waikiki", K_MARKETPLACE, "LC Waikiki", 0 },
  { "lcwaikiki", K_MARKETPLACE, "LC Waikiki", 0 },
  { "lcw", K_MARKETPLACE, "LC Waikiki", 0 },
  { "shopify", K_MARKETPLACE, "Shopify", 0 },

  /* stock lists */
  { "stoku azalan", K_STOCK, "low", 0 },
  { "stogu azalan", K_STOCK, "low", 0 },
  { "azalan stok", K_STOCK, "low", 0 },
  { "azalan", K_STOCK, "low", 0 },
  { "dusuk stok", K_STOCK, "low", 0 },
  { "stoku az", K_STOCK, "low", 0 },
  { "stogu az", K_STOCK, "low", 0 },
  { "low stock", K_STOCK, "low", 0 },
  { "low on stock", K_STOCK, "low", 0 },
  { "stock is low", K_STOCK, "low", 0 },
  { "stok durumu", K_STOCK, "low", 0 },
  { "stock status", K_STOCK, "low", 0 },
  { "stoku bitecek", K_STOCK, "running_out", 0 },
  { "stogu bitecek", K_STOCK, "running_out", 0 },
  { "bitecek", K_STOCK, "running_out", 0 },
  { "bitmek uzere", K_STOCK, "running_out", 0 },
  { "tukenecek", K_STOCK, "running_out", 0 },
  { "tukenmek uzere", K_STOCK, "running_out", 0 },
  { "running out", K_STOCK, "running_out", 0 },
  { "run out", K_STOCK, "running_out", 0 },
  { "runs out", K_STOCK, "running_out", 0 },
  { "out of stock soon", K_STOCK, "running_out", 0 },
  { "yavas satan", K_STOCK, "slow", 0 },
  { "yavas giden", K_STOCK, "slow", 0 },
  { "yavas satilan", K_STOCK, "slow", 0 },
  { "slow moving", K_STOCK, "slow", 0 },
  { "slow movers", K_STOCK, "slow", 0 },
  { "slow selling", K_STOCK, "slow", 0 },
  { "slow sellers", K_STOCK, "slow", 0 },
  { "olu stok", K_STOCK, "dead", 0 },
  { "dead stock", K_STOCK, "dead", 0 },
  { "hic satmayan", K_STOCK, "dead", 0 },
  { "hic satilmayan", K_STOCK, "dead", 0 },
  { "satmayan", K_STOCK, "dead", 0 },
  { "not selling", K_STOCK, "dead", 0 },
  { "never sold", K_STOCK, "dead", 0 },
  { "stok", K_STOCK_WORD, NULL, 0 },
  { "stock", K_STOCK_WORD, NULL, 0 },
  { "inventory", K_STOCK_WORD, NULL, 0 },

  /* words that carry nothing here */
  { "what", K_FILLER, NULL, 0 }, { "whats", K_FILLER, NULL, 0 }, { "s", K_FILLER, NULL, 0 },
  { "was", K_FILLER, NULL, 0 }, { "is", K_FILLER, NULL, 0 }, { "are", K_FILLER, NULL, 0 },
  { "were", K_FILLER, NULL, 0 }, { "be", K_FILLER, NULL, 0 }, { "been", K_FILLER, NULL, 0 },
  { "my", K_FILLER, NULL, 0 }, { "our", K_FILLER, NULL, 0 }, { "the", K_FILLER, NULL, 0 },
  { "a", K_FILLER, NULL, 0 }, { "an", K_FILLER, NULL, 0 }, { "of", K_FILLER, NULL, 0 },
  { "in", K_FILLER, NULL, 0 }, { "on", K_FILLER, NULL, 0 }, { "at", K_FILLER, NULL, 0 },
  { "for", K_FILLER, NULL, 0 }, { "to", K_FILLER, NULL, 0 }, { "from", K_FILLER, NULL, 0 },
  { "by", K_FILLER, NULL, 0 }, { "how", K_FILLER, NULL, 0 }, { "much", K_FILLER, NULL, 0 },
  { "many", K_FILLER, NULL, 0 }, { "did", K_FILLER, NULL, 0 }, { "do", K_FILLER, NULL, 0 },
  { "does", K_FILLER, NULL, 0 }, { "i", K_FILLER, NULL, 0 }, { "we", K_FILLER, NULL, 0 },
  { "me", K_FILLER, NULL, 0 }, { "us", K_FILLER, NULL, 0 }, { "show", K_FILLER, NULL, 0 },
  { "tell", K_FILLER, NULL, 0 }, { "give", K_FILLER, NULL, 0 }, { "get", K_FILLER, NULL, 0 },
  { "got", K_FILLER, NULL, 0 }, { "please", K_FILLER, NULL, 0 }, { "total", K_FILLER, NULL, 0 },
  { "made", K_FILLER, NULL, 0 }, { "make", K_FILLER, NULL, 0 }, { "have", K_FILLER, NULL, 0 },
  { "had", K_FILLER, NULL, 0 }, { "so", K_FILLER, NULL, 0 }, { "far", K_FILLER, NULL, 0 },
  { "there", K_FILLER, NULL, 0 }, { "it", K_FILLER, NULL, 0 }, { "its", K_FILLER, NULL, 0 },
  { "with", K_FILLER, NULL, 0 }, { "and", K_FILLER, NULL, 0 }, { "or", K_FILLER, NULL, 0 },
  { "number", K_FILLER, NULL, 0 }, { "amount", K_FILLER, NULL, 0 }, { "about", K_FILLER, NULL, 0 },
  { "can", K_FILLER, NULL, 0 }, { "could", K_FILLER, NULL, 0 }, { "see", K_FILLER, NULL, 0 },
  { "list", K_FILLER, NULL, 0 }, { "all", K_FILLER, NULL, 0 }, { "overall", K_FILLER, NULL, 0 },
  { "up", K_FILLER, NULL, 0 }, { "value", K_FILLER, NULL, 0 }, { "im", K_FILLER, NULL, 0 },
  { "let", K_FILLER, NULL, 0 }, { "know", K_FILLER, NULL, 0 }, { "need", K_FILLER, NULL, 0 },
  { "want", K_FILLER, NULL, 0 }, { "am", K_FILLER, NULL, 0 }, { "than", K_FILLER, NULL, 0 },
  { "will", K_FILLER, NULL, 0 }, { "soon", K_FILLER, NULL, 0 }, { "which", K_WHICH, NULL, 0 },
  { "received", K_FILLER, NULL, 0 }, { "placed", K_FILLER, NULL, 0 }, { "were", K_FILLER, NULL, 0 },
  { "did we", K_FILLER, NULL, 0 }, { "store", K_FILLER, NULL, 0 }, { "shop", K_FILLER, NULL, 0 },
  { "generate", K_FILLER, NULL, 0 }, { "generated", K_FILLER, NULL, 0 }, { "bring", K_FILLER, NULL, 0 },
  { "brought", K_FILLER, NULL, 0 }, { "paid", K_FILLER, NULL, 0 }, { "pay", K_FILLER, NULL, 0 },
  { "spend", K_FILLER, NULL, 0 }, { "spent", K_FILLER, NULL, 0 }, { "go", K_FILLER, NULL, 0 },
  { "went", K_FILLER, NULL, 0 }, { "per", K_FILLER, NULL, 0 }, { "any", K_FILLER, NULL, 0 },
  { "ne", K_FILLER, NULL, 0 }, { "neydi", K_FILLER, NULL, 0 }, { "nedir", K_FILLER, NULL, 0 },
  { "kadar", K_FILLER, NULL, 0 }, { "kac", K_FILLER, NULL, 0 }, { "tane", K_FILLER, NULL, 0 },
  { "oldu", K_FILLER, NULL, 0 }, { "olan", K_FILLER, NULL, 0 }, { "olarak", K_FILLER, NULL, 0 },
  { "benim", K_FILLER, NULL, 0 }, { "bizim", K_FILLER, NULL, 0 }, { "icin", K_FILLER, NULL, 0 },
  { "goster", K_FILLER, NULL, 0 }, { "soyle", K_FILLER, NULL, 0 }, { "ver", K_FILLER, NULL, 0 },
  { "misin", K_FILLER, NULL, 0 }, { "musun", K_FILLER, NULL, 0 }, { "acaba", K_FILLER, NULL, 0 },
  { "mi", K_FILLER, NULL, 0 }, { "mu", K_FILLER, NULL, 0 }, { "da", K_FILLER, NULL, 0 },
  { "de", K_FILLER, NULL, 0 }, { "ki", K_FILLER, NULL, 0 }, { "ve", K_FILLER, NULL, 0 },
  { "veya", K_FILLER, NULL, 0 }, { "ya", K_FILLER, NULL, 0 }, { "toplam", K_FILLER, NULL, 0 },
  { "aldim", K_FILLER, NULL, 0 }, { "aldik", K_FILLER, NULL, 0 }, { "aldiniz", K_FILLER, NULL, 0 },
  { "geldi", K_FILLER, NULL, 0 }, { "gelen", K_FILLER, NULL, 0 }, { "yaptim", K_FILLER, NULL, 0 },
  { "yaptik", K_FILLER, NULL, 0 }, { "yapti", K_FILLER, NULL, 0 }, { "yapan", K_FILLER, NULL, 0 },
  { "elde", K_FILLER, NULL, 0 }, { "ettim", K_FILLER, NULL, 0 }, { "ettik", K_FILLER, NULL, 0 },
  { "etti", K_FILLER, NULL, 0 }, { "var", K_FILLER, NULL, 0 }, { "peki", K_FILLER, NULL, 0 },
  { "lutfen", K_FILLER, NULL, 0 }, { "bana", K_FILLER, NULL, 0 }, { "bize", K_FILLER, NULL, 0 },
  { "simdiye", K_FILLER, NULL, 0 }, { "en", K_FILLER, NULL, 0 }, { "cok", K_FILLER, NULL, 0 },
  { "az", K_FILLER, NULL, 0 }, { "tutar", K_FILLER, NULL, 0 }, { "miktar", K_FILLER, NULL, 0 },
  { "rakam", K_FILLER, NULL, 0 }, { "odenen", K_FILLER, NULL, 0 }, { "toplamda", K_FILLER, NULL, 0 }, { "gosterir", K_FILLER, NULL, 0 },
  { "gosterin", K_FILLER, NULL, 0 }, { "simdiye kadar", K_FILLER, NULL, 0 }, { "sayisi", K_FILLER, NULL, 0 },
  { "tarihinde", K_FILLER, NULL, 0 }, { "tarihli", K_FILLER, NULL, 0 }, { "listesi", K_FILLER, NULL, 0 }, { "ile", K_FILLER, NULL, 0 }, { "hangisi", K_WHICH, NULL, 0 },
  { "odedim", K_FILLER, NULL, 0 }, { "odedik", K_FILLER, NULL, 0 }, { "harcadim", K_FILLER, NULL, 0 },
  { "harcadik", K_FILLER, NULL, 0 }, { "getirdi", K_FILLER, NULL, 0 }, { "nasil", K_FILLER, NULL, 0 },
  { "listele", K_FILLER, NULL, 0 }, { "listesi", K_FILLER, NULL, 0 }, { "hesapla", K_FILLER, NULL, 0 },
  { "nelerdir", K_FILLER, NULL, 0 }, { "neler", K_FILLER, NULL, 0 }, { "hangileri", K_WHICH, NULL, 0 },
  { "magazam", K_FILLER, NULL, 0 }, { "dukkan", K_FILLER, NULL, 0 }, { "tum", K_FILLER, NULL, 0 },
  { "butun", K_FILLER, NULL, 0 }, { "genel", K_FILLER, NULL, 0 }, { "sadece", K_FILLER, NULL, 0 },
  { "only", K_FILLER, NULL, 0 }, { "just", K_FILLER, NULL, 0 }, { "ortalama", K_FILLER, NULL, 0 },
  { "average", K_FILLER, NULL, 0 }, { "edildi", K_FILLER, NULL, 0 }, { "edilen", K_FILLER, NULL, 0 },
  { "yapildi", K_FILLER, NULL, 0 }, { "yapilan", K_FILLER, NULL, 0 }, { "ulasti", K_FILLER, NULL, 0 },
  { "ucret", K_FILLER, NULL, 0 }, { "bedel", K_FILLER, NULL, 0 }, { "ediyor", K_FILLER, NULL, 0 },
  { "olacak", K_FILLER, NULL, 0 }, { "dolar", K_FILLER, NULL, 0 }, { "gidiyor", K_FILLER, NULL, 0 },
};

/* Turkish case and possessive endings, folded, plus English plurals. */
static const char *const suffixes[] = {
  "larimiz", "lerimiz", "lari", "leri", "larim", "lerim", "lar", "ler",
  "imiz", "umuz", "miz", "muz", "iniz", "unuz", "niz", "nuz",
  "ndan", "nden", "nda", "nde", "nin", "nun", "daki", "deki", "taki", "teki",
  "dan", "den", "tan", "ten", "da", "de", "ta", "te",
  "yla", "yle", "la", "le", "dir", "dur", "tir", "tur",
  "lik", "luk", "ki", "im", "um", "in", "un", "si", "su", "ni", "nu",
  "na", "ne", "ya", "ye", "yi", "yu", "m", "n", "i", "u", "a", "e", "y",
  "lu", "li", "s", "es",
};

static gboolean
suffix_chain (const char *s, guint depth)
{
  if (*s == '\0')
    return TRUE;
  if (depth >= 4)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_prefix (s, suffixes[i]) && suffix_chain (s + strlen (suffixes[i]), depth + 1))
      return TRUE;
  return FALSE;
}

/* Damerau–Levenshtein (optimal string alignment) distance, capped. */
static guint
edit_distance (const char *a, gsize la, const char *b, gsize lb)
{
  guint d[24][24];

  if (la >= 24 || lb >= 24)
    return 99;
  for (gsize i = 0; i <= la; i++)
    d[i][0] = (guint) i;
  for (gsize j = 0; j <= lb; j++)
    d[0][j] = (guint) j;
  for (gsize i = 1; i <= la; i++)
    for (gsize j = 1; j <= lb; j++)
      {
        guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
        guint v = MIN (d[i - 1][j] + 1, d[i][j - 1] + 1);
        v = MIN (v, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          v = MIN (v, d[i - 2][j - 2] + 1);
        d[i][j] = v;
      }
  return d[la][lb];
}

enum { Q_NONE, Q_TYPO, Q_SUFFIX, Q_EXACT };

/* How well question word `tok` matches vocabulary word `w`. */
static int
word_quality (const char *tok, const char *w, gboolean short_typos)
{
  gsize lt = strlen (tok), lw = strlen (w);

  if (g_str_equal (tok, w))
    return Q_EXACT;
  if (lw >= 2 && lt > lw && strncmp (tok, w, lw) == 0 && suffix_chain (tok + lw, 0))
    return Q_SUFFIX;
  /* a typing slip in a word of five letters or more, with or without endings */
  if ((lw >= 5 || (short_typos && lw == 4)) && lt >= 4 && !g_ascii_isdigit (w[0]))
    {
      guint allowed = lw >= 8 ? 2 : 1;
      for (gsize cut = lt; cut >= 4 && cut + allowed >= lw; cut--)
        {
          if (cut < lt && !suffix_chain (tok + cut, 0))
            continue;
          if (cut <= lw + allowed && edit_distance (tok, cut, w, lw) <= allowed)
            return Q_TYPO;
        }
    }
  return Q_NONE;
}

typedef struct {
  char    *text;
  gboolean number;        /* digits only */
  gint64   value;
  CiroDay  date;          /* a written date, else CIRO_DAY_INVALID */
  gboolean apostrophe;    /* an apostrophe came right before it */
} Token;

typedef struct {
  Kind        kind;
  const char *s;
  int         n;
  guint       first, last;   /* token span, inclusive */
  int         quality;
} Match;

static gboolean
parse_written_date (const char *t, CiroDay *out)
{
  int a = 0, b = 0, c = 0;
  char s1 = 0, s2 = 0, rest = 0;

  if (sscanf (t, "%d%c%d%c%d%c", &a, &s1, &b, &s2, &c, &rest) != 5 || s1 != s2 ||
      (s1 != '.' && s1 != '-' && s1 != '/'))
    return FALSE;
  if (a >= 1900)            /* 2026-11-05 */
    *out = ciro_day_from_ymd (a, b, c);
  else                      /* 05.11.2026 */
    *out = ciro_day_from_ymd (c, b, a);
  return *out != CIRO_DAY_INVALID;
}

static GArray *
tokenize (const char *question)
{
  g_autofree char *folded = ciro_search_key (question);
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = folded;
  gboolean apostrophe = FALSE;

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          GString *word = g_string_new (NULL);
          Token t = { 0 };
          gboolean digits = TRUE;

          while (*p)
            {
              gunichar d = g_utf8_get_char (p);
              const char *next = g_utf8_next_char (p);

              if (g_unichar_isalnum (d))
                {
                  if (!g_unichar_isdigit (d))
                    digits = FALSE;
                  g_string_append_unichar (word, d);
                  p = next;
                }
              /* 05.11.2026, 2026-11-05: punctuation between digits */
              else if ((d == '.' || d == '-' || d == '/') && digits && word->len > 0 &&
                       g_ascii_isdigit (*next))
                {
                  g_string_append_c (word, (char) d);
                  p = next;
                }
              else
                break;
            }
          t.text = g_string_free (word, FALSE);
          t.date = CIRO_DAY_INVALID;
          t.apostrophe = apostrophe;
          if (digits && strpbrk (t.text, ".-/") != NULL)
            {
              if (!parse_written_date (t.text, &t.date))
                t.date = CIRO_DAY_INVALID;
            }
          else if (digits)
            {
              t.number = TRUE;
              t.value = strlen (t.text) <= 9 ? g_ascii_strtoll (t.text, NULL, 10) : G_MAXINT32;
            }
          g_array_append_val (tokens, t);
          apostrophe = FALSE;
          continue;
        }
      apostrophe = c == '\'' || c == 0x2019 || c == 0x2018 || c == '`' || c == 0x00B4;
      p = g_utf8_next_char (p);
    }
  return tokens;
}

static void
tokens_free (GArray *tokens)
{
  for (guint i = 0; i < tokens->len; i++)
    g_free (g_array_index (tokens, Token, i).text);
  g_array_unref (tokens);
}

/* The best vocabulary match starting at token i: most words, then the
 * best quality; 0 words when none. */
static guint
match_at (GArray *tokens, guint i, Match *out)
{
  guint best_words = 0;
  int best_quality = Q_NONE;

  static GStrv *split = NULL;

  /* the phrases cut into words once, for the process's life */
  if (g_once_init_enter (&split))
    {
      GStrv *all = g_new0 (GStrv, G_N_ELEMENTS (vocabulary));
      for (guint e = 0; e < G_N_ELEMENTS (vocabulary); e++)
        all[e] = g_strsplit (vocabulary[e].phrase, " ", -1);
      g_once_init_leave (&split, all);
    }
  for (guint e = 0; e < G_N_ELEMENTS (vocabulary); e++)
    {
      GStrv words = split[e];
      guint n = g_strv_length (words);
      int quality = Q_EXACT;

      if (i + n > tokens->len || n < best_words)
        continue;
      for (guint k = 0; k < n && quality > Q_NONE; k++)
        {
          const Token *t = &g_array_index (tokens, Token, i + k);
          /* only the last word of a phrase takes endings */
          int q = word_quality (t->text, words[k], vocabulary[e].kind == K_METRIC);
          /* words that carry nothing take no endings: "kim" is not "ki" */
          if (vocabulary[e].kind == K_FILLER && q == Q_SUFFIX)
            q = Q_NONE;
          if (k + 1 < n && q == Q_SUFFIX)
            q = strlen (words[k]) >= 4 ? Q_SUFFIX : Q_NONE;
          quality = MIN (quality, q);
        }
      if (quality == Q_NONE)
        continue;
      if (n > best_words || quality > best_quality)
        {
          best_words = n;
          best_quality = quality;
          out->kind = vocabulary[e].kind;
          out->s = vocabulary[e].s;
          out->n = vocabulary[e].n;
          out->first = i;
          out->last = i + n - 1;
          out->quality = quality;
        }
    }
  return best_words;
}

/* ------------------------------------------------------------ reading */

typedef enum {
  P_NONE,
  P_TODAY, P_YESTERDAY, P_DAY_BEFORE,
  P_THIS_WEEK, P_LAST_WEEK, P_THIS_MONTH, P_LAST_MONTH, P_THIS_YEAR, P_LAST_YEAR,
  P_LAST_N, P_MONTH, P_YEAR, P_DAY, P_SINCE, P_BETWEEN, P_PREV_PERIOD, P_NEXT,
} PeriodKind;

typedef struct {
  PeriodKind kind;
  CiroDay    from, to;
  guint      first, last;     /* span of matches */
  int        unit;            /* for "last week" as a comparison: 7, 30, 365 */
} Period;

static const char *
period_id (PeriodKind k)
{
  switch (k)
    {
    case P_TODAY: return "today";
    case P_YESTERDAY: return "yesterday";
    case P_DAY_BEFORE: return "day-before-yesterday";
    case P_THIS_WEEK: return "this-week";
    case P_LAST_WEEK: return "last-week";
    case P_THIS_MONTH: return "this-month";
    case P_LAST_MONTH: return "last-month";
    case P_THIS_YEAR: return "this-year";
    case P_LAST_YEAR: return "last-year";
    case P_LAST_N: return "last-n-days";
    case P_MONTH: return "month";
    case P_YEAR: return "year";
    case P_DAY: return "day";
    case P_SINCE: return "since";
    case P_BETWEEN: return "between";
    case P_NEXT: return "next-n-days";
    case P_PREV_PERIOD:
    case P_NONE:
    default: return "default";
    }
}

static CiroDay
monday_of (CiroDay day)
{
  return day - ciro_day_weekday (day);
}

static void
month_bounds (int y, int m, CiroDay *from, CiroDay *to)
{
  *from = ciro_day_from_ymd (y, m, 1);
  *to = m == 12 ? ciro_day_from_ymd (y + 1, 1, 1) - 1 : ciro_day_from_ymd (y, m + 1, 1) - 1;
}

/* Fills a period of kind k (relative ones) as of today. */
static void
resolve_relative (Period *p, CiroDay today)
{
  int y, m, d;

  ciro_day_to_ymd (today, &y, &m, &d);
  switch (p->kind)
    {
    case P_TODAY: p->from = p->to = today; break;
    case P_YESTERDAY: p->from = p->to = today - 1; break;
    case P_DAY_BEFORE: p->from = p->to = today - 2; break;
    case P_THIS_WEEK: p->from = monday_of (today); p->to = today; p->unit = 7; break;
    case P_LAST_WEEK: p->from = monday_of (today) - 7; p->to = p->from + 6; p->unit = 7; break;
    case P_THIS_MONTH: p->from = ciro_day_from_ymd (y, m, 1); p->to = today; p->unit = 30; break;
    case P_LAST_MONTH:
      if (m == 1)
        month_bounds (y - 1, 12, &p->from, &p->to);
      else
        month_bounds (y, m - 1, &p->from, &p->to);
      p->unit = 30;
      break;
    case P_THIS_YEAR: p->from = ciro_day_from_ymd (y, 1, 1); p->to = today; p->unit = 365; break;
    case P_LAST_YEAR:
      p->from = ciro_day_from_ymd (y - 1, 1, 1);
      p->to = ciro_day_from_ymd (y, 1, 1) - 1;
      p->unit = 365;
      break;
    default:
      break;
    }
}

typedef struct {
  GArray  *matches;    /* Match, in question order */
  GArray  *tokens;
  CiroDay  today;
  gboolean *taken;     /* per match: read as part of a period or a count */
} Reader;

static const Match *
m_at (Reader *r, guint i)
{
  return i < r->matches->len ? &g_array_index (r->matches, Match, i) : NULL;
}

static gboolean
m_is (Reader *r, guint i, Kind k)
{
  const Match *m = m_at (r, i);
  return m != NULL && m->kind == k;
}

/* A number as a match: digits are matches of kind K_NUMWORD too. */
static gboolean
m_number (Reader *r, guint i, gint64 *value)
{
  const Match *m = m_at (r, i);

  if (m == NULL || m->kind != K_NUMWORD)
    return FALSE;
  *value = m->n;
  return TRUE;
}

static gboolean
m_year (Reader *r, guint i, int *year)
{
  const Match *m = m_at (r, i);

  if (m == NULL || m->kind != K_NUMWORD || m->s == NULL || m->n < 1990 || m->n > 2100)
    return FALSE;
  *year = m->n;
  return TRUE;
}

/* A day written as "5 Kasım [2026]", "November 5[, 2026]" or 05.11.2026,
 * starting at match i; the number of matches it spans, 0 when none. */
static guint
read_date (Reader *r, guint i, CiroDay *out)
{
  const Match *m = m_at (r, i);
  gint64 day_n;
  int year, y, mo, d;

  if (m == NULL)
    return 0;
  ciro_day_to_ymd (r->today, &y, &mo, &d);
  if (m->kind == K_FILLER && m->s != NULL && g_str_equal (m->s, "date"))
    {
      *out = (CiroDay) m->n;
      return 1;
    }
  if (m_number (r, i, &day_n) && m->s != NULL && day_n >= 1 && day_n <= 31 && m_is (r, i + 1, K_MONTH))
    {
      const Match *month = m_at (r, i + 1);
      guint n = 2;
      year = y;
      if (m_year (r, i + 2, &year))
        n = 3;
      else if (ciro_day_from_ymd (year, month->n, 1) > r->today)
        year--;
      *out = ciro_day_from_ymd (year, month->n, (int) day_n);
      return *out != CIRO_DAY_INVALID ? n : 0;
    }
  if (m->kind == K_MONTH && m_number (r, i + 1, &day_n) && m_at (r, i + 1)->s != NULL &&
      day_n >= 1 && day_n <= 31)
    {
      guint n = 2;
      year = y;
      if (m_year (r, i + 2, &year))
        n = 3;
      else if (ciro_day_from_ymd (year, m->n, 1) > r->today)
        year--;
      *out = ciro_day_from_ymd (year, m->n, (int) day_n);
      return *out != CIRO_DAY_INVALID ? n : 0;
    }
  return 0;
}

static void
take (Reader *r, guint first, guint last)
{
  for (guint k = first; k <= last && k < r->matches->len; k++)
    r->taken[k] = TRUE;
}

/* Every period named in the question, in order. */
static GArray *
read_periods (Reader *r)
{
  GArray *periods = g_array_new (FALSE, TRUE, sizeof (Period));
  int y, mo, d;

  ciro_day_to_ymd (r->today, &y, &mo, &d);
  for (guint i = 0; i < r->matches->len; i++)
    {
      const Match *m = m_at (r, i);
      Period p = { P_NONE, CIRO_DAY_INVALID, CIRO_DAY_INVALID, i, i, 0 };
      gint64 n = 0;
      CiroDay day;
      guint span;

      if (r->taken[i])
        continue;
      if ((span = read_date (r, i, &day)) > 0)
        {
          p.kind = P_DAY;
          p.from = p.to = day;
          p.last = i + span - 1;
        }
      else if (m->kind == K_TODAY || m->kind == K_YESTERDAY || m->kind == K_DAY_BEFORE)
        {
          p.kind = m->kind == K_TODAY ? P_TODAY : m->kind == K_YESTERDAY ? P_YESTERDAY : P_DAY_BEFORE;
          resolve_relative (&p, r->today);
        }
      /* son 7 gün, last 7 days, past 3 weeks, son bir ay; "son hafta" */
      else if ((m->kind == K_LASTN || m->kind == K_LAST) && m_number (r, i + 1, &n) &&
               m_is (r, i + 2, K_UNIT) && n >= 1 && n <= 3650)
        {
          p.kind = P_LAST_N;
          p.to = r->today;
          p.from = r->today - (CiroDay) (n * m_at (r, i + 2)->n) + 1;
          p.last = i + 2;
        }
      /* gelecek ay, next 30 days, önümüzdeki 2 hafta: from today on */
      else if (m->kind == K_NEXT && (m_is (r, i + 1, K_UNIT) ||
                                     (m_number (r, i + 1, &n) && m_is (r, i + 2, K_UNIT))))
        {
          guint words = m_is (r, i + 1, K_UNIT) ? 1 : 2;
          gint64 count = words == 1 ? 1 : n;
          p.kind = P_NEXT;
          p.from = r->today;
          p.to = r->today + (CiroDay) MIN (MAX (count, 1) * m_at (r, i + words)->n, 90) - 1;
          p.last = i + words;
        }
      else if (m->kind == K_LASTN && m_is (r, i + 1, K_UNIT))
        {
          p.kind = P_LAST_N;
          p.to = r->today;
          p.from = r->today - (CiroDay) m_at (r, i + 1)->n + 1;
          p.last = i + 1;
        }
      else if ((m->kind == K_THIS || m->kind == K_PREV || m->kind == K_LAST) && m_is (r, i + 1, K_UNIT) &&
               m_at (r, i + 1)->n > 1)
        {
          int unit = m_at (r, i + 1)->n;
          gboolean prev = m->kind != K_THIS;
          p.kind = unit == 7 ? (prev ? P_LAST_WEEK : P_THIS_WEEK)
                 : unit == 30 ? (prev ? P_LAST_MONTH : P_THIS_MONTH)
                 : (prev ? P_LAST_YEAR : P_THIS_YEAR);
          resolve_relative (&p, r->today);
          p.last = i + 1;
        }
      /* "the month before", "week before": the period before the other */
      else if (m->kind == K_UNIT && m->n > 1 && m_is (r, i + 1, K_BEFORE))
        {
          p.kind = P_PREV_PERIOD;
          p.unit = m->n;
          p.last = i + 1;
        }
      else if (m->kind == K_PREV_PERIOD)
        p.kind = P_PREV_PERIOD;
      /* "2025 ekiminde": a month of that year */
      else if (m_year (r, i, &y) && m_is (r, i + 1, K_MONTH))
        {
          p.kind = P_MONTH;
          month_bounds (y, m_at (r, i + 1)->n, &p.from, &p.to);
          p.last = i + 1;
          ciro_day_to_ymd (r->today, &y, &mo, &d);
        }
      /* Ekim, ekim 2025, October 2025, "ekim ayında" */
      else if (m->kind == K_MONTH)
        {
          int year = y;
          p.kind = P_MONTH;
          if (m_year (r, i + 1, &year))
            p.last = i + 1;
          else if (ciro_day_from_ymd (y, m->n, 1) > r->today)
            year = y - 1;
          month_bounds (year, m->n, &p.from, &p.to);
          if (m_is (r, p.last + 1, K_UNIT) && m_at (r, p.last + 1)->n == 30)
            p.last++;
        }
      else if (m_year (r, i, &y) && !(i > 0 && m_is (r, i - 1, K_MONTH)))
        {
          p.kind = P_YEAR;
          p.from = ciro_day_from_ymd (y, 1, 1);
          p.to = ciro_day_from_ymd (y, 12, 31);
          if (m_is (r, i + 1, K_UNIT) && m_at (r, i + 1)->n == 365)
            p.last = i + 1;
          ciro_day_to_ymd (r->today, &y, &mo, &d);
        }
      if (p.kind == P_NONE)
        continue;
      if (p.kind != P_NEXT && p.to != CIRO_DAY_INVALID && p.to > r->today && p.from <= r->today)
        p.to = r->today;
      take (r, p.first, p.last);
      g_array_append_val (periods, p);
      i = p.last;
    }
  return periods;
}

/* "top 10", "en çok satan 5 ürün", "10 best sellers": the count next to a
 * ranking word, unless a period took it */
static void
take_limit (Reader *r, guint i, gint64 *limit)
{
  if (*limit == 0 && m_is (r, i + 1, K_NUMWORD) && !r->taken[i + 1])
    *limit = m_at (r, i + 1)->n, r->taken[i + 1] = TRUE;
  if (*limit == 0 && i > 0 && m_is (r, i - 1, K_NUMWORD) && !r->taken[i - 1])
    *limit = m_at (r, i - 1)->n;
}

static const char *
metric_with (const char *metric, gboolean net, gboolean rate)
{
  if (metric == NULL)
    return NULL;
  if (net && g_str_equal (metric, "gross_orders"))
    return "net_orders";
  if (rate && g_str_equal (metric, "cancel_return_orders"))
    return "return_rate_pct";
  return metric;
}

static void
compare_days (const Period *main_p, const Period *target, CiroDay today, CiroDay *cf, CiroDay *ct)
{
  gboolean last_year = target != NULL && target->kind == P_LAST_YEAR && main_p->kind != P_LAST_YEAR;
  CiroRangePreset preset = ciro_range_preset_of (main_p->from, main_p->to, today);
  int fy, fm, fd, ty, tm, td;

  ciro_day_to_ymd (main_p->from, &fy, &fm, &fd);
  ciro_day_to_ymd (main_p->to, &ty, &tm, &td);
  if (last_year)
    {
      ciro_range_compare (preset, CIRO_COMPARE_LAST_YEAR, main_p->from, main_p->to, cf, ct);
      return;
    }
  /* a week from Monday: the same weekdays of the week before */
  if (main_p->kind == P_THIS_WEEK || main_p->kind == P_LAST_WEEK)
    {
      *cf = main_p->from - 7;
      *ct = main_p->to - 7;
      return;
    }
  /* a whole month or year: the whole one before */
  if (fd == 1 && main_p->to + 1 == (tm == 12 ? ciro_day_from_ymd (ty + 1, 1, 1) : ciro_day_from_ymd (ty, tm + 1, 1)))
    {
      if (fm == 1 && tm == 12 && fy == ty)
        {
          *cf = ciro_day_from_ymd (fy - 1, 1, 1);
          *ct = main_p->from - 1;
          return;
        }
      if (fy == ty && fm == tm)
        {
          int py = fm == 1 ? fy - 1 : fy, pm = fm == 1 ? 12 : fm - 1;
          month_bounds (py, pm, cf, ct);
          return;
        }
    }
  ciro_range_compare (preset, CIRO_COMPARE_PREVIOUS, main_p->from, main_p->to, cf, ct);
}

static const char *const examples[] = {
  N_("How much revenue this week?"),
  N_("Profit last month compared to the month before"),
  N_("How many orders on Trendyol yesterday?"),
  N_("Top 10 best-selling products this month"),
  N_("Most profitable products in the last 30 days"),
  N_("Which marketplace made the most revenue this year?"),
  N_("Products running out of stock"),
  N_("Low stock products"),
  N_("Dead stock"),
  N_("Return rate last month"),
  N_("Average order value this month"),
  N_("Commission paid on Hepsiburada this year"),
  N_("Shipping cost last week"),
  N_("Revenue this month compared to last year"),
  N_("How are we doing today?"),
  N_("Worst products last month"),
  N_("Units sold since 1 November"),
  N_("VAT payable last month"),
  NULL,
};

const char *const *
ciro_ask_examples (void)
{
  return examples;
}

static double
token_overlap (GArray *a, const char *text)
{
  g_autoptr(GArray) b = NULL;
  guint common = 0, content = 0;

  b = tokenize (text);
  for (guint i = 0; i < a->len; i++)
    {
      const char *ta = g_array_index (a, Token, i).text;
      if (strlen (ta) < 3)
        continue;
      content++;
      for (guint j = 0; j < b->len; j++)
        {
          const char *tb = g_array_index (b, Token, j).text;
          gsize n = MIN (strlen (ta), strlen (tb));
          if (n >= 3 && strncmp (ta, tb, MIN (n, 5)) == 0)
            {
              common++;
              break;
            }
        }
    }
  for (guint j = 0; j < b->len; j++)
    g_free (g_array_index (b, Token, j).text);
  return content > 0 ? (double) common / (double) (content + b->len) : 0;
}

static GPtrArray *
suggest (GArray *tokens)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  double best[3] = { -1, -1, -1 };
  int pick[3] = { -1, -1, -1 };

  for (int e = 0; examples[e] != NULL; e++)
    {
      double s = token_overlap (tokens, _(examples[e]));
      for (int k = 0; k < 3; k++)
        if (s > best[k])
          {
            for (int j = 2; j > k; j--)
              best[j] = best[j - 1], pick[j] = pick[j - 1];
            best[k] = s, pick[k] = e;
            break;
          }
    }
  for (int k = 0; k < 3; k++)
    if (pick[k] >= 0)
      g_ptr_array_add (out, g_strdup (_(examples[pick[k]])));
  return out;
}

static CiroAskQuery *
query_new (CiroDay today)
{
  CiroAskQuery *q = g_new0 (CiroAskQuery, 1);
  q->intent = CIRO_ASK_UNKNOWN;
  q->from = today - 29;
  q->to = today;
  q->period = "default";
  q->compare_from = q->compare_to = CIRO_DAY_INVALID;
  return q;
}

void
ciro_ask_query_free (CiroAskQuery *q)
{
  if (q == NULL)
    return;
  g_free (q->marketplace);
  g_clear_pointer (&q->suggestions, g_ptr_array_unref);
  g_free (q);
}

CiroAskQuery *
ciro_ask_parse (const char *question, CiroDay today)
{
  CiroAskQuery *q = query_new (today);
  GArray *tokens = tokenize (question ? question : "");
  g_autoptr(GArray) matches = g_array_new (FALSE, TRUE, sizeof (Match));
  g_autoptr(GArray) periods = NULL;
  g_autofree gboolean *taken = NULL;
  Reader r;
  const char *metric = NULL, *stock = NULL, *rank_sort = NULL;
  gboolean net = FALSE, rate = FALSE, headline = FALSE, going = FALSE, compare = FALSE, most = FALSE, worst = FALSE;
  gboolean which = FALSE, product_word = FALSE, market_word = FALSE, sold = FALSE, stock_word = FALSE;
  gboolean category_word = FALSE, forecast_word = FALSE;
  guint unknown_words = 0, foreign_owner = 0, cues = 0;
  gint64 limit = 0;
  int compare_at = -1;
  const char *marketplace_named = NULL;
  gboolean target_after = FALSE;

  /* words → matches; numbers and dates are matches too */
  for (guint i = 0; i < tokens->len;)
    {
      Token *t = &g_array_index (tokens, Token, i);
      Match m = { K_FILLER, NULL, 0, i, i, Q_EXACT };

      if (t->date != CIRO_DAY_INVALID)
        {
          m.s = "date";
          m.n = (int) t->date;
          g_array_append_val (matches, m);
          i++;
          continue;
        }
      if (t->number)
        {
          m.kind = K_NUMWORD;
          m.s = "digits";
          m.n = (int) MIN (t->value, G_MAXINT32);
          g_array_append_val (matches, m);
          i++;
          continue;
        }
      /* an ending cut off by an apostrophe: "Trendyol'da", "5 Kasım'dan" */
      if (t->apostrophe && suffix_chain (t->text, 0))
        {
          i++;
          continue;
        }
      if (match_at (tokens, i, &m) > 0)
        {
          g_array_append_val (matches, m);
          i = m.last + 1;
          continue;
        }
      /* a word Ciro cannot place; "Apple's", "Apple'ın": somebody else's */
      if (strlen (t->text) >= 2)
        {
          unknown_words++;
          if (i + 1 < tokens->len && g_array_index (tokens, Token, i + 1).apostrophe)
            {
              const char *next = g_array_index (tokens, Token, i + 1).text;
              if (g_str_equal (next, "s") || g_str_equal (next, "in") || g_str_equal (next, "nin") ||
                  g_str_equal (next, "un") || g_str_equal (next, "nun"))
                foreign_owner++;
            }
        }
      i++;
    }

  taken = g_new0 (gboolean, matches->len + 1);
  r.matches = matches;
  r.tokens = tokens;
  r.today = today;
  r.taken = taken;
  periods = read_periods (&r);

  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = &g_array_index (matches, Match, i);

      if (taken[i])
        continue;
      switch (m->kind)
        {
        case K_METRIC:
          /* the first metric named is the one asked about; n: the
           * headline profit, a word without its view */
          if (metric == NULL)
            {
              metric = m->s;
              headline = m->n == 1;
            }
          cues++;
          break;
        case K_NET: net = TRUE; break;
        case K_RATE: rate = TRUE; break;
        case K_GOING: going = TRUE; cues++; break;
        case K_COMPARE:
          /* "kategoriye göre", "pazaryerine göre": by, not against */
          if (i > 0 && (m_is (&r, i - 1, K_CATEGORY_WORD) || m_is (&r, i - 1, K_MARKET_WORD)))
            break;
          compare = TRUE;
          compare_at = (int) i;
          target_after = m->n == 1;
          break;
        case K_RANK_MOST:
          most = TRUE;
          cues++;
          if (m->s != NULL && rank_sort == NULL)
            rank_sort = m->s;
          take_limit (&r, i, &limit);
          break;
        case K_RANK_WORST:
          worst = TRUE;
          cues++;
          take_limit (&r, i, &limit);
          break;
        case K_WHICH: which = TRUE; break;
        case K_PRODUCT_WORD:
          product_word = TRUE;
          if (limit == 0 && i > 0 && m_is (&r, i - 1, K_NUMWORD) && !taken[i - 1])
            limit = m_at (&r, i - 1)->n;
          break;
        case K_MARKET_WORD: market_word = TRUE; break;
        case K_CATEGORY_WORD: category_word = TRUE; cues++; break;
        case K_FORECAST: forecast_word = TRUE; cues++; break;
        case K_NEXT: break;
        case K_SOLD: sold = TRUE; break;
        case K_MARKETPLACE:
          if (q->marketplace == NULL)
            q->marketplace = g_strdup (m->s);
          if (marketplace_named == NULL)
            marketplace_named = m->s;
          break;
        case K_STOCK:
          if (stock == NULL)
            stock = m->s;
          cues++;
          break;
        case K_STOCK_WORD: stock_word = TRUE; break;
        case K_PREV_PERIOD:
        case K_FILLER:
        case K_TODAY:
        case K_YESTERDAY:
        case K_DAY_BEFORE:
        case K_THIS:
        case K_PREV:
        case K_LAST:
        case K_LASTN:
        case K_UNIT:
        case K_BEFORE:
        case K_MONTH:
        case K_NUMWORD:
        case K_SINCE:
        case K_BETWEEN:
        default:
          break;
        }
    }

  /* "en çok satan" with its own verb: units; "hangi ürün en çok ciro" */
  if (sold && !most && !worst && which && product_word)
    most = TRUE, cues++;
  /* "stok" with a ranking word: the stock lists ("en az stok") */
  if (stock_word && stock == NULL && worst && !product_word)
    stock = "low";

  /* not about the store, or about somebody else's */
  if (cues == 0 || foreign_owner > 0 || unknown_words >= 3 ||
      (unknown_words >= 2 && unknown_words > cues))
    {
      q->intent = CIRO_ASK_UNKNOWN;
      q->suggestions = suggest (tokens);
      tokens_free (tokens);
      return q;
    }

  /* "the best film", "en iyi telefon": a ranking of something else */
  if ((most || worst) && !product_word && !market_word && !category_word && !sold && rank_sort == NULL && metric == NULL &&
      stock == NULL && unknown_words > 0)
    {
      q->intent = CIRO_ASK_UNKNOWN;
      q->suggestions = suggest (tokens);
      tokens_free (tokens);
      return q;
    }

  /* the period, and the one it is compared with */
  {
    Period *main_p = NULL, *target = NULL;
    Period def = { P_NONE, today - 29, today, 0, 0, 0 };

    /* the period compared with: "the month before", "önceki döneme";
     * else the one next to the comparison's word: after "vs", "compared
     * to/with", before "göre", "kıyasla" */
    for (guint k = 0; compare && k < periods->len && target == NULL; k++)
      if (g_array_index (periods, Period, k).kind == P_PREV_PERIOD)
        target = &g_array_index (periods, Period, k);
    for (guint k = 0; compare && k < periods->len && target == NULL; k++)
      {
        Period *p = &g_array_index (periods, Period, k);
        gboolean after = (int) p->first - 1 == compare_at || (int) p->first - 2 == compare_at ||
                         (int) p->first - 3 == compare_at;
        gboolean before = (int) p->last + 1 == compare_at;
        if ((target_after && after) || (!target_after && before) ||
            (periods->len == 1 && (after || before) && p->kind != P_DAY))
          target = p;
      }
    for (guint k = 0; k < periods->len && main_p == NULL; k++)
      {
        Period *p = &g_array_index (periods, Period, k);
        if (p != target && p->kind != P_PREV_PERIOD)
          main_p = p;
      }
    /* two days: between them; a day with "since": to today */
    if (main_p != NULL && main_p->kind == P_DAY)
      {
        Period *other = NULL;
        for (guint k = 0; k < periods->len; k++)
          {
            Period *p = &g_array_index (periods, Period, k);
            if (p != main_p && p->kind == P_DAY && p != target)
              other = p;
          }
        if (other != NULL)
          {
            main_p->kind = P_BETWEEN;
            main_p->from = MIN (main_p->from, other->from);
            main_p->to = MAX (main_p->to, other->to);
          }
        else
          {
            gboolean since = FALSE;
            for (guint k = 0; k < matches->len; k++)
              since |= m_is (&r, k, K_SINCE);
            if (since)
              {
                main_p->kind = P_SINCE;
                main_p->to = today;
              }
          }
      }
    else if (main_p != NULL && (main_p->kind == P_MONTH || main_p->kind == P_YEAR))
      {
        /* "ekimden beri", "since 2025": from its first day to today */
        for (guint k = main_p->last + 1; k <= main_p->last + 2 && k < matches->len; k++)
          if (m_is (&r, k, K_SINCE))
            main_p->kind = P_SINCE, main_p->to = today;
        if (main_p->first > 0 && m_is (&r, main_p->first - 1, K_SINCE))
          main_p->kind = P_SINCE, main_p->to = today;
      }

    if (compare && main_p == NULL && target != NULL)
      {
        /* "geçen aya göre": this month against last; "vs last week": this
         * week; "compared to last year": the last 30 days a year earlier */
        if (target->kind == P_LAST_MONTH)
          def.kind = P_THIS_MONTH, resolve_relative (&def, today);
        else if (target->kind == P_LAST_WEEK)
          def.kind = P_THIS_WEEK, resolve_relative (&def, today);
        main_p = &def;
      }
    if (main_p == NULL)
      main_p = &def;
    if (main_p->from > main_p->to || main_p->from == CIRO_DAY_INVALID)
      main_p = &def;

    q->from = main_p->from;
    q->to = main_p->to;
    q->period = period_id (main_p->kind);
    if (main_p->kind == P_LAST_N && q->from == today - 29)
      q->period = "last-n-days";

    if (compare || target != NULL)
      {
        if (target != NULL && target->kind != P_PREV_PERIOD && target->kind != P_LAST_YEAR &&
            target->kind != P_LAST_MONTH && target->kind != P_LAST_WEEK &&
            target->from != CIRO_DAY_INVALID)
          {
            /* a named period: that one */
            q->compare_from = target->from;
            q->compare_to = target->to;
          }
        else if (target != NULL && (target->kind == P_LAST_MONTH || target->kind == P_LAST_WEEK) &&
                 main_p->kind != P_THIS_MONTH && main_p->kind != P_THIS_WEEK && main_p->kind != P_LAST_N &&
                 main_p->kind != P_DAY && main_p->kind != P_TODAY && main_p->kind != P_YESTERDAY &&
                 main_p->kind != target->kind)
          {
            q->compare_from = target->from;
            q->compare_to = target->to;
          }
        else
          compare_days (main_p, target, today, &q->compare_from, &q->compare_to);
      }
  }

  q->metric = metric_with (metric, net, rate);
  q->metric_implied = q->metric == NULL;
  q->metric_headline = headline && q->metric != NULL && g_str_equal (q->metric, "profit_ex_vat");

  if (forecast_word || g_str_equal (q->period, "next-n-days"))
    {
      /* the forecast of net revenue (or profit) for the next days; 30
       * without a period */
      q->intent = CIRO_ASK_FORECAST;
      q->metric = q->metric != NULL && (g_str_has_prefix (q->metric, "profit") || g_str_equal (q->metric, "operating_profit"))
                ? "profit" : "net_revenue";
      q->metric_implied = FALSE;
      if (!g_str_equal (q->period, "next-n-days"))
        {
          q->from = today;
          q->to = today + 29;
          q->period = "next-n-days";
        }
      q->compare_from = q->compare_to = CIRO_DAY_INVALID;
    }
  else if (stock != NULL && !compare)
    {
      q->intent = CIRO_ASK_STOCK;
      q->metric = stock;
      q->limit = limit > 0 ? (guint) MIN (limit, 1000) : 0;
      q->from = q->to = today;
      q->period = "today";
      g_clear_pointer (&q->marketplace, g_free);
    }
  else if (category_word && !compare)
    {
      /* "kategori bazında kâr", "which category sells the most": every
       * category by the figure named (the category report's own: profit
       * before KDV, revenue, units, orders or margin) */
      const char *m = q->metric;
      q->intent = CIRO_ASK_RANKING;
      q->rank_of = CIRO_ASK_RANK_CATEGORIES;
      if (m == NULL)
        m = g_strcmp0 (rank_sort, "profit") == 0 ? "profit"
          : g_strcmp0 (rank_sort, "units") == 0 || sold ? "net_units" : "net_revenue";
      else if (g_str_has_prefix (m, "profit") || g_str_equal (m, "operating_profit"))
        m = "profit";
      else if (g_str_equal (m, "gross_orders"))
        m = "net_orders";
      else if (!g_str_equal (m, "net_units") && !g_str_equal (m, "net_orders") && !g_str_equal (m, "margin_pct"))
        m = "net_revenue";
      q->metric = q->sort = m;
      q->metric_implied = FALSE;
      q->limit = limit > 0 ? (guint) MIN (limit, 1000) : 0;
      g_clear_pointer (&q->marketplace, g_free);
      if (marketplace_named != NULL)
        q->marketplace = g_strdup (marketplace_named);
    }
  else if ((market_word && (which || most || worst)) && !compare)
    {
      q->intent = CIRO_ASK_RANKING;
      q->rank_of = CIRO_ASK_RANK_MARKETPLACES;
      if (q->metric == NULL && g_strcmp0 (rank_sort, "profit") == 0)
        q->metric_headline = TRUE;
      q->metric = q->metric != NULL ? q->metric
                : g_strcmp0 (rank_sort, "profit") == 0 ? "profit_ex_vat"
                : g_strcmp0 (rank_sort, "units") == 0 || sold ? "net_units" : "net_revenue";
      q->metric_implied = FALSE;
      q->sort = q->metric;
      q->limit = limit > 0 ? (guint) MIN (limit, 1000) : 0;
      g_clear_pointer (&q->marketplace, g_free);
    }
  else if ((most || worst) && !compare && (product_word || sold || rank_sort != NULL || limit > 0 ||
                                           q->metric == NULL || worst))
    {
      q->intent = CIRO_ASK_RANKING;
      q->rank_of = CIRO_ASK_RANK_PRODUCTS;
      if (worst)
        q->sort = "worst";
      else if (rank_sort != NULL)
        q->sort = rank_sort;
      else if (q->metric != NULL && (g_str_equal (q->metric, "net_revenue") || g_str_equal (q->metric, "gross_revenue")))
        q->sort = "revenue";
      else if (q->metric != NULL && (g_str_has_prefix (q->metric, "profit") || g_str_equal (q->metric, "margin_pct")))
        q->sort = "profit";
      else
        q->sort = "units";
      q->metric = NULL;
      q->metric_implied = FALSE;
      q->limit = limit > 0 ? (guint) MIN (limit, 1000) : 10;
    }
  else if (q->compare_from != CIRO_DAY_INVALID)
    {
      q->intent = CIRO_ASK_COMPARE;
      if (q->metric == NULL)
        q->metric = "net_revenue";
    }
  else if (q->metric != NULL || going)
    {
      q->intent = CIRO_ASK_METRIC;
      if (q->metric == NULL)
        q->metric = "net_revenue";
    }
  else
    {
      q->intent = CIRO_ASK_UNKNOWN;
      q->suggestions = suggest (tokens);
    }
  tokens_free (tokens);
  return q;
}
