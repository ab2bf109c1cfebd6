/* ciro-sheet.c: CSV and XLSX files as tables of text cells
 *
 * XLSX is a zip archive of XML parts: libarchive unpacks the parts this
 * needs (the workbook, its relations, the shared strings and the first
 * worksheet) into memory, each bounded, and libxml2's streaming reader
 * walks them without building a tree, with no network and no entity
 * expansion.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-core"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "ciro-sheet.h"

G_DEFINE_QUARK (ciro-sheet-error-quark, ciro_sheet_error)

typedef struct {
  char    *text;
  gboolean number;
} Cell;

typedef struct {
  guint   number;
  GArray *cells;    /* Cell */
} Row;

struct _CiroSheet {
  GPtrArray *rows;  /* Row */
  guint      max_rows;
  guint      n_columns;
  gboolean   xlsx;
};

static void
cell_clear (gpointer p)
{
  g_free (((Cell *) p)->text);
}

static void
row_free (gpointer p)
{
  Row *r = p;
  g_array_unref (r->cells);
  g_free (r);
}

static Row *
row_new (guint number)
{
  Row *r = g_new0 (Row, 1);
  r->number = number;
  r->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (r->cells, cell_clear);
  return r;
}

void
ciro_sheet_free (CiroSheet *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->rows);
  g_free (self);
}

static CiroSheet *
sheet_new (guint max_rows)
{
  CiroSheet *self = g_new0 (CiroSheet, 1);
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->max_rows = max_rows;
  return self;
}

/* FALSE once the sheet holds all the rows asked for. */
static gboolean
sheet_wants_more (const CiroSheet *self)
{
  return self->max_rows == 0 || self->rows->len < self->max_rows;
}

static gboolean
row_set (CiroSheet *self, Row *r, guint column, char *text, gboolean number, GError **error)
{
  Cell *c;

  if (column >= CIRO_SHEET_MAX_COLUMNS)
    {
      g_free (text);
      g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_TOO_BIG,
                   _("Row %u has more than %u columns"), r->number, CIRO_SHEET_MAX_COLUMNS);
      return FALSE;
    }
  if (column >= r->cells->len)
    g_array_set_size (r->cells, column + 1);
  c = &g_array_index (r->cells, Cell, column);
  g_free (c->text);
  c->text = text;
  c->number = number;
  self->n_columns = MAX (self->n_columns, r->cells->len);
  return TRUE;
}

static gboolean
sheet_add_row (CiroSheet *self, Row *r, GError **error)
{
  if (self->rows->len >= CIRO_SHEET_MAX_ROWS)
    {
      row_free (r);
      g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_TOO_BIG,
                   _("The file has more than %u rows"), CIRO_SHEET_MAX_ROWS);
      return FALSE;
    }
  g_ptr_array_add (self->rows, r);
  return TRUE;
}

/* ------------------------------------------------------------ columns */

char *
ciro_sheet_column_name (guint column)
{
  char buf[16];
  int i = (int) sizeof buf - 1;
  guint64 n = (guint64) column + 1;

  buf[i] = '\0';
  while (n > 0 && i > 0)
    {
      n--;
      buf[--i] = (char) ('A' + n % 26);
      n /= 26;
    }
  return g_strdup (buf + i);
}

int
ciro_sheet_column_index (const char *letters)
{
  gint64 n = 0;
  const char *p;

  if (letters == NULL || *letters == '\0')
    return -1;
  for (p = letters; *p != '\0'; p++)
    {
      if (!g_ascii_isalpha (*p) || n > CIRO_SHEET_MAX_COLUMNS)
        return -1;
      n = n * 26 + (g_ascii_toupper (*p) - 'A' + 1);
    }
  return n - 1 < CIRO_SHEET_MAX_COLUMNS ? (int) (n - 1) : -1;
}

/* ------------------------------------------------------------ CSV */

static char
guess_delimiter (const char *text)
{
  guint semi = 0, comma = 0, tab = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ';')
        semi++;
      else if (!quoted && *p == ',')
        comma++;
      else if (!quoted && *p == '\t')
        tab++;
    }
  if (tab > semi && tab > comma)
    return '\t';
  return comma > semi ? ',' : ';';
}

static gboolean
read_csv (CiroSheet *self, const char *text, GError **error)
{
  char delim = guess_delimiter (text);
  const char *p = text;
  guint line = 1;

  while (*p != '\0' && sheet_wants_more (self))
    {
      Row *r = row_new (line);
      guint column = 0;
      gboolean any = FALSE;

      for (;;)
        {
          GString *field = g_string_new (NULL);

          if (*p == '"')
            {
              p++;
              for (;;)
                {
                  if (*p == '\0')
                    {
                      g_string_free (field, TRUE);
                      row_free (r);
                      g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_FORMAT,
                                   _("Line %u: a quoted field is not closed"), line);
                      return FALSE;
                    }
                  if (*p == '"' && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                    }
                  else if (*p == '"')
                    {
                      p++;
                      break;
                    }
                  else
                    {
                      if (*p == '\n')
                        line++;
                      g_string_append_c (field, *p++);
                    }
                }
              /* anything after the closing quote up to the delimiter is kept */
            }
          while (*p != '\0' && *p != delim && *p != '\n' && *p != '\r')
            g_string_append_c (field, *p++);

          if (field->len > 0)
            any = TRUE;
          if (!row_set (self, r, column++, g_string_free (field, FALSE), FALSE, error))
            {
              row_free (r);
              return FALSE;
            }
          if (*p == delim)
            {
              p++;
              continue;
            }
          break;
        }
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;
      line++;
      if (!any)
        {
          row_free (r);   /* a blank line */
          continue;
        }
      if (!sheet_add_row (self, r, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ XLSX */

typedef struct {
  char *name;
  GBytes *data;
} Part;

static GBytes *
read_entry (struct archive *a, const char *name, GError **error)
{
  GByteArray *buf = g_byte_array_new ();
  char chunk[65536];
  la_ssize_t n;

  while ((n = archive_read_data (a, chunk, sizeof chunk)) > 0)
    {
      if ((gint64) buf->len + n > CIRO_SHEET_MAX_BYTES)
        {
          g_byte_array_unref (buf);
          g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_TOO_BIG,
                       _("The workbook's part %s is larger than Ciro reads"), name);
          return NULL;
        }
      g_byte_array_append (buf, (const guint8 *) chunk, (guint) n);
    }
  if (n < 0)
    {
      g_byte_array_unref (buf);
      g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_FORMAT,
                   _("The workbook is damaged: %s"), archive_error_string (a));
      return NULL;
    }
  return g_byte_array_free_to_bytes (buf);
}

/* Unpacks the parts whose names `wanted` accepts into name → GBytes. */
static GHashTable *
read_parts (const char *path, GError **error)
{
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_bytes_unref);
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  int rc;

  archive_read_support_format_zip (a);
  if (archive_read_open_filename (a, path, 65536) != ARCHIVE_OK)
    {
      g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_FORMAT,
                   _("%s is not a readable XLSX workbook: %s"), path, archive_error_string (a));
      archive_read_free (a);
      return NULL;
    }
  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      GBytes *data;

      if (name == NULL ||
          !(g_str_equal (name, "xl/workbook.xml") || g_str_equal (name, "xl/_rels/workbook.xml.rels") ||
            g_str_equal (name, "xl/sharedStrings.xml") ||
            (g_str_has_prefix (name, "xl/worksheets/") && g_str_has_suffix (name, ".xml"))))
        {
          archive_read_data_skip (a);
          continue;
        }
      data = read_entry (a, name, error);
      if (data == NULL)
        {
          archive_read_free (a);
          return NULL;
        }
      g_hash_table_insert (parts, g_strdup (name), data);
    }
  if (rc != ARCHIVE_EOF)
    {
      g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_FORMAT,
                   _("%s is not a readable XLSX workbook: %s"), path, archive_error_string (a));
      archive_read_free (a);
      return NULL;
    }
  archive_read_free (a);
  return g_steal_pointer (&parts);
}

static xmlTextReaderPtr
xml_reader (GBytes *data)
{
  gsize len;
  const char *bytes = g_bytes_get_data (data, &len);

  if (len > G_MAXINT)
    return NULL;
  return xmlReaderForMemory (bytes, (int) len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static gboolean
xml_failed (const char *part, GError **error)
{
  g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_FORMAT,
               _("The workbook is damaged: its part %s is not well-formed XML"), part);
  return FALSE;
}

static gboolean
name_is (xmlTextReaderPtr r, const char *local)
{
  const xmlChar *n = xmlTextReaderConstLocalName (r);
  return n != NULL && strcmp ((const char *) n, local) == 0;
}

static char *
attr (xmlTextReaderPtr r, const char *name)
{
  xmlChar *v = xmlTextReaderGetAttribute (r, (const xmlChar *) name);
  char *out = v ? g_strdup ((const char *) v) : NULL;
  xmlFree (v);
  return out;
}

/* The text of every <t> of each <si>, phonetic runs (<rPh>) left out. */
static GPtrArray *
read_shared_strings (GBytes *data, GError **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  xmlTextReaderPtr r;
  GString *cur = NULL;
  gboolean in_t = FALSE;
  int phonetic_depth = -1;
  int rc;

  if (data == NULL)
    return g_steal_pointer (&strings);
  if ((r = xml_reader (data)) == NULL)
    {
      xml_failed ("xl/sharedStrings.xml", error);
      return NULL;
    }
  while ((rc = xmlTextReaderRead (r)) == 1)
    {
      int type = xmlTextReaderNodeType (r);
      int depth = xmlTextReaderDepth (r);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (name_is (r, "si"))
            {
              if (cur != NULL)
                g_string_free (cur, TRUE);
              cur = g_string_new (NULL);
              if (xmlTextReaderIsEmptyElement (r))
                {
                  g_ptr_array_add (strings, g_string_free (cur, FALSE));
                  cur = NULL;
                }
            }
          else if (name_is (r, "rPh") && !xmlTextReaderIsEmptyElement (r))
            phonetic_depth = depth;
          else if (name_is (r, "t") && phonetic_depth < 0)
            in_t = !xmlTextReaderIsEmptyElement (r);
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (name_is (r, "si") && cur != NULL)
            {
              g_ptr_array_add (strings, g_string_free (cur, FALSE));
              cur = NULL;
            }
          else if (name_is (r, "rPh") && depth == phonetic_depth)
            phonetic_depth = -1;
          else if (name_is (r, "t"))
            in_t = FALSE;
        }
      else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                type == XML_READER_TYPE_CDATA) && in_t && cur != NULL)
        {
          const xmlChar *v = xmlTextReaderConstValue (r);
          if (v != NULL)
            g_string_append (cur, (const char *) v);
          if (cur->len > 32768)
            {
              g_string_truncate (cur, 32768);   /* Excel's own limit for a cell */
            }
        }
    }
  xmlFreeTextReader (r);
  if (cur != NULL)
    g_string_free (cur, TRUE);
  if (rc != 0)
    {
      xml_failed ("xl/sharedStrings.xml", error);
      return NULL;
    }
  return g_steal_pointer (&strings);
}

/* The first worksheet's part: the workbook's first <sheet>, through its
 * relation; else xl/worksheets/sheet1.xml. */
static char *
first_sheet_part (GHashTable *parts)
{
  GBytes *wb = g_hash_table_lookup (parts, "xl/workbook.xml");
  GBytes *rels = g_hash_table_lookup (parts, "xl/_rels/workbook.xml.rels");
  g_autofree char *rid = NULL;
  char *target = NULL;
  xmlTextReaderPtr r;

  if (wb != NULL && (r = xml_reader (wb)) != NULL)
    {
      while (rid == NULL && xmlTextReaderRead (r) == 1)
        if (xmlTextReaderNodeType (r) == XML_READER_TYPE_ELEMENT && name_is (r, "sheet"))
          {
            xmlChar *v = xmlTextReaderGetAttributeNs (r, (const xmlChar *) "id",
              (const xmlChar *) "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            rid = g_strdup (v ? (const char *) v : "");
            xmlFree (v);
          }
      xmlFreeTextReader (r);
    }
  if (rid != NULL && *rid != '\0' && rels != NULL && (r = xml_reader (rels)) != NULL)
    {
      while (target == NULL && xmlTextReaderRead (r) == 1)
        if (xmlTextReaderNodeType (r) == XML_READER_TYPE_ELEMENT && name_is (r, "Relationship"))
          {
            g_autofree char *id = attr (r, "Id");
            if (g_strcmp0 (id, rid) == 0)
              {
                g_autofree char *t = attr (r, "Target");
                if (t != NULL)
                  target = t[0] == '/' ? g_strdup (t + 1) : g_strconcat ("xl/", t, NULL);
              }
          }
      xmlFreeTextReader (r);
    }
  if (target != NULL && g_hash_table_contains (parts, target))
    return target;
  g_free (target);
  return g_strdup ("xl/worksheets/sheet1.xml");
}

/* "B12" → column 1; −1 when it names none. */
static int
cell_ref_column (const char *ref)
{
  char letters[8];
  guint n = 0;

  if (ref == NULL)
    return -1;
  while (g_ascii_isalpha (ref[n]) && n < sizeof letters - 1)
    {
      letters[n] = ref[n];
      n++;
    }
  letters[n] = '\0';
  return ciro_sheet_column_index (letters);
}

static gboolean
read_worksheet (CiroSheet *self, const char *part, GBytes *data, GPtrArray *strings, GError **error)
{
  xmlTextReaderPtr r = xml_reader (data);
  Row *row = NULL;
  guint next_row = 1;
  int next_col = 0;
  g_autofree char *type = NULL;
  int col = -1;
  GString *value = NULL;
  gboolean in_value = FALSE;
  gboolean ok = TRUE;
  int rc;

  if (r == NULL)
    return xml_failed (part, error);
  while (ok && sheet_wants_more (self) && (rc = xmlTextReaderRead (r)) == 1)
    {
      int node = xmlTextReaderNodeType (r);

      if (node == XML_READER_TYPE_ELEMENT)
        {
          if (name_is (r, "row"))
            {
              g_autofree char *n = attr (r, "r");
              guint64 number = n ? g_ascii_strtoull (n, NULL, 10) : next_row;

              if (number == 0 || number > G_MAXUINT)
                number = next_row;
              next_row = (guint) number + 1;
              next_col = 0;
              if (row != NULL)
                row_free (row);
              row = row_new ((guint) number);
              if (xmlTextReaderIsEmptyElement (r))
                g_clear_pointer (&row, row_free);
            }
          else if (name_is (r, "c") && row != NULL)
            {
              g_autofree char *ref = attr (r, "r");
              g_free (type);
              type = attr (r, "t");
              col = ref ? cell_ref_column (ref) : next_col;
              if (col < 0)
                col = next_col;
              next_col = col + 1;
              if (value != NULL)
                g_string_free (value, TRUE);
              value = xmlTextReaderIsEmptyElement (r) ? NULL : g_string_new (NULL);
            }
          else if ((name_is (r, "v") || name_is (r, "t")) && value != NULL)
            in_value = !xmlTextReaderIsEmptyElement (r);
        }
      else if (node == XML_READER_TYPE_END_ELEMENT)
        {
          if (name_is (r, "v") || name_is (r, "t"))
            in_value = FALSE;
          else if (name_is (r, "c") && value != NULL && row != NULL)
            {
              char *text = NULL;
              gboolean number = FALSE;

              if (g_strcmp0 (type, "s") == 0)
                {
                  guint64 i = g_ascii_strtoull (value->str, NULL, 10);
                  if (strings == NULL || value->len == 0 || i >= strings->len)
                    {
                      g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_FORMAT,
                                   _("The workbook is damaged: row %u names a text it does not hold"),
                                   row->number);
                      ok = FALSE;
                      break;
                    }
                  text = g_strdup (strings->pdata[i]);
                }
              else
                {
                  number = type == NULL || g_strcmp0 (type, "n") == 0;
                  text = g_strdup (value->str);
                  if (number)
                    g_strstrip (text);
                }
              g_string_free (value, TRUE);
              value = NULL;
              ok = row_set (self, row, (guint) col, text, number && *text != '\0', error);
            }
          else if (name_is (r, "row") && row != NULL)
            {
              gboolean any = FALSE;
              for (guint i = 0; i < row->cells->len; i++)
                if (g_array_index (row->cells, Cell, i).text != NULL &&
                    *g_array_index (row->cells, Cell, i).text != '\0')
                  any = TRUE;
              if (any)
                ok = sheet_add_row (self, row, error);
              else
                row_free (row);
              row = NULL;
            }
        }
      else if ((node == XML_READER_TYPE_TEXT || node == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                node == XML_READER_TYPE_CDATA) && in_value && value != NULL)
        {
          const xmlChar *v = xmlTextReaderConstValue (r);
          if (v != NULL && value->len < 32768)
            g_string_append (value, (const char *) v);
        }
    }
  xmlFreeTextReader (r);
  if (row != NULL)
    row_free (row);
  if (value != NULL)
    g_string_free (value, TRUE);
  if (!ok)
    return FALSE;
  if (sheet_wants_more (self) && rc != 0)
    return xml_failed (part, error);
  return TRUE;
}

static gpointer
init_xml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

static gboolean
read_xlsx (CiroSheet *self, const char *path, GError **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr(GHashTable) parts = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  g_autofree char *sheet = NULL;
  GBytes *data;

  g_once (&once, init_xml, NULL);
  parts = read_parts (path, error);
  if (parts == NULL)
    return FALSE;
  sheet = first_sheet_part (parts);
  data = g_hash_table_lookup (parts, sheet);
  if (data == NULL)
    {
      g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_FORMAT,
                   _("%s is not a readable XLSX workbook: it holds no worksheet"), path);
      return FALSE;
    }
  strings = read_shared_strings (g_hash_table_lookup (parts, "xl/sharedStrings.xml"), error);
  if (strings == NULL)
    return FALSE;
  return read_worksheet (self, sheet, data, strings, error);
}

/* ------------------------------------------------------------ reading */

CiroSheet *
ciro_sheet_read (const char *path, guint max_rows, GError **error)
{
  g_autoptr(CiroSheet) self = sheet_new (max_rows);
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local = NULL;
  const char *bytes;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, &local);
  if (file == NULL)
    {
      g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_READ, _("Cannot read %s: %s"), path, local->message);
      return NULL;
    }
  len = g_mapped_file_get_length (file);
  bytes = g_mapped_file_get_contents (file);
  if ((gint64) len > CIRO_SHEET_MAX_BYTES)
    {
      g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_TOO_BIG, _("%s is larger than Ciro reads"), path);
      return NULL;
    }
  if (len >= 4 && memcmp (bytes, "PK\x03\x04", 4) == 0)
    {
      self->xlsx = TRUE;
      if (!read_xlsx (self, path, error))
        return NULL;
    }
  else
    {
      g_autofree char *text = NULL;

      if (len > 0 && memchr (bytes, '\0', len) != NULL)
        {
          g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_FORMAT,
                       _("%s is neither a CSV file nor an XLSX workbook"), path);
          return NULL;
        }
      if (g_utf8_validate_len (bytes, len, NULL))
        text = g_strndup (bytes, len);
      else
        {
          /* what Excel writes on a Turkish Windows */
          text = g_convert (bytes, (gssize) len, "UTF-8", "WINDOWS-1254", NULL, NULL, NULL);
          if (text == NULL)
            {
              g_set_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_FORMAT,
                           _("%s is neither a CSV file nor an XLSX workbook"), path);
              return NULL;
            }
        }
      if (!read_csv (self, g_str_has_prefix (text, "\xEF\xBB\xBF") ? text + 3 : text, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

gboolean
ciro_sheet_is_xlsx (const CiroSheet *self)
{
  return self->xlsx;
}

guint
ciro_sheet_n_rows (const CiroSheet *self)
{
  return self->rows->len;
}

guint
ciro_sheet_n_columns (const CiroSheet *self)
{
  return self->n_columns;
}

guint
ciro_sheet_row_number (const CiroSheet *self, guint row)
{
  g_return_val_if_fail (row < self->rows->len, 0);
  return ((Row *) self->rows->pdata[row])->number;
}

guint
ciro_sheet_row_length (const CiroSheet *self, guint row)
{
  g_return_val_if_fail (row < self->rows->len, 0);
  return ((Row *) self->rows->pdata[row])->cells->len;
}

static const Cell *
cell_at (const CiroSheet *self, guint row, guint column)
{
  const Row *r;

  g_return_val_if_fail (row < self->rows->len, NULL);
  r = self->rows->pdata[row];
  return column < r->cells->len ? &g_array_index (r->cells, Cell, column) : NULL;
}

const char *
ciro_sheet_cell (const CiroSheet *self, guint row, guint column)
{
  const Cell *c = cell_at (self, row, column);
  return c != NULL && c->text != NULL ? c->text : "";
}

gboolean
ciro_sheet_cell_is_number (const CiroSheet *self, guint row, guint column)
{
  const Cell *c = cell_at (self, row, column);
  return c != NULL && c->number;
}
