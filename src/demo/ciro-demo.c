/* ciro-demo.c: a deterministic, realistic Turkish seller
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-demo"

#include "config.h"

#include <math.h>
#include <string.h>

#include "analytics/ciro-calendar.h"
#include "core/ciro-date.h"
#include "core/ciro-marketplace.h"
#include "ciro-demo.h"

#define ORDER_ID_BASE G_GINT64_CONSTANT (7000000000)
#define PRODUCT_ID_BASE 10000
#define BATCH_ORDERS 2000

struct _CiroDemo {
  CiroDemoOptions opts;
  CiroDay         first_day;
  guint          *per_day;        /* orders on each day */
  guint64        *before_day;     /* orders on earlier days (prefix sums) */
  double         *popularity;     /* cumulative product weights, for picking */
  CiroKurus      *sale_price;     /* per product, for order lines */
  CiroBasisPoints *vat_rate;      /* per product: its category's KDV, for order lines */
  gint32         *companion;      /* per product: the one bought with it, or -1 */
  gint32          last_day_until; /* orders of the last day fall before this second */
  guint           last_day_drawn; /* orders drawn for the last day before that cut */
};

/* ---------------------------------------------------------- randomness */

typedef struct {
  guint64 s;
} Rng;

static guint64
splitmix (guint64 *x)
{
  guint64 z = (*x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static guint32
rng_below (Rng *r, guint32 n)
{
  return (guint32) ((splitmix (&r->s) >> 32) * (guint64) n >> 32);
}

static double
rng_unit (Rng *r)
{
  return (splitmix (&r->s) >> 11) * (1.0 / 9007199254740992.0);
}

static Rng
rng_for (guint64 seed, guint64 stream, guint64 index)
{
  Rng r = { seed * 0x9E3779B97F4A7C15ull ^ stream * 0xD1B54A32D192ED03ull ^ index };
  splitmix (&r.s);
  return r;
}

/* ---------------------------------------------------------- catalogue words */

typedef struct {
  const char *name;
  const char *nouns[6];
  const char *words[4];             /* what goes before a noun: fits every noun */
  int         min_cost, max_cost;   /* TRY */
  gboolean    sized;
  int         vat;                  /* percent */
} Category;

static const Category categories[] = {
  { "Gömlek", { "Keten Gömlek", "Oversize Gömlek", "Slim Fit Gömlek", "Çizgili Gömlek", "Poplin Gömlek", "Kot Gömlek" }, { "Kadın", "Erkek", "Klasik", "Yeni Sezon" }, 180, 520, TRUE, 10 },
  { "Elbise", { "Midi Elbise", "Saten Elbise", "Triko Elbise", "Çiçekli Elbise", "Gece Elbisesi", "Yazlık Elbise" }, { "Kadın", "Yeni Sezon", "Premium", "Basic" }, 260, 900, TRUE, 10 },
  { "Pantolon", { "Kot Pantolon", "Kumaş Pantolon", "Jogger Pantolon", "Palazzo Pantolon", "Kargo Pantolon", "Chino Pantolon" }, { "Yeni Sezon", "Premium", "Basic", "Klasik" }, 220, 640, TRUE, 10 },
  { "Ayakkabı", { "Deri Sneaker", "Günlük Ayakkabı", "Topuklu Ayakkabı", "Babet", "Bot", "Koşu Ayakkabısı" }, { "Yeni Sezon", "Premium", "Klasik", "Rahat" }, 400, 1500, TRUE, 10 },
  { "Çanta", { "Omuz Çantası", "Sırt Çantası", "El Çantası", "Bel Çantası", "Laptop Çantası", "Plaj Çantası" }, { "Premium", "Klasik", "Yeni Sezon", "Basic" }, 150, 800, FALSE, 10 },
  { "Ev Tekstili", { "Nevresim Takımı", "Pike Takımı", "Havlu Seti", "Kırlent Kılıfı", "Battaniye", "Perde" }, { "Organik", "Premium", "Pamuklu", "Klasik" }, 120, 700, FALSE, 10 },
  { "Mutfak", { "Seramik Kahve Kupası", "Paslanmaz Çelik Tencere Seti", "Cam Saklama Kabı", "Döküm Tava", "Çay Bardağı Seti", "Bıçak Seti" }, { "Premium", "Klasik", "Modern", "Pratik" }, 60, 1200, FALSE, 20 },
  { "Kozmetik", { "Nemlendirici Krem", "Güneş Kremi", "Şampuan", "Dudak Balmı", "Parfüm", "Yüz Serumu" }, { "Organik", "Doğal", "Premium", "Vegan" }, 40, 450, FALSE, 20 },
  { "Elektronik Aksesuar", { "Bluetooth Kulaklık", "Şarj Kablosu", "Telefon Kılıfı", "Powerbank", "Akıllı Saat Kordonu", "Araç Tutucu" }, { "Premium", "Pro", "Basic", "Yeni Seri" }, 35, 900, FALSE, 20 },
  { "Oyuncak", { "Ahşap Yapboz", "Peluş Ayı", "Yapı Blokları", "Oyun Hamuru", "Uzaktan Kumandalı Araba", "Bebek" }, { "Eğitici", "Klasik", "Premium", "Renkli" }, 50, 600, FALSE, 20 },
  { "Spor", { "Yoga Matı", "Dambıl Seti", "Tayt", "Spor Çantası", "Termos", "Direnç Bandı" }, { "Pro", "Basic", "Premium", "Yeni Sezon" }, 70, 700, TRUE, 20 },
  { "Bebek", { "Pamuklu Tulum", "Body Seti", "Bebek Battaniyesi", "Müslin Örtü", "Bebek Patiği", "Önlük Seti" }, { "Organik", "Yeni Doğan", "Premium", "Basic" }, 80, 400, TRUE, 1 },
};

static const char *brands[] = {
  "Stildiva", "Modanisa Line", "Kuzey Tekstil", "Anadolu Home", "Ege Pamuk", "Lumina", "Nova Spor",
  "Minik Adım", "Karaca Style", "Papatya", "Marmara Deri", "Toros", "Vera", "Derin Mavi", "Atlas",
  "Lale Kozmetik", "Boğaziçi", "Efes Tekno", "Kapadokya", "Ada Home", "Mavi Kuş", "Sade", "Zeytin",
  "Yıldız", "Pera",
};
static const char *sizes_clothes[] = { "S", "M", "L", "XL" };
static const char *sizes_shoes[] = { "37", "38", "39", "40", "41", "42" };
static const char *colors[] = { "Siyah", "Beyaz", "Bej", "Lacivert", "Kırmızı", "Haki" };

static const char *first_names[] = {
  "Ayşe", "Mehmet", "Zeynep", "Mustafa", "Elif", "Ahmet", "Fatma", "Emre", "Merve", "Burak",
  "Esra", "Can", "Selin", "Murat", "Gizem", "Hakan", "Büşra", "Onur", "İrem", "Oğuz",
};
static const char *last_names[] = {
  "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
  "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek",
};
static const struct { const char *city; const char *district; int weight; } cities[] = {
  { "İstanbul", "Kadıköy", 30 }, { "Ankara", "Çankaya", 10 }, { "İzmir", "Bornova", 8 },
  { "Bursa", "Nilüfer", 5 }, { "Antalya", "Muratpaşa", 5 }, { "Konya", "Selçuklu", 4 },
  { "Adana", "Seyhan", 4 }, { "Gaziantep", "Şahinbey", 4 }, { "Kocaeli", "İzmit", 4 },
  { "Mersin", "Yenişehir", 3 }, { "Kayseri", "Melikgazi", 3 }, { "Eskişehir", "Tepebaşı", 3 },
  { "Diyarbakır", "Kayapınar", 3 }, { "Samsun", "Atakum", 3 }, { "Trabzon", "Ortahisar", 2 },
};
static const char *cargo[] = { "Yurtiçi Kargo", "Aras Kargo", "MNG Kargo", "PTT Kargo", "Trendyol Express", "HepsiJet" };
/* How each carrier of cargo[] moves parcels: hours from the order to
 * shipping and from shipping to delivery (least, and spread above it), late
 * parcels per thousand (delivered 6–14 days after shipping), and the share
 * of cancellations that are returns of shipped parcels, in percent. */
static const struct {
  int ship_h, ship_span_h, deliver_h, deliver_span_h, late_permille, returned_pct;
} carrier_profile[] = {
  { 20, 40, 30, 50, 15, 40 },   /* Yurtiçi */
  { 24, 48, 36, 60, 35, 50 },   /* Aras */
  { 22, 44, 34, 56, 25, 45 },   /* MNG */
  { 30, 42, 48, 48, 90, 65 },   /* PTT */
  { 16, 32, 24, 36, 10, 35 },   /* Trendyol Express */
  { 18, 36, 26, 44, 20, 40 },   /* HepsiJet */
};

/* Raw Sentos sources with their quirks, weighted by Turkish market shares. */
static const struct { const char *source; const char *shop; const char *code; int weight; } sources[] = {
  { "TRENDYOL", "Stildiva TY", "TY", 300 }, { "trendyol", "Stildiva TY", "TY", 150 },
  { "HEPSIBURADA", "Stildiva HB", "HB", 150 }, { "HB", "Stildiva HB", "HB", 70 },
  { "N11", "Stildiva N11", "N11", 80 }, { "AMAZON", "Stildiva Amazon", "114", 80 },
  { "PAZARAMA", "Stildiva PZ", "PZ", 40 }, { "ÇIÇEKSEPETI", "Stildiva ÇS", "CS", 15 },
  { "CICEKSEPETI", "Stildiva ÇS", "CS", 15 }, { "SHOPIFY", "stildiva.com", "WEB", 60 },
  { "LCW", "Stildiva LCW", "LCW", 20 }, { "RETAIL", "Kadıköy Mağaza", "MGZ", 10 },
  { "Morhipo", "Stildiva MH", "MH", 3 }, { "", "—", "X", 2 },
};

/* ---------------------------------------------------------- calendar */

/* How much each day of the Turkish calendar sells against a normal day
 * (the forecast's calendar): shopping days up, the bayram days themselves
 * and public holidays down. */
static const double event_lift[CIRO_EVENT_N] = {
  [CIRO_EVENT_NEW_YEAR_SHOPPING] = 1.35, [CIRO_EVENT_NEW_YEAR_DAY] = 0.6,
  [CIRO_EVENT_VALENTINES] = 1.25,        [CIRO_EVENT_MOTHERS_DAY] = 1.35,
  [CIRO_EVENT_FATHERS_DAY] = 1.2,        [CIRO_EVENT_SINGLES_DAY] = 2.3,
  [CIRO_EVENT_BLACK_FRIDAY] = 3.0,       [CIRO_EVENT_BLACK_FRIDAY_WEEK] = 1.8,
  [CIRO_EVENT_RAMAZAN_SHOPPING] = 1.5,   [CIRO_EVENT_RAMAZAN_ARIFE] = 0.9,
  [CIRO_EVENT_RAMAZAN_BAYRAM] = 0.7,     [CIRO_EVENT_KURBAN_SHOPPING] = 1.3,
  [CIRO_EVENT_KURBAN_ARIFE] = 0.85,      [CIRO_EVENT_KURBAN_BAYRAM] = 0.65,
  [CIRO_EVENT_BACK_TO_SCHOOL] = 1.25,    [CIRO_EVENT_PUBLIC_HOLIDAY] = 0.85,
};

static double
day_weight (CiroDemo *self, CiroDay day, guint32 events, guint index)
{
  double w;
  int wd = ciro_day_weekday (day);
  Rng r = rng_for (self->opts.seed, 1, (guint64) day);
  /* Sundays and Mondays are the busiest online days, Saturdays the calmest. */
  static const double weekday[] = { 1.12, 1.02, 1.0, 0.98, 0.95, 0.88, 1.10 };

  /* A growing shop: the last day sells about twice the first. */
  w = 1.0 + (double) index / (double) MAX (1u, self->opts.n_days);
  w *= weekday[wd];
  /* the year's wave: autumn and winter busy, high summer calm */
  w *= 1.0 + 0.12 * cos (2 * G_PI * (double) (day - ciro_day_from_ymd (2024, 12, 1)) / 365.25);
  for (int e = 0; e < CIRO_EVENT_N; e++)
    if (events & (1u << e))
      w *= event_lift[e];
  return w * (0.85 + 0.3 * rng_unit (&r));
}

void
ciro_demo_options_init (CiroDemoOptions *opts)
{
  opts->n_orders = 20000;
  opts->n_products = 400;
  opts->seed = 1;
  opts->end_day = CIRO_DAY_INVALID;
  opts->n_days = 730;
  opts->end_seconds = 0;
}

static CiroKurus
round_price (double tl)
{
  /* Shelf prices end in ,90 or ,99 */
  gint64 whole = (gint64) floor (tl);
  return whole * 100 + (whole % 2 ? 90 : 99);
}

/* ---------------------------------------------------------- bought together */

/* Goods people buy together, by category and noun (insights.md §5 needs
 * real pairs): each product of the first kind gets one product of the
 * second as its companion, which joins a third of the orders holding it. */
static const struct { const char *cat_a, *noun_a, *cat_b, *noun_b; } companions[] = {
  { "Elektronik Aksesuar", "Telefon Kılıfı", "Elektronik Aksesuar", "Şarj Kablosu" },
  { "Elektronik Aksesuar", "Powerbank", "Elektronik Aksesuar", "Şarj Kablosu" },
  { "Gömlek", "Keten Gömlek", "Pantolon", "Chino Pantolon" },
  { "Gömlek", "Kot Gömlek", "Pantolon", "Kot Pantolon" },
  { "Spor", "Yoga Matı", "Spor", "Direnç Bandı" },
  { "Spor", "Dambıl Seti", "Spor", "Termos" },
  { "Ev Tekstili", "Nevresim Takımı", "Ev Tekstili", "Kırlent Kılıfı" },
  { "Mutfak", "Seramik Kahve Kupası", "Mutfak", "Çay Bardağı Seti" },
  { "Mutfak", "Döküm Tava", "Mutfak", "Bıçak Seti" },
  { "Kozmetik", "Şampuan", "Kozmetik", "Nemlendirici Krem" },
  { "Kozmetik", "Güneş Kremi", "Kozmetik", "Dudak Balmı" },
  { "Bebek", "Body Seti", "Bebek", "Bebek Patiği" },
  { "Oyuncak", "Oyun Hamuru", "Oyuncak", "Ahşap Yapboz" },
};

/* The companion rule whose first kind the product is (as an index + 1
 * times 2), or whose second kind it is (+ 1); 0 for neither. */
static gint32
product_kind (const CiroProductRecord *p)
{
  for (guint k = 0; k < G_N_ELEMENTS (companions); k++)
    {
      if (g_str_equal (p->category, companions[k].cat_a) && g_str_has_suffix (p->name, companions[k].noun_a))
        return (gint32) (k + 1) * 2;
      if (g_str_equal (p->category, companions[k].cat_b) && g_str_has_suffix (p->name, companions[k].noun_b))
        return (gint32) (k + 1) * 2 + 1;
    }
  return 0;
}

/* Turns the kinds in self->companion into companions: a first-kind product
 * gets a selling second-kind product of its rule (chosen by a hash of its
 * index), every other product none (-1). */
static void
pick_companions (CiroDemo *self)
{
  guint n = self->opts.n_products, n_kinds = (G_N_ELEMENTS (companions) + 1) * 2;
  g_autofree gint32 *kind = g_memdup2 (self->companion, sizeof (gint32) * n);
  g_autoptr(GPtrArray) of_kind = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* the selling products of each kind, in index order */
  for (guint k = 0; k < n_kinds; k++)
    g_ptr_array_add (of_kind, g_array_new (FALSE, FALSE, sizeof (gint32)));
  for (guint j = 0; j < n; j++)
    if (kind[j] != 0 && j % 10 != 7)
      g_array_append_val (of_kind->pdata[kind[j]], j);
  for (guint i = 0; i < n; i++)
    {
      GArray *second = kind[i] != 0 && kind[i] % 2 == 0 ? of_kind->pdata[kind[i] + 1] : NULL;

      self->companion[i] = second != NULL && second->len > 0
                             ? g_array_index (second, gint32, (guint) ((i * 2654435761u) % second->len))
                             : -1;
    }
}

static void line_identity (CiroDemo *self, guint index, Rng *r, CiroOrderLineRecord *l);

/* Adds the companions of the order's products (`picked`, one per line)
 * to a third of the orders holding them, drawn from a stream of their own
 * so that every other draw of the order and the day stays as it was. */
static void
add_companions (CiroDemo *self, CiroOrderRecord *o, guint64 order_index, const guint *picked, guint n)
{
  Rng r = rng_for (self->opts.seed, 9, order_index);

  for (guint k = 0; k < n; k++)
    {
      gint32 c = self->companion[picked[k]];
      CiroOrderLineRecord *l;

      if (c < 0 || rng_below (&r, 3) != 0)
        continue;
      l = ciro_order_line_record_new ();
      line_identity (self, (guint) c, &r, l);
      l->line_id = o->id * 10 + o->lines->len;
      l->quantity = 1;
      l->price = self->sale_price[c];
      l->amount = l->price;
      l->vat_rate = self->vat_rate[c];
      l->status = g_strdup ("accepted");
      o->total += l->amount;
      g_ptr_array_add (o->lines, l);
    }
}

static guint last_day_kept (CiroDemo *self);

CiroDemo *
ciro_demo_new (const CiroDemoOptions *opts)
{
  CiroDemo *self = g_new0 (CiroDemo, 1);
  g_autofree double *w = NULL;
  g_autofree double *rem = NULL;
  g_autofree guint32 *events = NULL;
  double total = 0, acc = 0;
  guint64 assigned = 0;
  guint n;

  self->opts = *opts;
  if (self->opts.n_days == 0)
    self->opts.n_days = 730;
  if (self->opts.n_products == 0)
    self->opts.n_products = 1;
  self->last_day_until = 86400;
  if (self->opts.end_seconds > 0)
    self->last_day_until = MIN (self->opts.end_seconds, 86400);
  if (self->opts.end_day == CIRO_DAY_INVALID)
    {
      gint32 now;
      /* a store that ends today has today's orders so far, not tonight's */
      ciro_now (&self->opts.end_day, &now);
      if (self->opts.end_seconds <= 0)
        self->last_day_until = MAX (60, now);
    }
  n = self->opts.n_days;
  self->first_day = self->opts.end_day - (CiroDay) n + 1;

  /* Largest-remainder distribution: the days sum exactly to n_orders. */
  w = g_new (double, n);
  rem = g_new (double, n);
  self->per_day = g_new0 (guint, n);
  self->before_day = g_new0 (guint64, n + 1);
  events = ciro_calendar_masks (self->first_day, n);
  for (guint i = 0; i < n; i++)
    total += (w[i] = day_weight (self, self->first_day + (CiroDay) i, events[i], i));
  for (guint i = 0; i < n; i++)
    {
      double exact = (double) self->opts.n_orders * w[i] / total;
      self->per_day[i] = (guint) floor (exact);
      rem[i] = exact - floor (exact);
      assigned += self->per_day[i];
    }
  while (assigned < self->opts.n_orders)
    {
      guint best = 0;
      for (guint i = 1; i < n; i++)
        if (rem[i] > rem[best])
          best = i;
      self->per_day[best]++;
      rem[best] = -1;
      assigned++;
    }
  /* the last day cut short keeps the orders drawn before the cut: a
   * morning has the few orders of a night and a morning, not a whole
   * day's squeezed into it */
  self->last_day_drawn = self->per_day[n - 1];
  if (self->last_day_until < 86400)
    self->per_day[n - 1] = last_day_kept (self);
  for (guint i = 0; i < n; i++)
    self->before_day[i + 1] = self->before_day[i] + self->per_day[i];

  /* Zipf-like popularity: a few bestsellers, a long tail. The order of
   * products is shuffled by a hash so bestsellers spread over categories. */
  self->popularity = g_new (double, self->opts.n_products);
  self->sale_price = g_new (CiroKurus, self->opts.n_products);
  self->vat_rate = g_new (CiroBasisPoints, self->opts.n_products);
  for (guint i = 0; i < self->opts.n_products; i++)
    {
      Rng r = rng_for (self->opts.seed, 2, i);
      guint rank = rng_below (&r, self->opts.n_products);
      /* a tenth of the catalogue never sells: dead stock */
      acc += (i % 10 == 7) ? 0.0 : 1.0 / pow (rank + 1.0, 0.95);
      self->popularity[i] = acc;
    }
  self->companion = g_new (gint32, self->opts.n_products);
  for (guint i = 0; i < self->opts.n_products; i++)
    {
      g_autoptr(CiroProductRecord) p = ciro_demo_product (self, i);
      self->sale_price[i] = p->sale_price;
      self->vat_rate[i] = p->vat_rate;
      self->companion[i] = product_kind (p);
    }
  pick_companions (self);
  return self;
}

void
ciro_demo_free (CiroDemo *self)
{
  if (self == NULL)
    return;
  g_free (self->per_day);
  g_free (self->before_day);
  g_free (self->popularity);
  g_free (self->sale_price);
  g_free (self->vat_rate);
  g_free (self->companion);
  g_free (self);
}

const CiroDemoOptions *
ciro_demo_get_options (CiroDemo *self)
{
  return &self->opts;
}

CiroDay
ciro_demo_first_day (CiroDemo *self)
{
  return self->first_day;
}

CiroDay
ciro_demo_last_day (CiroDemo *self)
{
  return self->opts.end_day;
}

guint
ciro_demo_n_products (CiroDemo *self)
{
  return self->opts.n_products;
}

guint
ciro_demo_n_orders_on (CiroDemo *self, CiroDay day)
{
  if (day < self->first_day || day > self->opts.end_day)
    return 0;
  return self->per_day[day - self->first_day];
}

/* ---------------------------------------------------------- products */

static guint
product_base (guint index)
{
  return 100000 + index * 7;
}

/* SKU styles: 0–5 BYK season codes with M/R variants, 6–7 digit-first with
 * variants, 8 "S000…" without variants, 9 plain without variants. */
static guint
sku_style (guint index)
{
  return index % 10;
}

static char *
ean13 (guint64 body12)
{
  char digits[14];
  int sum = 0;

  g_snprintf (digits, sizeof digits, "%012" G_GUINT64_FORMAT, body12 % G_GUINT64_CONSTANT (1000000000000));
  for (int i = 0; i < 12; i++)
    sum += (digits[i] - '0') * (i % 2 ? 3 : 1);
  digits[12] = (char) ('0' + (10 - sum % 10) % 10);
  digits[13] = '\0';
  return g_strdup (digits);
}

CiroProductRecord *
ciro_demo_product (CiroDemo *self, guint index)
{
  Rng r = rng_for (self->opts.seed, 3, index);
  const Category *cat = &categories[rng_below (&r, G_N_ELEMENTS (categories))];
  CiroProductRecord *p = ciro_product_record_new ();
  guint style = sku_style (index);
  guint base = product_base (index);
  double cost = cat->min_cost + rng_unit (&r) * (cat->max_cost - cat->min_cost);
  guint n_variants = 0;
  const char **sizes = sizes_clothes;
  guint n_sizes = G_N_ELEMENTS (sizes_clothes);

  p->id = PRODUCT_ID_BASE + index;
  p->category_id = 30 + (gint64) (cat - categories);
  p->category = g_strdup (cat->name);
  p->brand = g_strdup (brands[rng_below (&r, G_N_ELEMENTS (brands))]);
  /* one draw of eight, as before, so the store's figures stay the same */
  p->name = g_strdup_printf ("%s %s", cat->words[rng_below (&r, 8) % G_N_ELEMENTS (cat->words)],
                             cat->nouns[rng_below (&r, 6)]);
  p->purchase_price = (CiroKurus) llround (cost * 100.0);
  p->sale_price = round_price (cost * (1.6 + 1.4 * rng_unit (&r)) * 1.1);
  p->vat_rate = cat->vat * 100;
  p->currency = g_strdup ("TRY");
  p->barcode = ean13 (868000000000ull + (guint64) index * 10);
  p->image_url = g_strdup_printf ("https://cdn.ciro.invalid/p/%" G_GINT64_FORMAT "_1.jpg", p->id);

  switch (style)
    {
    case 0: case 1: case 2: case 3: case 4: case 5:
      p->sku = g_strdup_printf ("BYK-24Y-%u", base);
      n_variants = 2 + rng_below (&r, 3);
      break;
    case 6: case 7:
      p->sku = g_strdup_printf ("%u", base);
      n_variants = 1 + rng_below (&r, 3);
      break;
    case 8:
      p->sku = g_strdup_printf ("S%08u", base);
      break;
    default:
      p->sku = g_strdup_printf ("STD-%u", base);
      break;
    }
  if (g_str_equal (cat->name, "Ayakkabı"))
    {
      sizes = sizes_shoes;
      n_sizes = G_N_ELEMENTS (sizes_shoes);
    }

  for (guint v = 0; v < n_variants; v++)
    {
      CiroVariantRecord *var = ciro_variant_record_new ();
      const char *size = cat->sized ? sizes[v % n_sizes] : NULL;
      const char *color = colors[(index + v) % G_N_ELEMENTS (colors)];
      gint64 stock = rng_below (&r, 10) == 0 ? 0 : rng_below (&r, 25);

      var->id = (gint64) (PRODUCT_ID_BASE + index) * 10 + v;
      if (style <= 5)
        var->sku = g_strdup_printf ("BYK-25K-%u-M%u-R%u", base, 41 + v, 15 + v);
      else
        var->sku = g_strdup_printf ("%u-M%u-R%u", base, 41 + v, 15 + v);
      var->barcode = ean13 (868000000000ull + (guint64) index * 10 + v + 1);
      var->color = g_strdup (color);
      if (size != NULL)
        {
          var->model_name = g_strdup ("Beden");
          var->model_value = g_strdup (size);
        }
      else
        {
          var->model_name = g_strdup ("Renk");
          var->model_value = g_strdup (color);
        }
      if (rng_below (&r, 8) == 0)
        {
          var->has_purchase_price = TRUE;
          var->purchase_price = p->purchase_price + 500 * (gint64) (1 + v);
          var->vat_rate = p->vat_rate;
        }
      ciro_stock_record_append (var->stocks, 1, "Ana Depo", stock);
      ciro_stock_record_append (var->stocks, 2, "Depo 2", rng_below (&r, 4) == 0 ? rng_below (&r, 12) : 0);
      g_ptr_array_add (p->variants, var);
    }
  if (n_variants == 0)
    {
      /* a tail of slow products with large stock */
      gint64 stock = index % 10 == 7 ? 40 + rng_below (&r, 200) : rng_below (&r, 60);
      ciro_stock_record_append (p->stocks, 1, "Ana Depo", stock);
      ciro_stock_record_append (p->stocks, 2, "Depo 2", rng_below (&r, 10));
    }
  return p;
}

/* ---------------------------------------------------------- orders */

static guint
pick_product (CiroDemo *self, Rng *r)
{
  double x = rng_unit (r) * self->popularity[self->opts.n_products - 1];
  guint lo = 0, hi = self->opts.n_products - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (self->popularity[mid] > x)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

/* The SKU a marketplace line carries for product `index`: mostly the exact
 * variant SKU, and a little of every other matching rule. */
static void
line_identity (CiroDemo *self, guint index, Rng *r, CiroOrderLineRecord *l)
{
  guint style = sku_style (index);
  guint base = product_base (index);
  guint n_variants = style <= 5 ? 2 : style <= 7 ? 1 : 0;
  guint v = n_variants ? rng_below (r, n_variants) : 0;
  guint roll = rng_below (r, 1000);
  g_autofree char *exact = NULL;

  if (style <= 5)
    exact = g_strdup_printf ("BYK-25K-%u-M%u-R%u", base, 41 + v, 15 + v);
  else if (style <= 7)
    exact = g_strdup_printf ("%u-M%u-R%u", base, 41 + v, 15 + v);
  else if (style == 8)
    exact = g_strdup_printf ("S%08u", base);
  else
    exact = g_strdup_printf ("STD-%u", base);

  l->barcode = ean13 (868000000000ull + (guint64) index * 10 + (n_variants ? v + 1 : 0));
  if (roll < 860)
    l->sku = g_steal_pointer (&exact);                               /* rules 1 / 2 */
  else if (roll < 890)
    l->sku = style <= 5 ? g_strdup_printf ("BYK-24Y-%u", base)      /* rule 2 */
                        : style <= 7 ? g_strdup_printf ("%u", base) : g_steal_pointer (&exact);
  else if (roll < 910)
    l->sku = g_strdup_printf ("TY-%u-%u", base, rng_below (r, 99)); /* rule 3: barcode */
  else if (roll < 930)
    {
      l->sku = g_strdup_printf ("ESKI-KOD-%u", base);                /* rule 4 once mapped */
      g_clear_pointer (&l->barcode, g_free);
    }
  else if (roll < 955)
    {
      g_autofree char *lower = g_ascii_strdown (exact, -1);         /* rule 5 */
      l->sku = style == 8 ? g_strdup_printf (" s%010u ", base) : g_strdup_printf (" %s ", lower);
      g_clear_pointer (&l->barcode, g_free);
    }
  else if (roll < 985)
    {
      if (style <= 5)
        l->sku = g_strdup_printf ("BYK-26Y-%u-M49-R42", base);              /* rule 6 */
      else if (style <= 7)
        l->sku = g_strdup_printf ("%u-%s", base, rng_below (r, 2) ? "Siyah" : "S41-R99");
      else
        l->sku = g_strdup_printf (" %s ", exact);                           /* rule 5 */
      g_clear_pointer (&l->barcode, g_free);
    }
  else
    {
      l->sku = g_strdup_printf ("KAMPANYA-%u", rng_below (r, 40));  /* never matches */
      g_clear_pointer (&l->barcode, g_free);
    }
}

static guint
weighted_source (Rng *r)
{
  int total = 0, x;
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    total += sources[i].weight;
  x = (int) rng_below (r, (guint32) total);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if ((x -= sources[i].weight) < 0)
      return i;
  return 0;
}

static guint
weighted_city (Rng *r)
{
  int total = 0, x;
  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    total += cities[i].weight;
  x = (int) rng_below (r, (guint32) total);
  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    if ((x -= cities[i].weight) < 0)
      return i;
  return 0;
}

/* Seconds of the day: few at night, peaks around lunch and 20–23. */
static gint32
order_time (Rng *r)
{
  static const int hour_weight[24] = { 3, 2, 1, 1, 1, 1, 2, 3, 5, 6, 7, 8, 10, 10, 8, 7, 7, 7, 8, 9, 11, 12, 11, 7 };
  int total = 0, x, h = 0;

  for (int i = 0; i < 24; i++)
    total += hour_weight[i];
  x = (int) rng_below (r, (guint32) total);
  for (h = 0; h < 24; h++)
    if ((x -= hour_weight[h]) < 0)
      break;
  return h * 3600 + (gint32) rng_below (r, 3600);
}

/* How many of the last day's drawn orders fall before the cut: the same
 * draws, in the same order, as ciro_demo_orders_at () makes. */
static guint
last_day_kept (CiroDemo *self)
{
  Rng r = rng_for (self->opts.seed, 4, (guint64) self->opts.end_day);
  guint kept = 0;

  for (guint i = 0; i < self->last_day_drawn; i++)
    if (order_time (&r) < self->last_day_until)
      kept++;
  return kept;
}

static int
compare_time (gconstpointer a, gconstpointer b)
{
  const CiroOrderRecord *x = *(CiroOrderRecord * const *) a, *y = *(CiroOrderRecord * const *) b;
  return x->seconds - y->seconds;
}

/* The end of the last day even when the history ends today: the same
 * seller whatever the time of day it is made at, so that the demo written
 * directly and the one synced from the mock (made in another process, a
 * little later) agree. */
gint64
ciro_demo_end_moment (CiroDemo *self)
{
  return ciro_to_unix (self->opts.end_day, 86399);
}

/* An order's life (insights.md §3): awaiting approval when placed,
 * approved within minutes, preparing within hours, shipped within 1–3 days
 * and delivered 1–4 days later, as fast as its carrier is; a few parcels
 * late; a cancellation before shipping, or a return after delivery. A pure
 * function of the seed, the order's id, carrier and moment. Orders in a
 * status code Sentos added later keep it (none here). */
guint
ciro_demo_order_stages (CiroDemo              *self,
                        const CiroOrderRecord *o,
                        CiroDemoStage          stages[CIRO_DEMO_MAX_STAGES])
{
  Rng r = rng_for (self->opts.seed, 9, (guint64) o->id);
  gint64 placed = ciro_to_unix (o->day, o->seconds);
  guint c = 0, n = 0;
  gboolean cancelled, returned;
  gint64 shipped, delivered;

  if (o->status == 7 || o->status == 12)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (cargo); i++)
    if (g_strcmp0 (o->cargo_provider, cargo[i]) == 0)
      c = i;
  cancelled = rng_below (&r, 1000) < 82;
  returned = cancelled && rng_below (&r, 100) < (guint32) carrier_profile[c].returned_pct;
  stages[n++] = (CiroDemoStage) { 1, placed };
  stages[n++] = (CiroDemoStage) { 2, placed + 300 + rng_below (&r, 2100) };
  if (cancelled && !returned)
    {
      stages[n++] = (CiroDemoStage) { CIRO_ORDER_STATUS_CANCELLED, placed + 3600 + rng_below (&r, 20 * 3600) };
      return n;
    }
  stages[n++] = (CiroDemoStage) { 4, placed + 3600 + rng_below (&r, 5 * 3600) };
  shipped = placed + 3600 * (gint64) carrier_profile[c].ship_h
            + rng_below (&r, (guint32) carrier_profile[c].ship_span_h * 3600);
  stages[n++] = (CiroDemoStage) { 5, shipped };
  if (rng_below (&r, 1000) < (guint32) carrier_profile[c].late_permille)
    delivered = shipped + 6 * 86400 + rng_below (&r, 8 * 86400);
  else
    delivered = shipped + 3600 * (gint64) carrier_profile[c].deliver_h
                + rng_below (&r, (guint32) carrier_profile[c].deliver_span_h * 3600);
  stages[n++] = (CiroDemoStage) { 99, delivered };
  if (returned)
    stages[n++] = (CiroDemoStage) { CIRO_ORDER_STATUS_CANCELLED, delivered + 86400 + rng_below (&r, 6 * 86400) };
  return n;
}

/* The order as Sentos shows it at `as_of`: the last status reached, and
 * updated_at the moment it was reached. */
static void
apply_life (CiroDemo *self, CiroOrderRecord *o, gint64 as_of)
{
  CiroDemoStage stages[CIRO_DEMO_MAX_STAGES];
  guint n = ciro_demo_order_stages (self, o, stages);
  guint last = 0;
  CiroDay day;
  gint32 seconds;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    if (stages[i].at <= as_of)
      last = i;
  o->status = stages[last].status;
  ciro_from_unix (stages[last].at, &day, &seconds);
  g_free (o->updated_at);
  o->updated_at = ciro_datetime_format (day, seconds);
}

GPtrArray *
ciro_demo_orders_on (CiroDemo *self, CiroDay day)
{
  return ciro_demo_orders_at (self, day, ciro_demo_end_moment (self));
}

guint
ciro_demo_n_orders_at (CiroDemo *self, CiroDay day, gint64 as_of)
{
  CiroDay as_of_day;
  gint32 seconds;
  g_autoptr(GPtrArray) orders = NULL;

  ciro_from_unix (as_of, &as_of_day, &seconds);
  if (day < as_of_day || ciro_demo_n_orders_on (self, day) == 0)
    return ciro_demo_n_orders_on (self, day);
  if (day > as_of_day)
    return 0;
  orders = ciro_demo_orders_at (self, day, as_of);
  return orders->len;
}

/* Who placed an order: a store's customers are not alike. They join over
 * the store's life (a customer drawn before joining becomes one who has
 * joined), a loyal core of one customer in 25 places three orders in ten,
 * and a quarter of the others lapse on a day of their own and buy no more,
 * so that the Customers page shows champions, loyal, new and lapsing ones
 * and cohorts of every month. Drawn from its own stream of numbers: the
 * rest of each order is as before. */
static guint64
demo_customer (CiroDemo *self, guint64 drawn, guint64 n_customers, CiroDay day, gint64 order_id)
{
  Rng cr = rng_for (self->opts.seed, 7, (guint64) order_id);
  guint64 span = (guint64) MAX (1, self->opts.end_day - self->first_day + 1);
  guint64 since = (guint64) (day - self->first_day) + 1;
  guint64 joined = MAX (MIN (n_customers, 50u), n_customers * since / span);
  guint64 c = 1 + (drawn - 1) % joined;

  if (rng_below (&cr, 100) < 30)
    return 1 + (c - 1) % MAX (1u, MIN (joined, n_customers / 25));
  for (guint tries = 0; tries < 4; tries++)
    {
      Rng lr = rng_for (self->opts.seed, 8, c);
      CiroDay lapse;
      if (rng_below (&lr, 4) != 0)
        break;
      lapse = self->first_day + (CiroDay) rng_below (&lr, (guint32) span);
      if (day <= lapse)
        break;
      c = 1 + rng_below (&cr, (guint32) MIN (joined, G_MAXUINT32));
    }
  return c;
}

GPtrArray *
ciro_demo_orders_at (CiroDemo *self, CiroDay day, gint64 as_of)
{
  guint n = ciro_demo_n_orders_on (self, day);
  GPtrArray *orders = g_ptr_array_new_full (n, (GDestroyNotify) ciro_order_record_free);
  Rng r = rng_for (self->opts.seed, 4, (guint64) day);
  guint64 first_id;
  CiroDay age;
  guint64 n_customers = MAX (50, self->opts.n_orders / 3);
  g_autoptr(GArray) times = NULL;

  if (n == 0)
    return orders;
  first_id = self->before_day[day - self->first_day];
  age = self->opts.end_day - day;
  times = g_array_sized_new (FALSE, FALSE, sizeof (gint32), n);
  if (day == self->opts.end_day && self->last_day_until < 86400)
    /* the day's drawn times, those before the cut kept (last_day_kept) */
    for (guint i = 0; i < self->last_day_drawn; i++)
      {
        gint32 t = order_time (&r);
        if (t < self->last_day_until)
          g_array_append_val (times, t);
      }
  else
    for (guint i = 0; i < n; i++)
      {
        gint32 t = order_time (&r);
        g_array_append_val (times, t);
      }
  g_assert (times->len == n);

  for (guint i = 0; i < n; i++)
    {
      CiroOrderRecord *o = ciro_order_record_new ();
      guint src = weighted_source (&r);
      guint city = weighted_city (&r);
      guint roll = rng_below (&r, 1000);
      guint n_lines, picked[8];
      CiroKurus sum = 0;
      guint64 customer = 1 + rng_below (&r, (guint32) MIN (n_customers, G_MAXUINT32));
      gint32 created;

      o->id = ORDER_ID_BASE + (gint64) (first_id + i);
      o->day = day;
      o->seconds = g_array_index (times, gint32, i);
      o->source = g_strdup (sources[src].source);
      o->marketplace = ciro_marketplace_normalize (o->source);
      o->shop = g_strdup (sources[src].shop);
      o->order_code = g_strdup_printf ("%s-%" G_GINT64_FORMAT, sources[src].code, 4410000000 + o->id % 1000000000);
      /* drawn once: MIN () evaluates its arguments twice */
      created = o->seconds + 60 + (gint32) rng_below (&r, 600);
      o->created_at = ciro_datetime_format (day, MIN (created, 86399));
      o->updated_at = ciro_datetime_format (day + (age > 3 ? 2 : 0), MIN (o->seconds + 3600, 86399));

      /* ~8 % cancelled or returned; recent orders are still on their way. */
      if (roll < 80)
        o->status = CIRO_ORDER_STATUS_CANCELLED;
      else if (roll < 82)
        o->status = rng_below (&r, 2) ? 7 : 12;   /* codes Sentos added later */
      else if (age <= 1)
        o->status = 1 + (gint32) rng_below (&r, 4);
      else if (age <= 6)
        o->status = rng_below (&r, 3) ? 5 : 99;
      else
        o->status = rng_below (&r, 20) ? 99 : 5;

      o->cargo_provider = g_strdup (cargo[rng_below (&r, G_N_ELEMENTS (cargo))]);
      o->cargo_number = rng_below (&r, 5) ? g_strdup_printf ("72700%011u", rng_below (&r, 2000000000))
                                          : g_strdup_printf ("TEX-%u", rng_below (&r, 99999999));
      o->has_invoice = g_strdup ("yes");
      o->invoice_type = g_strdup (rng_below (&r, 4) ? "e-Arşiv" : "e-Fatura");
      o->invoice_number = g_strdup_printf ("STL%04d%09" G_GINT64_FORMAT, 2024, o->id % 1000000000);
      customer = demo_customer (self, customer, n_customers, day, o->id);
      o->customer_id = (gint64) customer;
      {
        Rng cr = rng_for (self->opts.seed, 5, customer);
        const char *fn = first_names[rng_below (&cr, G_N_ELEMENTS (first_names))];
        const char *ln = last_names[rng_below (&cr, G_N_ELEMENTS (last_names))];
        o->customer_name = g_strdup_printf ("%s %s", fn, ln);
        o->customer_email = g_strdup_printf ("musteri%" G_GUINT64_FORMAT "@example.com", customer);
        o->customer_phone = g_strdup_printf ("053%08u", rng_below (&cr, 100000000));
      }
      o->city = g_strdup (cities[city].city);
      o->district = g_strdup (cities[city].district);
      o->country = g_strdup ("Türkiye");

      /* 1–5 lines, mean about 2.5; one order in a thousand has none. */
      n_lines = rng_below (&r, 1000) == 0 ? 0 : 1 + rng_below (&r, 2) + rng_below (&r, 2) + (rng_below (&r, 4) == 0 ? 1 + rng_below (&r, 2) : 0);
      for (guint k = 0; k < n_lines; k++)
        {
          CiroOrderLineRecord *l = ciro_order_line_record_new ();
          guint p = pick_product (self, &r);
          guint q = rng_below (&r, 10);

          picked[k] = p;
          line_identity (self, p, &r, l);
          l->line_id = rng_below (&r, 50) == 0 ? 0 : o->id * 10 + k;
          l->name = NULL;
          l->quantity = q < 8 ? 1 : q < 9 ? 2 : 3;
          l->price = self->sale_price[p];
          l->discount = rng_below (&r, 5) == 0 ? ciro_div_round (l->price * l->quantity * (5 + rng_below (&r, 26)), 100) : 0;
          l->amount = l->price * l->quantity - l->discount;
          /* the KDV of the product's category: 10 % on clothes and
           * textiles, 20 % on most other goods, 1 % on the baby range */
          l->vat_rate = self->vat_rate[p];
          l->status = g_strdup (o->status != CIRO_ORDER_STATUS_CANCELLED && rng_below (&r, 100) == 0 ? "rejected" : "accepted");
          sum += l->amount;
          g_ptr_array_add (o->lines, l);
        }
      if (sum < 50000 && rng_below (&r, 10) < 3)
        o->shipping_total = 2990 + 100 * (CiroKurus) rng_below (&r, 21);
      o->total = sum + o->shipping_total;
      add_companions (self, o, first_id + i, picked, n_lines);
      g_ptr_array_add (orders, o);
    }
  g_ptr_array_sort (orders, compare_time);
  /* ids follow time within the day, as Sentos assigns them */
  for (guint i = 0; i < orders->len; i++)
    ((CiroOrderRecord *) orders->pdata[i])->id = ORDER_ID_BASE + (gint64) (first_id + i);
  /* orders not placed yet at as_of are not there; the others as they are then */
  while (orders->len > 0 &&
         ciro_to_unix (day, ((CiroOrderRecord *) orders->pdata[orders->len - 1])->seconds) > as_of)
    g_ptr_array_set_size (orders, orders->len - 1);
  for (guint i = 0; i < orders->len; i++)
    apply_life (self, orders->pdata[i], as_of);
  return orders;
}

/* The statuses the order went through before its present one, as a sync
 * running all along would have seen them. */
static gboolean
note_history (CiroDemo *self, CiroStore *store, const CiroOrderRecord *o, GError **error)
{
  CiroDemoStage stages[CIRO_DEMO_MAX_STAGES];
  guint n = ciro_demo_order_stages (self, o, stages);
  gint64 now = ciro_demo_end_moment (self);

  for (guint i = 0; i < n && stages[i].at <= now; i++)
    if (stages[i].status != o->status && !ciro_store_note_status (store, o->id, stages[i].status, stages[i].at, error))
      return FALSE;
  return TRUE;
}

gboolean
ciro_demo_note_timeline (CiroDemo   *self,
                         CiroStore  *store,
                         GError    **error)
{
  if (!ciro_store_begin (store, error))
    return FALSE;
  for (CiroDay day = ciro_demo_first_day (self); day <= ciro_demo_last_day (self); day++)
    {
      g_autoptr(GPtrArray) orders = ciro_demo_orders_on (self, day);

      for (guint i = 0; i < orders->len; i++)
        if (!note_history (self, store, orders->pdata[i], error))
          {
            ciro_store_rollback (store);
            return FALSE;
          }
    }
  /* the carrier figures read the timeline */
  if (!ciro_store_rebuild_rollups (store, error) || !ciro_store_commit (store, error))
    {
      ciro_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
ciro_demo_populate (CiroDemo             *self,
                    CiroStore            *store,
                    CiroDemoProgressFunc  progress,
                    gpointer              user_data,
                    GCancellable         *cancellable,
                    GError              **error)
{
  guint64 done = 0, in_batch = 0;
  int had_orders = ciro_store_has_orders (store, error);

  if (had_orders < 0 || !ciro_store_begin (store, error))
    return FALSE;
  /* an empty store is filled as a first sync fills it: a bulk import */
  if (had_orders == 0 && !ciro_store_begin_bulk (store, error))
    {
      ciro_store_rollback (store);
      return FALSE;
    }
  for (guint i = 0; i < self->opts.n_products; i++)
    {
      g_autoptr(CiroProductRecord) p = ciro_demo_product (self, i);
      if (!ciro_store_put_product (store, p, self->first_day, error))
        {
          ciro_store_rollback (store);
          return FALSE;
        }
    }
  if (!ciro_store_commit (store, error))
    return FALSE;

  for (CiroDay day = self->first_day; day <= self->opts.end_day; day++)
    {
      g_autoptr(GPtrArray) orders = NULL;

      if (ciro_demo_n_orders_on (self, day) == 0)
        continue;
      orders = ciro_demo_orders_on (self, day);
      for (guint i = 0; i < orders->len; i++)
        {
          if (in_batch == 0)
            {
              if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
                  !ciro_store_begin (store, error))
                return FALSE;
            }
          if (!note_history (self, store, orders->pdata[i], error) ||
              !ciro_store_put_order (store, orders->pdata[i], error))
            {
              ciro_store_rollback (store);
              return FALSE;
            }
          done++;
          if (++in_batch == BATCH_ORDERS)
            {
              if (!ciro_store_commit (store, error))
                return FALSE;
              in_batch = 0;
              if (progress)
                progress (done, self->opts.n_orders, user_data);
            }
        }
    }
  if (in_batch > 0 && !ciro_store_commit (store, error))
    return FALSE;
  if (!ciro_store_end_bulk (store, error))
    return FALSE;
  if (progress)
    progress (done, self->opts.n_orders, user_data);
  return TRUE;
}
