#!/usr/bin/env python3
# Writes the fuzz targets' seed corpora (tests/fuzz/corpus/<target>/) from
# the pages of the loopback mock of the Sentos API (`ciro-cli mock`), with
# its quirks and a few of its faults, plus the values found in them.
#
#   tests/fuzz/make-seeds.py _build/src/cli/ciro-cli
#
# The demo seller is fixed (seed, sizes, CIRO_NOW), so the files come out
# the same each time; commit what changed.
#
# Copyright 2026 The Ciro authors
# SPDX-License-Identifier: GPL-3.0-or-later
import base64
import json
import os
import shutil
import subprocess
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, 'corpus')

# request numbers (1-based, counting every request) that get a fault
FAULTS = {3: 'wrong-types', 7: 'truncated', 12: 'repeat-page', 16: 'wrong-types'}


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: make-seeds.py PATH/TO/ciro-cli')
    cli = sys.argv[1]
    env = dict(os.environ, CIRO_NOW='2025-06-15 12:00:00', LC_ALL='C.UTF-8')
    plan = ','.join('%d:%s' % kv for kv in sorted(FAULTS.items()))
    mock = subprocess.Popen([cli, 'mock', '--products', '6', '--orders', '60', '--seed', '7',
                             '--faults', plan], stdout=subprocess.PIPE, env=env, text=True)
    try:
        url = mock.stdout.readline().strip()
        if not url.startswith('http://127.0.0.1:'):
            sys.exit('ciro-cli mock did not give its address')
        write_corpora(url)
    finally:
        mock.terminate()
        mock.wait(timeout=10)


def fetch(url, path):
    req = urllib.request.Request(url + path, headers={
        'Authorization': 'Basic ' + base64.b64encode(b'demo:demo').decode(),
        'Accept': 'application/json'})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.read()


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode('utf-8'))


def values(node, keys, out):
    """Every scalar under one of `keys`, as the text it came as."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in keys and isinstance(v, (str, int, float)) and not isinstance(v, bool):
                out.append(v if isinstance(v, str) else json.dumps(v))
            values(v, keys, out)
    elif isinstance(node, list):
        for v in node:
            values(v, keys, out)


def unique(items, limit):
    seen = []
    for i in items:
        if i not in seen:
            seen.append(i)
    return seen[:limit]


def write_corpora(url):
    for target in ('json-reader', 'products-page', 'orders-page', 'numbers', 'dates', 'text', 'page-store'):
        shutil.rmtree(os.path.join(CORPUS, target), ignore_errors=True)

    # the request order decides which pages get the faults above
    pages = []
    for n in range(1, 7):
        size = 2 if n % 2 else 3
        pages.append(('products', n, size, fetch(url, '/products?page=%d&size=%d' % (n, size))))
    for n in range(1, 11):
        size = 2 if n % 2 else 3
        pages.append(('orders', n, size, fetch(url, '/orders?page=%d&size=%d' % (n, size))))

    catalogue = fetch(url, '/products?page=1&size=100')
    store_pages = [fetch(url, '/orders?page=%d&size=4' % n) for n in range(1, 9)]

    parsed = []
    for kind, n, size, body in pages:
        write(kind + '-page', '%s-p%02d-s%d.json' % (kind, n, size), body)
        if n <= 4:
            write('json-reader', '%s-p%02d-s%d.json' % (kind, n, size), body)
        try:
            parsed.append(json.loads(body))
        except ValueError:
            pass   # the truncated page

    for n, body in enumerate(store_pages, 1):
        # a products page, a form feed, an orders page
        write('page-store', 'catalogue-orders-p%02d' % n, catalogue + b'\f' + body)
    write('page-store', 'orders-only-p01', store_pages[0])

    # JSON corners the mock never writes
    for i, text in enumerate([
        '{"a":"\\u00e7\\u0131\\ud83d\\ude00\\n\\"\\\\\\/","b":[true,false,null],"c":-0.5e+3}',
        '[1,-0,0.25,1E2,123456789012345678901234567890,-9223372036854775808]',
        '"\\u0000\\ud800x\xff"',
        '{"data":[{"id":"42","order_date":"2025-01-02T03:04:05.678","lines":[{}]}],"data":[]}',
        '  [ [ [ { } ] ] ] \n',
    ]):
        write('json-reader', 'corner-%d.json' % i, text.encode('utf-8', 'surrogateescape')
              if '\xff' not in text else text.encode('latin-1'))

    numbers, dates, texts = [], [], []
    for page in parsed:
        values(page, {'purchase_price', 'sale_price', 'total', 'shipping_total', 'carrying_charge',
                      'service_fee', 'price', 'discount', 'amount', 'quantity', 'stock', 'vat_rate'}, numbers)
        values(page, {'order_date', 'created_at', 'updated_at'}, dates)
        values(page, {'sku', 'name', 'source', 'city', 'district', 'color', 'brand', 'category', 'shop'}, texts)

    numbers = unique(numbers, 30) + [
        '1.249,90', '1,249.90', '39,90', '1.234.567', '₺ 12', '-₺12', '12,5 TL', '−₺1.234,56',
        '92233720368547758.07', '-0.005', '1e3', '0.125', '\u00a01\u202f234,5\u00a0', '1..2', ',5,0',
    ]
    for i, v in enumerate(numbers):
        write('numbers', 'n%02d' % i, v)

    dates = unique(dates, 20) + [
        '2025-10-17T14:32:05', '2024-02-29 23:59:59.123', '2025-02-29 00:00', ' 2025-01-01 00:00 ',
        '0001-01-01', '9999-12-31 23:59:59', '2025-13-01',
        # twelve bytes read as a year, a month and a day
        '\xe9\x07\x00\x00\x02\x00\x00\x00\x1d\x00\x00\x00',
    ]
    for i, v in enumerate(dates):
        write('dates', 'd%02d' % i, v.encode('latin-1') if v.startswith('\xe9') else v.encode('utf-8'))

    texts = unique(texts, 30) + [
        'İstanbul', 'ıIiİ', 'I\u0307', 'S00004064', ' byk-7 ', '000', '144236Siyah',
        'BYK-23Y-301320Lacivert', 'BYK-25Y-101-8-M49-R42', '194938-M41-R15', 'ÇIÇEKSEPETI', 'LCW',
        'Straße ß', '\u2003 boşluk \u3000', 'bad \xff utf8',
    ]
    for i, v in enumerate(texts):
        write('text', 't%02d' % i, v.encode('latin-1') if '\xff' in v else v.encode('utf-8'))


if __name__ == '__main__':
    main()
