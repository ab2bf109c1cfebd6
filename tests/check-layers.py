#!/usr/bin/python3
"""Ciro's layers, read from the source tree so that they cannot quietly
erode:

- SQL lives in src/store/ and src/analytics/ only: no file of src/ui,
  src/sync, src/export, src/cli, src/charts or src/demo holds SQL text,
  names SQLite's API or reaches for the store's connection
  (ciro-store-sql.h, ciro-store-private.h, ciro_store_prepare/exec/get_db);
- <sqlite3.h> is included in src/ by src/store/ and src/analytics/ only,
  and no public store header other than ciro-store-sql.h brings it in;
- nothing below src/ui/ includes GTK, GDK, GSK or libadwaita;
- src/ui/ reads no JSON (json-glib);
- an order's cancelled status is CIRO_ORDER_STATUS_CANCELLED, never the
  number written out.

The first test feeds each rule a line that breaks it and one that does not,
so that a rule that matches nothing fails here rather than passing forever.

usage: check-layers.py SOURCE_ROOT
Prints TAP.
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, 'src')

SQL_FREE = ['ui', 'sync', 'export', 'cli', 'charts', 'demo']
SQL_ALLOWED = ['store', 'analytics']
# headers of the store meant for store/ and analytics/ (and the tests) only
STORE_PRIVATE_HEADERS = {'ciro-store-sql.h', 'ciro-store-private.h'}

# SQL as Ciro writes it: keywords in capitals
SQL_RE = re.compile(
    r'\bSELECT\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b'
    r'|\bPRAGMA\b|\bWHERE\b|\bJOIN\b|\b(?:CREATE|DROP|ALTER)\s+(?:TEMP\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\b'
    r'|\bBEGIN\s+(?:IMMEDIATE|EXCLUSIVE|DEFERRED|TRANSACTION)\b|\bROLLBACK\b|\bVACUUM\b|\bATTACH\b')
SQLITE_API_RE = re.compile(r'\bsqlite3\w*|\bSQLITE_\w+')
STORE_SQL_RE = re.compile(r'#\s*include\s*[<"][^>"]*(?:ciro-store-sql|ciro-store-private)\.h[>"]'
                          r'|\bciro_store_(?:prepare|exec|get_db|set_error)\s*\(')
SQLITE_INCLUDE_RE = re.compile(r'#\s*include\s*[<"]sqlite3\.h[>"]')
GTK_INCLUDE_RE = re.compile(r'#\s*include\s*<(?:gtk|gdk|gsk|adwaita|libadwaita)[/.]')
JSON_RE = re.compile(r'#\s*include\s*<json-glib/|\bJson(?:Parser|Node|Object|Array|Reader|Builder|Generator)\b')
# `status == 6`, `6 != o->status`, `status = 6` / `status <> 6` in SQL text
STATUS_NUMBER_RE = re.compile(r'\bstatus\s*(?:==|!=|<>|=)\s*6\b|\b6\s*(?:==|!=|<>|=)\s*[\w.>-]*status\b')


def strip_comments(text):
    """C comments out, string literals kept (SQL is in the strings)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append('\n' * text.count('\n', i, j))
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text[i] in '"\'':
            q = text[i]
            j = i + 1
            while j < n and text[j] != q and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return ''.join(out)


def sources(top):
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(('.c', '.h')):
                yield os.path.join(dirpath, name)


def layer_of(path):
    return os.path.relpath(path, SRC).split(os.sep)[0]


def hits(regex, text, path):
    found = []
    for lineno, line in enumerate(text.split('\n'), 1):
        m = regex.search(line)
        if m:
            found.append('%s:%d: %s' % (os.path.relpath(path, ROOT), lineno, m.group(0)))
    return found


def check_sql_free(path, code):
    if layer_of(path) not in SQL_FREE:
        return []
    return hits(SQL_RE, code, path) + hits(SQLITE_API_RE, code, path) + hits(STORE_SQL_RE, code, path)


def check_sqlite_include(path, code):
    layer = layer_of(path)
    if layer in SQL_ALLOWED and not (layer == 'store' and path.endswith('.h')
                                     and os.path.basename(path) not in STORE_PRIVATE_HEADERS):
        return []
    return hits(SQLITE_INCLUDE_RE, code, path)


def check_no_gtk_below_ui(path, code):
    if layer_of(path) == 'ui':
        return []
    return hits(GTK_INCLUDE_RE, code, path)


def check_no_json_in_ui(path, code):
    if layer_of(path) != 'ui':
        return []
    return hits(JSON_RE, code, path)


def check_status_number(path, code):
    return hits(STATUS_NUMBER_RE, code, path)


RULES = [
    ('no SQL or SQLite in ui, sync, export, cli, charts, demo', check_sql_free),
    ('<sqlite3.h> only in store/ and analytics/, not in public store headers', check_sqlite_include),
    ('no GTK, GDK or libadwaita below src/ui', check_no_gtk_below_ui),
    ('no JSON in src/ui', check_no_json_in_ui),
    ('the cancelled status by name, not by number', check_status_number),
]

# (rule, path under src/, a line that breaks it, a line that does not)
SELF_TESTS = [
    (check_sql_free, 'sync/x.c', 'p = prep (s, "SELECT 1 FROM marketplaces WHERE name = ?1");',
     'g_message ("Select a marketplace from the list");'),
    (check_sql_free, 'ui/x.c', '"INSERT INTO costs (sku) VALUES (?1)"', 'insert_into_list (row);'),
    (check_sql_free, 'cli/x.c', 'ok = ciro_store_exec (store, sql, error);', 'ok = ciro_store_commit (store, error);'),
    (check_sql_free, 'export/x.c', 'sqlite3_step (stmt);', '/* SQLite\'s quick_check failed */'),
    (check_sql_free, 'export/x.c', '#include "store/ciro-store-sql.h"', '#include "store/ciro-store.h"'),
    (check_sql_free, 'demo/x.c', 'ciro_store_exec (s, "PRAGMA journal_mode = WAL", NULL);', 'ciro_store_use_large_wal (s, NULL);'),
    (check_sqlite_include, 'store/ciro-store.h', '#include <sqlite3.h>', '#include <gio/gio.h>'),
    (check_sqlite_include, 'sync/x.c', '#include <sqlite3.h>', '#include "store/ciro-store.h"'),
    (check_no_gtk_below_ui, 'export/x.c', '#include <gtk/gtk.h>', '#include <cairo.h>'),
    (check_no_gtk_below_ui, 'analytics/x.c', '#include <adwaita.h>', '#include <gio/gio.h>'),
    (check_no_json_in_ui, 'ui/x.c', '#include <json-glib/json-glib.h>', '#include <adwaita.h>'),
    (check_status_number, 'export/x.c', 'if (o->status == 6)', 'if (o->status == CIRO_ORDER_STATUS_CANCELLED)'),
    (check_status_number, 'store/x.c', '" WHERE o.status <> 6"', '" WHERE o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL'),
]


def main():
    tests = []

    def self_test():
        bad = []
        for rule, rel, breaks, keeps in SELF_TESTS:
            path = os.path.join(SRC, rel)
            if not rule(path, strip_comments(breaks)):
                bad.append('%s missed: %s' % (rule.__name__, breaks))
            if rule(path, strip_comments(keeps)):
                bad.append('%s flagged: %s' % (rule.__name__, keeps))
        return bad

    tests.append(('each rule catches a line that breaks it, and only that', self_test))
    files = [(p, strip_comments(open(p, encoding='utf-8').read())) for p in sources(SRC)]
    if len(files) < 50:
        print('Bail out! only %d sources under %s' % (len(files), SRC))
        return 1
    for title, rule in RULES:
        tests.append((title, lambda rule=rule: [h for p, code in files for h in rule(p, code)]))

    print('1..%d' % len(tests))
    failed = 0
    for i, (title, run) in enumerate(tests, 1):
        problems = run()
        if problems:
            failed += 1
            print('not ok %d - %s' % (i, title))
            for p in problems:
                print('# ' + p)
        else:
            print('ok %d - %s' % (i, title))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
