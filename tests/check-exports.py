#!/usr/bin/python3
"""Every report as CSV and XLSX, in English and in Turkish, over 90 days and
two years, read back by readers that are not Ciro's: openpyxl for the
workbooks (values, formats, formulas and their stored values, widths,
filters) and LibreOffice headless, which converts each workbook and each CSV
to CSV as a real spreadsheet reads them, once as the file opens and once
with every formula recalculated. Every figure is tied to `ciro-cli report`
(JSON, C locale) or to SQL run here on the store itself.

usage: check-exports.py CIRO_CLI LOCALEDIR
Prints TAP.
"""
import csv
import io
import json
import math
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, timedelta

import openpyxl

csv.field_size_limit(1 << 24)

CLI, LOCALEDIR = sys.argv[1], sys.argv[2]
NOW = "2026-11-20 15:00:00"
TODAY = date(2026, 11, 20)
WINDOWS = {"90d": (TODAY - timedelta(days=89), TODAY), "2y": (date(2024, 11, 21), TODAY)}
KINDS = ["sales", "products", "pnl", "platforms", "customers"]
LANGS = {"en": {"LC_ALL": "C.UTF-8"},
         "tr": {"LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8", "CIRO_LOCALEDIR": LOCALEDIR}}
SOLD = {"en": "Sold", "tr": "Satıldı"}
CANCELLED = {"en": "Cancelled/returned", "tr": "İptal/İade"}
HOSTILE = {
    "name": '=HYPERLINK("http://example.invalid/x","click")',
    "email": "+cmd|' /C calc'!A0",
    "phone": "@SUM(1+1)",
}
ZERO_PHONE = "05321234567"
LONG_SKU = "L" * 1_000_000

tests = 0
failures = 0


def ok(cond, what):
    global tests, failures
    tests += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (tests, what), flush=True)
    if not cond:
        failures += 1
    return cond


def run(args, lang="en", check=True):
    env = dict(os.environ, CIRO_NOW=NOW, **LANGS[lang])
    env.pop("CIRO_DB", None)
    r = subprocess.run([CLI] + args, env=env, capture_output=True, text=True)
    if check and r.returncode != 0:
        raise SystemExit("ciro-cli %s failed: %s" % (" ".join(args), r.stderr))
    return r


# the stored names of the marketplaces Sentos gave no name for, and those
# past the limit, as a person reads them in each language
SHOWN = {"Bilinmeyen": {"en": "Unknown", "tr": "Bilinmeyen"}, "Diğer": {"en": "Other", "tr": "Diğer"}}


def shown(name, lang):
    return SHOWN.get(name, {}).get(lang, name)


def kurus(x):
    """Money of any reader (float, "1234,5", "1.234,56") as integer kuruş."""
    if isinstance(x, (int, float)):
        return round(x * 100)
    s = str(x).replace("₺", "").replace("\u00a0", "").strip()
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
    elif "," in s:
        s = s.replace(",", ".")
    return round(float(s) * 100)


def money_json(v):
    return round(v * 100)


work = tempfile.mkdtemp(prefix="ciro-exports-")
db = os.path.join(work, "store.db")
run(["demo", "--db", db, "--orders", "9000", "--products", "250"])

# A store's text comes from buyers and marketplaces: some of it hostile, one
# SKU a megabyte long, a phone with its leading zero.
con = sqlite3.connect(db)
d0 = (WINDOWS["90d"][0] - date(1970, 1, 1)).days
customers = [r[0] for r in con.execute(
    "SELECT customer_id FROM orders WHERE day >= ? AND customer_id IS NOT NULL AND status <> 6"
    " GROUP BY customer_id ORDER BY customer_id LIMIT 3", (d0,))]
con.execute("UPDATE customers SET name = ?, email = ?, phone = ? WHERE id = ?",
            (HOSTILE["name"], HOSTILE["email"], HOSTILE["phone"], customers[0]))
con.execute("UPDATE customers SET phone = ? WHERE id = ?", (ZERO_PHONE, customers[1]))
con.execute("UPDATE customers SET name = ? WHERE id = ?", ("-2+3", customers[2]))
long_line = con.execute("SELECT order_id, pos FROM order_lines WHERE order_id IN"
                        " (SELECT id FROM orders WHERE day >= ?) ORDER BY order_id LIMIT 1", (d0,)).fetchone()
con.execute("UPDATE order_lines SET sku = ? WHERE order_id = ? AND pos = ?", (LONG_SKU,) + long_line)
con.commit()


def summary(win):
    a, b = WINDOWS[win]
    return json.loads(run(["report", "summary", "--db", db, "--format", "json",
                           "--from", str(a), "--to", str(b)]).stdout)


def report(kind, win, *extra):
    a, b = WINDOWS[win]
    return json.loads(run(["report", kind, "--db", db, "--format", "json",
                           "--from", str(a), "--to", str(b)] + list(extra)).stdout)


def customers_sql(win):
    a, b = (d - date(1970, 1, 1) for d in WINDOWS[win])
    rows = con.execute(
        "SELECT cu.name, sum(o.status <> 6), sum(o.status = 6),"
        " sum(CASE WHEN o.status <> 6 THEN o.shipping_total + (SELECT coalesce(sum(amount), 0)"
        "  FROM order_lines WHERE order_id = o.id) ELSE 0 END)"
        " FROM orders o JOIN customers cu ON cu.id = o.customer_id WHERE o.day BETWEEN ? AND ?"
        " GROUP BY cu.id", (a.days, b.days)).fetchall()
    return rows


def export(kind, fmt, lang, win):
    a, b = WINDOWS[win]
    path = os.path.join(work, "%s-%s-%s.%s" % (kind, lang, win, fmt))
    r = run(["export", kind, "--db", db, "--format", fmt, "--output", path,
             "--from", str(a), "--to", str(b)], lang=lang)
    # nothing on stderr: libxlsxwriter's own lines never reach the user
    ok(r.stderr.strip() == "", "%s: nothing on stderr (%r)" % (os.path.basename(path), r.stderr[:200]))
    return path


# ------------------------------------------------------------ tables


def split_table(rows):
    """header, data rows, totals rows (after the first empty row)"""
    rows = [list(r) for r in rows]
    header = rows[0]
    data, totals = [], []
    i = 1
    while i < len(rows) and any(c not in (None, "") for c in rows[i]):
        data.append(rows[i])
        i += 1
    totals = [r for r in rows[i:] if any(c not in (None, "") for c in r)]
    return header, data, totals


def status_sums(header, data, lang, money):
    """sums per status of the sales columns: {status: {column name: kuruş or count}}"""
    st = header.index(header[4])
    out = {"sold": {}, "cancelled": {}}
    orders = {"sold": set(), "cancelled": set()}
    for r in data:
        key = "sold" if r[st] == SOLD[lang] else "cancelled"
        ok_status = r[st] in (SOLD[lang], CANCELLED[lang])
        if not ok_status:
            raise SystemExit("unknown status %r" % r[st])
        orders[key].add((str(r[0])[:10], r[1]))
        for c in (7, 9, 10, 11, 12, 13):
            v = r[c]
            if v in (None, ""):
                continue
            add = int(v) if c == 7 else money(v)
            out[key][c] = out[key].get(c, 0) + add
    return out, orders


def check_sales_ties(sums, orders, s, what):
    sold, canc = sums["sold"], sums["cancelled"]
    g = lambda d, c: d.get(c, 0)
    ok(g(sold, 7) == s["net_units"], what + ": sold quantity = net_units")
    ok(g(sold, 7) + g(canc, 7) == s["gross_units"], what + ": all quantity = gross_units")
    ok(g(sold, 9) + g(sold, 10) == money_json(s["net_revenue"]), what + ": sold amount + shipping = net_revenue")
    ok(g(canc, 9) + g(canc, 10) == money_json(s["cancel_return_revenue"]),
       what + ": cancelled amount + shipping = cancel_return_revenue")
    ok(g(sold, 9) + g(sold, 10) + g(canc, 9) + g(canc, 10) == money_json(s["gross_revenue"]),
       what + ": all amount + shipping = gross_revenue")
    ok(g(sold, 10) == money_json(s["shipping_income"]), what + ": shipping = shipping_income")
    ok(g(sold, 11) == money_json(s["product_cost"]), what + ": cost = product_cost")
    ok(g(sold, 12) == money_json(s["commission"]), what + ": commission = commission")
    ok(g(sold, 13) == money_json(s["shipping_expense"]), what + ": shipping expense = shipping_expense")
    ok(g(canc, 11) == 0 and g(canc, 12) == 0 and g(canc, 13) == 0, what + ": cancelled rows cost nothing")
    ok(len(orders["sold"]) == s["net_orders"], what + ": sold orders = net_orders (orders without lines too)")
    ok(len(orders["cancelled"]) == s["cancel_return_orders"], what + ": cancelled orders = cancel_return_orders")


# ------------------------------------------------------------ XLSX

NUM_RE = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
BAD_SHEET = re.compile(r"[/\\?*\[\]:]")


def xlsx_raw_numbers_ok(path):
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode()
                for v in re.findall(r"<v>([^<]*)</v>", xml):
                    if not NUM_RE.match(v):
                        return "%s: <v>%s</v>" % (name, v)
                for w in re.findall(r'width="([^"]*)"', xml):
                    if not NUM_RE.match(w):
                        return "%s: width=%s" % (name, w)
    return None


def shown_chars(v, fmt):
    if v is None:
        return 0
    if isinstance(v, str):
        return len(v)
    if hasattr(v, "hour"):
        return 19 if "hh" in fmt else 10
    if "%" in fmt:
        return len("%.2f%%" % (v * 100))
    if "0.00" in fmt:
        return len("{:,.2f}".format(v)) + (2 if "₺" in fmt else 0)
    return len("{:,.0f}".format(v))


def check_xlsx(path, kind, lang, win, s, refs):
    name = os.path.basename(path)
    bad = xlsx_raw_numbers_ok(path)
    ok(bad is None, name + ": every number and width is written with a decimal point (%s)" % bad)
    wb = openpyxl.load_workbook(path)
    wv = openpyxl.load_workbook(path, data_only=True)
    names = wb.sheetnames
    ok(all(not BAD_SHEET.search(n) and len(n) <= 31 for n in names)
       and len({n.casefold() for n in names}) == len(names), name + ": valid sheet names %r" % names)
    # the summary sheet: what, when, where, and the window's figures
    sv = wv.worksheets[0]
    cells = {r[0]: r[1] for r in sv.iter_rows(values_only=True) if r and r[0]}
    a, b = WINDOWS[win]
    ok(any(isinstance(v, str) and str(a) in v and str(b) in v for v in cells.values()),
       name + ": the summary names the days")
    labels = {"en": ("Net revenue", "Gross orders", "Profit margin"), "tr": ("Net Ciro", "Brüt Sipariş", "Kâr Marjı")}[lang]
    ok(kurus(cells.get(labels[0])) == money_json(s["net_revenue"]), name + ": summary net revenue")
    ok(cells.get(labels[1]) == s["gross_orders"], name + ": summary gross orders")
    ok(abs(cells.get(labels[2]) - round(s["margin_pct"], 2) / 100) < 1e-9, name + ": summary margin as a ratio")
    pl = {"en": ("Profit after VAT", "VAT payable"), "tr": ("KDV Sonrası Kâr", "Ödenecek KDV")}[lang]
    ok(kurus(cells.get(pl[0])) == money_json(s["profit_ex_vat"]), name + ": summary profit after KDV")
    ok(kurus(cells.get(pl[1])) == money_json(s["vat_payable"]), name + ": summary KDV payable")

    ws, wsv = wb.worksheets[1], wv.worksheets[1]
    header, data, _ = split_table(ws.iter_rows(values_only=True))
    _, vdata, vtotals = split_table(wsv.iter_rows(values_only=True))
    last = len(data) + 1
    ncol = len(header)
    col = openpyxl.utils.get_column_letter
    if kind == "pnl":
        ok(ws.freeze_panes == "B2", name + ": label column and header frozen")
    else:
        ok(ws.freeze_panes == "A2", name + ": header frozen")
        ok(ws.auto_filter.ref == "A1:%s%d" % (col(ncol), last),
           name + ": filter over the data rows only (%s)" % ws.auto_filter.ref)
    # widths fit what each column shows (up to a 60-character cap)
    first_data = list(ws.iter_rows(min_row=2, max_row=2))[0] if data else []
    narrow = []
    for c in range(ncol):
        fmt = first_data[c].number_format if first_data else "General"
        need = max([len(str(header[c]))] + [shown_chars(r[c], fmt) for r in vdata[:5000]])
        if c == 0 and ncol > 1:
            # a totals label beside a total must not be cut
            need = max([need] + [len(r[0]) for r in vtotals if r[0] and r[1] is not None])
        width = ws.column_dimensions[col(c + 1)].width
        if width + 0.01 < min(need, 60):
            narrow.append((header[c], width, need))
    ok(not narrow, name + ": columns as wide as their content %r" % narrow[:3])

    fmts = {c: first_data[c].number_format for c in range(ncol)} if first_data else {}
    if kind == "sales":
        sums, orders = status_sums(header, vdata, lang, kurus)
        check_sales_ties(sums, orders, s, name)
        ok("₺" in fmts[9] and "₺" in fmts[13] and fmts[7] == "#,##0", name + ": money and count formats")
        ok(len(vtotals) == 3, name + ": three totals rows")
        ftot = [list(r) for r in ws.iter_rows(min_row=last + 2, max_row=last + 4, values_only=True)]
        for c in (7, 9, 10, 11, 12, 13):
            L = col(c + 1)
            ok(ftot[0][c] == "=SUBTOTAL(109,$%s$2:$%s$%d)" % (L, L, last), name + ": %s SUBTOTAL over the rows" % L)
            ok(ftot[1][c].startswith("=SUMIFS($%s$2:$%s$%d,$E$2:$E$%d," % (L, L, last, last)),
               name + ": %s SUMIFS by status" % L)
            conv = (lambda v: int(v)) if c == 7 else kurus
            allv = sums["sold"].get(c, 0) + sums["cancelled"].get(c, 0)
            ok(conv(vtotals[0][c]) == allv and conv(vtotals[1][c]) == sums["sold"].get(c, 0)
               and conv(vtotals[2][c]) == sums["cancelled"].get(c, 0),
               name + ": %s totals stored with their values" % L)
        long = [r[5] for r in vdata if isinstance(r[5], str) and r[5].startswith("LLLL")]
        if win == "90d":
            ok(len(long) >= 1 and all(len(x) <= 32767 and x.endswith("…") for x in long),
               name + ": a megabyte SKU is cut with a mark")
    elif kind == "products":
        want = {p["sku"]: p for p in refs["products"]}
        ok(len(vdata) == len(want), name + ": every product (%d)" % len(vdata))
        # an absent ratio (null in JSON: unknown cost, no sales) is an empty cell
        def same(cell, ref, scale):
            return cell in (None, "") if ref is None else cell not in (None, "") and abs(cell - ref / scale) <= 1e-9
        bad = [r[0] for r in vdata if r[0] in want and (
            kurus(r[4]) != money_json(want[r[0]]["revenue"]) or kurus(r[9]) != money_json(want[r[0]]["profit"])
            or not same(r[10], want[r[0]]["margin_pct"], 100)
            or not same(r[12], want[r[0]]["return_rate_pct"], 100)
            or not same(r[16], want[r[0]]["score"], 1))]
        ok(any(want[r[0]]["margin_pct"] is None for r in vdata if r[0] in want),
           name + ": unknown costs without a margin are among the rows")
        ok(not bad, name + ": products equal the engine's, ratios rounded alike %r" % bad[:3])
        ok("%" in fmts[10] and "%" in fmts[12], name + ": ratios in % format")
        ok(vtotals and vtotals[0][6] is None and vtotals[0][10] is None, name + ": no total under orders or ratios")
        ok(kurus(vtotals[0][4]) == money_json(s["net_revenue"]) - money_json(s["shipping_income"]),
           name + ": revenue total = net revenue without shipping")
    elif kind == "platforms":
        want = {shown(m["marketplace"], lang): m for m in refs["marketplaces"]}
        ok(all(shown(m["marketplace"], lang) in [r[0] for r in vdata] for m in refs["marketplaces"]),
           name + ": every marketplace by the name a person reads")
        bad = [r[0] for r in vdata if kurus(r[1]) != money_json(want[r[0]]["net_revenue"])
               or r[2] != want[r[0]]["net_orders"] or abs(r[8] - want[r[0]]["share_pct"] / 100) > 1e-9]
        ok(len(vdata) == len(want) and not bad, name + ": marketplaces equal the engine's %r" % bad[:3])
        ok(vtotals and vtotals[0][9] is None, name + ": no total under the rank")
        ok(kurus(vtotals[0][1]) == money_json(s["net_revenue"]) and vtotals[0][2] == s["net_orders"],
           name + ": totals = net revenue and net orders")
        ok(fmts[2] == "#,##0" and "₺" in fmts[1], name + ": grouped counts, money format")
    elif kind == "pnl":
        rows = [list(r) for r in wsv.iter_rows(values_only=True)]
        net = rows[3]
        ok(kurus(net[-1]) == money_json(s["net_revenue"]), name + ": total net revenue")
        ok(sum(kurus(v) for v in net[1:-1]) == money_json(s["net_revenue"]), name + ": months add up")
        ok(kurus(rows[8][-1]) == money_json(s["profit"]), name + ": total profit")
        ok(abs(rows[9][-1] - round(s["margin_pct"], 2) / 100) < 1e-9
           and "%" in ws.cell(row=10, column=ncol).number_format, name + ": margin in %")
        first_label = rows[0][1]
        ok((a.day == 1) == bool(re.match(r"^\d{4}-\d\d$", first_label)) and
           (a.day == 1 or first_label.startswith("%d–" % a.day)), name + ": partial month named by its days (%s)" % first_label)
    elif kind == "customers":
        sql = customers_sql(win)
        ok(len(vdata) == len(sql), name + ": every customer (%d)" % len(vdata))
        ok(sum(r[4] for r in vdata) == sum(r[1] for r in sql) and sum(r[5] for r in vdata) == sum(r[2] for r in sql),
           name + ": net and cancelled orders apart")
        ok(sum(kurus(r[6]) for r in vdata) == sum(r[3] for r in sql), name + ": net spend")
        if win == "90d":
            hostile = [r for r in data if r[0] == HOSTILE["name"]]
            cell = [c for c in ws.iter_rows(min_row=2) if c[0].value == HOSTILE["name"]]
            ok(len(hostile) == 1 and cell and cell[0][0].data_type == "s" and cell[0][1].data_type == "s",
               name + ": hostile text stays text")
            ok(any(r[2] == ZERO_PHONE for r in vdata), name + ": a phone keeps its leading zero")


# ------------------------------------------------------------ CSV


def read_csv(path, lang):
    raw = open(path, "rb").read()
    ok(raw.startswith(b"\xef\xbb\xbf"), os.path.basename(path) + ": BOM")
    text = raw[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if lang == "tr" else ","))


FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def check_csv(path, kind, lang, win, s, refs):
    name = os.path.basename(path)
    rows = read_csv(path, lang)
    header, data = rows[0], rows[1:]
    if lang == "tr":
        ok(any("," in c for r in data[:50] for c in r if re.match(r"^-?\d+,\d\d$", c)), name + ": decimal comma")
    risky = [c for r in data for c in r if FORMULA_START.match(c)
             and not re.match(r"^-\d+([.,]\d+)?$", c) and not re.match(r'^="0\d+"$', c)]
    ok(not risky, name + ": no cell a spreadsheet would run as a formula %r" % risky[:3])
    if kind == "sales":
        sums, orders = status_sums(header, [[None if c == "" else c for c in r] for r in data], lang, kurus)
        check_sales_ties(sums, orders, s, name)
    elif kind == "customers" and win == "90d":
        ok(any(r[0] == "'" + HOSTILE["name"] and r[1] == "'" + HOSTILE["email"] and r[2] == "'" + HOSTILE["phone"]
               for r in data), name + ": hostile cells neutralised with an apostrophe")
        ok(any(r[0] == "'-2+3" for r in data), name + ": a name starting with - is text")
        ok(any(r[2] == '="%s"' % ZERO_PHONE for r in data), name + ": leading zero kept for spreadsheets")
    elif kind == "products":
        want = {p["sku"]: p for p in refs["products"]}
        bad = [r[0] for r in data if r[0] in want and
               r[10].replace(",", ".") != ("" if want[r[0]]["margin_pct"] is None
                                           else "%.2f" % want[r[0]]["margin_pct"])]
        ok(not bad, name + ": ratios rounded as the JSON %r" % bad[:3])


# ------------------------------------------------------------ LibreOffice


def soffice(files, outdir, infilter=None, profile=None):
    os.makedirs(outdir, exist_ok=True)
    args = ["soffice", "--headless", "--norestore"]
    if profile:
        args.append("-env:UserInstallation=file://" + profile)
    if infilter:
        args.append("--infilter=" + infilter)
    # every sheet to its own CSV (the last token), numbers as stored
    args += ["--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1,,1033,false,true,false,false,false,-1",
             "--outdir", outdir] + files
    subprocess.run(args, capture_output=True, timeout=900,
                   env=dict(os.environ, HOME=profile or os.environ.get("HOME", "/tmp")))


def recalc_profile(path):
    """A LibreOffice profile that recalculates every formula when a file opens."""
    user = os.path.join(path, "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '</oor:items>\n')
    return path


def lo_rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.reader(f, delimiter=";"))


def check_libreoffice(xlsx, csvs, summaries):
    if shutil.which("soffice") is None:
        ok(False, "LibreOffice (soffice) is installed")
        return
    lo = os.path.join(work, "lo")
    profile = os.path.join(work, "lo-profile")
    soffice(xlsx, os.path.join(lo, "open"), profile=profile)
    soffice(xlsx, os.path.join(lo, "recalc"), profile=recalc_profile(os.path.join(work, "lo-recalc")))
    soffice([c for c in csvs if "-en-" in c], os.path.join(lo, "csv"), infilter="CSV:44,34,76,1,,1033", profile=profile)
    soffice([c for c in csvs if "-tr-" in c], os.path.join(lo, "csv"), infilter="CSV:59,34,76,1,,1055", profile=profile)
    for path in xlsx:
        base = os.path.basename(path)[:-5]
        kind, lang, win = base.split("-")
        s = summaries[win]
        outs = sorted(f for f in os.listdir(os.path.join(lo, "open")) if f.startswith(base + "-"))
        ok(len(outs) >= 2, base + ".xlsx: LibreOffice reads every sheet (%d)" % len(outs))
        if len(outs) < 2:
            continue
        wb = openpyxl.load_workbook(path, read_only=True)
        main = wb.sheetnames[1]
        summary_name = wb.sheetnames[0]
        for mode in ("open", "recalc"):
            rows = lo_rows(os.path.join(lo, mode, "%s-%s.csv" % (base, main)))
            header, data, totals = split_table([[c if c != "" else None for c in r] for r in rows])
            srows = lo_rows(os.path.join(lo, mode, "%s-%s.csv" % (base, summary_name)))
            label = {"en": "Net revenue", "tr": "Net Ciro"}[lang]
            net = [r[1] for r in srows if r and r[0] == label]
            ok(net and kurus(net[0]) == money_json(s["net_revenue"]),
               "%s.xlsx (%s): LibreOffice reads the summary's net revenue %r" % (base, mode, net[:1]))
            if kind == "sales":
                sums, orders = status_sums(header, data, lang, kurus)
                check_sales_ties(sums, orders, s, "%s.xlsx in LibreOffice (%s)" % (base, mode))
                ok(len(totals) == 3 and kurus(totals[1][9]) + kurus(totals[1][10]) == money_json(s["net_revenue"])
                   and kurus(totals[0][11]) == money_json(s["product_cost"]),
                   "%s.xlsx (%s): LibreOffice shows the totals rows" % (base, mode))
            elif kind in ("platforms", "customers", "products") and totals:
                c = {"platforms": 1, "customers": 6, "products": 4}[kind]
                ok(kurus(totals[0][c]) == sum(kurus(r[c]) for r in data),
                   "%s.xlsx (%s): LibreOffice's total equals its rows" % (base, mode))
    for path in csvs:
        base = os.path.basename(path)[:-4]
        kind, lang, win = base.split("-")
        # a CSV is a workbook of one sheet named after the file
        out = os.path.join(lo, "csv", "%s-%s.csv" % (base, base))
        if not ok(os.path.exists(out), base + ".csv: LibreOffice reads it"):
            continue
        with open(out, encoding="utf-8") as f:
            raw = f.read().splitlines()
        rows = lo_rows(out)
        ours = read_csv(path, lang)
        ok(len(rows) == len(ours) and all(len(a) == len(b) for a, b in zip(rows, ours)),
           base + ".csv: LibreOffice finds the same rows and columns (%d)" % len(ours))
        if kind == "sales":
            header, data = rows[0], [[c if c != "" else None for c in r] for r in rows[1:]]
            sums, orders = status_sums(header, data, lang, kurus)
            check_sales_ties(sums, orders, summaries[win], base + ".csv in LibreOffice")
            # numbers, not text: LibreOffice quotes text and leaves numbers bare
            ok(all(not re.search(r';"-?\d+[.,]\d\d"', line) for line in raw[1:200]),
               base + ".csv: LibreOffice reads the money as numbers")
        if kind == "customers" and win == "90d":
            ok(any(r[2] == ZERO_PHONE for r in rows), base + ".csv: LibreOffice keeps the leading zero")
            ok(any(r[0] == "'" + HOSTILE["name"] for r in rows) and not any(r[0] == "click" for r in rows),
               base + ".csv: LibreOffice shows the hostile name as text, never runs it")



# ------------------------------------------------------------ P&L after VAT (profit.md)
# The store gets ad spend, expenses and a service fee as a seller enters
# them; the P&L must show both views and the KDV lines month by month, the
# entries spread as profit.md says, computed here from the entries and from
# the store's orders, not by Ciro.

import calendar

TOP_MP = con.execute("SELECT m.name FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
                     " GROUP BY m.id ORDER BY count(*) DESC, m.name LIMIT 1").fetchone()[0]
SERVICE_FEE = (date(2026, 10, 1), 699)          # kuruş per net order of TOP_MP from that day on
RENT = (2026, 8, 3_000_000)                      # monthly from August 2026, until stopped
ACCOUNTING = (date(2026, 10, 5), 123_456)         # one-off
AD_MONTH = (2026, 9, 450_000)                    # ad spend for September 2026 only
AD_DAY = (date(2026, 11, 3), 85_050)             # one day, on TOP_MP
run(["expense", "add", "2026-08-15", "30000", "--monthly", "--name", "Kira", "--category", "rent", "--db", db])
run(["expense", "add", str(ACCOUNTING[0]), "1234,56", "--name", "Muhasebe", "--category", "accounting", "--db", db])
run(["adspend", "add", "2026-09-10", "4500", "--monthly", "--db", db])
run(["adspend", "add", str(AD_DAY[0]), "850.50", "--marketplace", TOP_MP, "--db", db])
run(["settings", "set", "service_fee." + TOP_MP, "6.99", "--from", str(SERVICE_FEE[0]), "--db", db])

PNL_LINES = [  # English, Turkish, JSON key, money or percent
    ("Net revenue", "Net Ciro", "net_revenue", "money"),
    ("Product cost (incl. VAT)", "Ürün Maliyeti (KDV'li)", "product_cost", "money"),
    ("Marketplace commission", "Pazaryeri Komisyonu", "commission", "money"),
    ("Shipping expense", "Kargo Gideri", "shipping_expense", "money"),
    ("Profit", "Kâr", "profit", "money"),
    ("Profit margin", "Kâr Marjı", "margin_pct", "pct"),
    ("Net revenue excl. VAT", "KDV Hariç Net Ciro", "net_revenue_ex_vat", "money"),
    ("Product cost excl. VAT", "KDV Hariç Ürün Maliyeti", "product_cost_ex_vat", "money"),
    ("Service fees", "Hizmet Bedelleri", "service_fees", "money"),
    ("Profit after VAT", "KDV Sonrası Kâr", "profit_ex_vat", "money"),
    ("Margin after VAT", "KDV Sonrası Marj", "margin_ex_vat_pct", "pct"),
    ("Return on cost", "Maliyet Getirisi (ROI)", "roi_pct", "pct"),
    ("Ad spend", "Reklam Harcaması", "ad_spend", "money"),
    ("Other expenses", "Diğer Giderler", "expenses", "money"),
    ("Operating profit", "Faaliyet Kârı", "operating_profit", "money"),
    ("Output VAT", "Hesaplanan KDV", "output_vat", "money"),
    ("VAT on fees", "Kesintilerin KDV'si", "fees_vat", "money"),
    ("Input VAT", "İndirilecek KDV", "input_vat", "money"),
    ("VAT payable", "Ödenecek KDV", "vat_payable", "money"),
]


def half_away(num, den):
    q, r = divmod(abs(num), den)
    q += 2 * r >= den
    return q if num >= 0 else -q


def months_of(a, b):
    y, m = a.year, a.month
    while (y, m) <= (b.year, b.month):
        first, last = date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        yield (y, m), max(a, first), min(b, last)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def spread(amount, y, m, a, b):
    """the part of a monthly amount on the days a..b of its month"""
    n = calendar.monthrange(y, m)[1]
    return sum((i + 1) * amount // n - i * amount // n for i in range(n) if a <= date(y, m, i + 1) <= b)


def pnl_expected(a, b):
    """per month (and "total"): the engine's JSON, and the figures computed here"""
    out = {}
    for key, ma, mb in list(months_of(a, b)) + [("total", a, b)]:
        j = json.loads(run(["report", "summary", "--db", db, "--format", "json",
                            "--from", str(ma), "--to", str(mb)]).stdout)
        d0, d1 = (ma - date(1970, 1, 1)).days, (mb - date(1970, 1, 1)).days
        lines = con.execute("SELECT l.amount, l.vat_rate FROM order_lines l JOIN orders o ON o.id = l.order_id"
                            " WHERE o.status <> 6 AND o.day BETWEEN ? AND ?", (d0, d1)).fetchall()
        ships = con.execute("SELECT shipping_total FROM orders WHERE status <> 6 AND day BETWEEN ? AND ?",
                            (d0, d1)).fetchall()
        fee_from = (SERVICE_FEE[0] - date(1970, 1, 1)).days
        fee_orders = con.execute("SELECT count(*) FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
                                 " WHERE o.status <> 6 AND m.name = ? AND o.day BETWEEN ? AND ?",
                                 (TOP_MP, max(d0, fee_from), d1)).fetchone()[0]
        ad = sum(spread(AD_MONTH[2], y, m, ma, mb) for (y, m), x, z in months_of(ma, mb) if (y, m) == AD_MONTH[:2])
        ad += AD_DAY[1] if ma <= AD_DAY[0] <= mb else 0
        ex = sum(spread(RENT[2], y, m, x, z) for (y, m), x, z in months_of(ma, mb) if (y, m) >= RENT[:2])
        ex += ACCOUNTING[1] if ma <= ACCOUNTING[0] <= mb else 0
        out[key] = {
            "json": j,
            "output_vat": sum(half_away(amt * r, 10000 + r) for amt, r in lines)
                          + sum(half_away(s[0] * 2000, 12000) for s in ships),
            "service_fees": fee_orders * SERVICE_FEE[1],
            "ad_spend": ad,
            "expenses": ex,
        }
    return out


def pnl_rows_check(rows, lang, win, exp, what, percents=True):
    """rows: the P&L table as a reader gives it (money as numbers or text)"""
    labels = [r[0] if r else None for r in rows]
    names = [l[0] if lang == "en" else l[1] for l in PNL_LINES]
    at = {}
    for n in names:
        at[n] = labels.index(n) if n in labels else None
    ok(all(at[n] is not None for n in names) and [at[n] for n in names] == sorted(at[n] for n in names),
       what + ": every line of both views and the KDV, in order")
    if any(at[n] is None for n in names):
        return
    keys = list(exp)
    ok(len(rows[0]) == len(keys) + 1, what + ": a column per month and the total (%d)" % len(rows[0]))
    bad = []
    for c, key in enumerate(keys, start=1):
        e, j = exp[key], exp[key]["json"]
        v = {}
        for (en, tr, k, kind), n in zip(PNL_LINES, names):
            cell = rows[at[n]][c] if c < len(rows[at[n]]) else None
            if kind == "money":
                v[k] = kurus(cell) if cell not in (None, "") else None
                if v[k] != money_json(j[k]):
                    bad.append((key, k, cell, j[k]))
            elif percents:
                want = j[k]
                if want is None:
                    ok_cell = cell in (None, "")
                elif isinstance(cell, (int, float)):
                    ok_cell = abs(cell - round(want, 2) / 100) < 1e-9
                else:
                    ok_cell = cell not in (None, "") and abs(float(str(cell).replace(",", ".")) - round(want, 2)) < 1e-9
                if not ok_cell:
                    bad.append((key, k, cell, want))
        # computed here, from the entries and the orders
        for k in ("output_vat", "service_fees", "ad_spend", "expenses"):
            if v[k] != e[k]:
                bad.append((key, k + " (independent)", v[k], e[k]))
        # profit.md's identities between the lines
        if None not in v.values():
            ids = {
                "net_revenue_ex_vat": v["net_revenue"] - v["output_vat"],
                "profit_ex_vat": v["net_revenue_ex_vat"] - v["product_cost_ex_vat"] - v["commission"]
                                 - v["shipping_expense"] - v["service_fees"],
                "operating_profit": v["profit_ex_vat"] - v["ad_spend"] - v["expenses"],
                "input_vat": v["product_cost"] - v["product_cost_ex_vat"] + v["fees_vat"],
                "vat_payable": v["output_vat"] - v["input_vat"],
            }
            for k, want in ids.items():
                if v[k] != want:
                    bad.append((key, k + " (identity)", v[k], want))
            # the KDV on fees: the rate on the fees, rounded per day and marketplace
            fees = v["commission"] + v["shipping_expense"] + v["service_fees"]
            if abs(v["fees_vat"] - fees * 0.2) > 200:
                bad.append((key, "fees_vat ~ 20 %", v["fees_vat"], fees * 0.2))
    ok(not bad, what + ": every month and the total as computed %r" % bad[:3])
    # the entries did reach the report
    total = exp["total"]
    ok(total["ad_spend"] > 0 and total["expenses"] > 0 and total["service_fees"] > 0,
       what + ": ad spend, expenses and service fees are in the window")


def pdf_money(k, lang):
    s = "{:,}".format(abs(k) // 100) + ".%02d" % (abs(k) % 100)
    if lang == "tr":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return ("\u2212" if k < 0 else "") + "₺" + s


def check_pnl_pdf(lang, win, exp):
    a, b = WINDOWS[win]
    path = os.path.join(work, "pnl-%s-%s.pdf" % (lang, win))
    run(["export", "pnl", "--db", db, "--format", "pdf", "--output", path,
         "--from", str(a), "--to", str(b)], lang=lang)
    if shutil.which("pdftotext") is None:
        ok(False, "pdftotext is installed")
        return
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
    lines = text.splitlines()
    name = os.path.basename(path)
    titles = {"en": ("Profit after VAT by month", "VAT by month"), "tr": ("Aylık KDV Sonrası Kâr", "Aylık KDV")}[lang]
    ok(all(t in text for t in titles), name + ": the after-VAT and the KDV tables")

    def has_row(values):
        want = [pdf_money(v, lang) for v in values]
        for ln in lines:
            cells = ln.split()
            pos = 0
            for w in want:
                try:
                    pos = cells.index(w, pos) + 1
                except ValueError:
                    break
            else:
                return True
        return False

    missing = []
    for key, e in exp.items():
        j = e["json"]
        vat = [e["output_vat"], money_json(j["fees_vat"]), money_json(j["input_vat"]), money_json(j["vat_payable"])]
        kept = [money_json(j["profit_ex_vat"]), e["ad_spend"], e["expenses"], money_json(j["operating_profit"])]
        if not has_row(vat):
            missing.append((key, "vat", vat))
        if not has_row(kept):
            missing.append((key, "kept", kept))
    ok(not missing, name + ": each month's and the total's KDV and after-VAT figures %r" % missing[:2])


def check_pnl_after_vat(lang, win, exp):
    a, b = WINDOWS[win]
    x = os.path.join(work, "pnl-%s-%s.xlsx" % (lang, win))
    c = os.path.join(work, "pnl-%s-%s.csv" % (lang, win))
    wv = openpyxl.load_workbook(x, data_only=True)
    pnl_rows_check([list(r) for r in wv.worksheets[1].iter_rows(values_only=True)], lang, win, exp,
                   os.path.basename(x) + " (openpyxl)")
    pnl_rows_check(read_csv(c, lang), lang, win, exp, os.path.basename(c))
    lo = os.path.join(work, "lo")
    base = "pnl-%s-%s" % (lang, win)
    main = wv.sheetnames[1]
    for mode in ("open", "recalc"):
        f = os.path.join(lo, mode, "%s-%s.csv" % (base, main))
        if ok(os.path.exists(f), "%s.xlsx (%s): LibreOffice reads the P&L" % (base, mode)):
            pnl_rows_check(lo_rows(f), lang, win, exp, "%s.xlsx in LibreOffice (%s)" % (base, mode), percents=False)
    f = os.path.join(lo, "csv", "%s-%s.csv" % (base, base))
    if ok(os.path.exists(f), base + ".csv: LibreOffice reads the P&L"):
        pnl_rows_check(lo_rows(f), lang, win, exp, base + ".csv in LibreOffice", percents=False)
    check_pnl_pdf(lang, win, exp)


# ------------------------------------------------------------ main

summaries = {w: summary(w) for w in WINDOWS}
refs = {w: {"products": report("products", w, "--sort", "revenue"), "marketplaces": report("marketplaces", w)}
        for w in WINDOWS}
xlsx_files, csv_files = [], []
for lang in LANGS:
    for win in WINDOWS:
        for kind in KINDS:
            x = export(kind, "xlsx", lang, win)
            check_xlsx(x, kind, lang, win, summaries[win], refs[win])
            xlsx_files.append(x)
            c = export(kind, "csv", lang, win)
            check_csv(c, kind, lang, win, summaries[win], refs[win])
            csv_files.append(c)
# LibreOffice converts every workbook and every CSV
check_libreoffice(xlsx_files, csv_files, summaries)
# the P&L's after-VAT and KDV lines, by every reader, in both languages
pnl_exp = {w: pnl_expected(*WINDOWS[w]) for w in WINDOWS}
for lang in LANGS:
    for win in WINDOWS:
        check_pnl_after_vat(lang, win, pnl_exp[win])

# ------------------------------------------------------------ stock lists
# The Stock export (CSV, XLSX, PDF) against lists and values computed here
# from the store's own tables: settings (their defaults when unset), the
# daily product rollup, stock and the cost history (metrics.md's rule).

STOCK_TITLES = {"en": ["Low Stock", "Running Out", "Slow Moving", "Dead Stock"],
                "tr": ["Düşük Stok", "Tükeniyor", "Yavaş Dönen", "Ölü Stok"]}
STOCK_HEAD = {"en": ("List", "SKU", "Stock", "Stock value at cost", "Last sale", "Runs out on"),
              "tr": ("Liste", "Stok Kodu", "Stok", "Maliyetle stok değeri", "Son satış", "Bitiş tarihi")}
OUT_OF_STOCK = {"en": "Out of stock", "tr": "Stokta yok"}


def stock_expected():
    t = (TODAY - date(1970, 1, 1)).days
    setting = dict(con.execute("SELECT key, value FROM settings").fetchall()) \
        if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'settings'").fetchone() else {}

    def num(key, default):
        return int(setting.get(key, default))
    window, low_below, recent = num("stock_window_days", 30), num("low_stock_threshold", 10), num("recent_sale_days", 90)
    slow, dead, runout = num("slow_moving_days", 90), num("dead_stock_days", 90), num("stock_runout_days", 30)
    hist = {}
    for kind, ent, src, day, price, rate in con.execute(
            "SELECT kind, entity_id, source, from_day, purchase_price, vat_rate FROM cost_history ORDER BY from_day"):
        hist.setdefault((kind, ent, src), []).append((day, price, rate))

    def at(key, fallback):
        e = [x for x in hist.get(key, []) if x[0] <= t]
        if e:
            return e[-1]
        return hist[key][0] if fallback and hist.get(key) else None

    def unit(pid, vid):
        e = at((0, pid, 1), False) or (vid is not None and at((1, vid, 0), True)) or at((0, pid, 0), True)
        if not e:
            return 0
        q, r = divmod(e[1] * (10000 + e[2]), 10000)   # half away from zero, prices ≥ 0
        return q + (1 if r * 2 >= 10000 else 0)
    value = {}
    for pid, vid, st in con.execute("SELECT p.id, v.id, coalesce (v.stock, p.stock) FROM products p"
                                    " LEFT JOIN variants v ON v.product_id = p.id WHERE p.active = 1"):
        known, v = value.get(pid, (True, 0))
        if st > 0:
            u = unit(pid, vid)
            known, v = known and u > 0, v + st * u
        value[pid] = (known, v)
    out = []
    for pid, sku, stock, units, last in con.execute(
            "SELECT p.id, p.sku, p.stock,"
            " (SELECT coalesce (sum (units), 0) FROM roll_day_product r WHERE r.product_key = p.id"
            "  AND r.day BETWEEN ? AND ?),"
            " (SELECT max (day) FROM roll_day_product r WHERE r.product_key = p.id AND r.units > 0 AND r.day <= ?)"
            " FROM products p WHERE p.active = 1", (t - window + 1, t, t)):
        daily = units / window
        days = stock / daily if daily > 0 else None
        sold = last is not None
        known, v = value[pid]
        out.append({
            "id": pid, "sku": sku, "stock": stock, "days": days, "last": last,
            "value": v if known else None,
            "out": t + int(days // 1) if days is not None else None,
            "lists": [stock < low_below and sold and last > t - recent,
                      stock > 0 and days is not None and days <= runout,
                      stock > 0 and (days is None or days > slow),
                      stock > 0 and not (sold and last > t - dead)],
        })

    def order(i):
        inf = float("inf")
        return [lambda r: (r["stock"], r["id"]),
                lambda r: (r["days"] if r["days"] is not None else inf, r["id"]),
                lambda r: (-(r["days"] if r["days"] is not None else inf), r["id"]),
                lambda r: (-r["stock"], r["id"])][i]
    return [sorted((r for r in out if r["lists"][i]), key=order(i)) for i in range(4)], out


def day_text(d):
    return str(date(1970, 1, 1) + timedelta(days=d))


def export_stock(fmt, lang):
    path = os.path.join(work, "stock-%s.%s" % (lang, fmt))
    r = run(["export", "stock", "--db", db, "--format", fmt, "--output", path,
             "--from", str(TODAY - timedelta(days=29)), "--to", str(TODAY)], lang=lang)
    ok(r.stderr.strip() == "", "%s: nothing on stderr (%r)" % (os.path.basename(path), r.stderr[:200]))
    return path


def check_stock_rows(name, i, got, want, lang):
    """got: [(sku, stock, value kuruş or None, last 'YYYY-MM-DD' or '', run-out text)]"""
    ok([g[0] for g in got] == [w["sku"] for w in want], "%s: %s lists the expected products in order (%d)"
       % (name, STOCK_TITLES[lang][i], len(want)))
    bad = [g[0] for g, w in zip(got, want)
           if g[1] != w["stock"] or g[2] != w["value"] or g[3] != (day_text(w["last"]) if w["last"] else "")
           or g[4] != (OUT_OF_STOCK[lang] if w["stock"] <= 0 else day_text(w["out"]) if w["out"] is not None else "")]
    ok(not bad, "%s: %s stock, value at cost, last sale and run-out day %r" % (name, STOCK_TITLES[lang][i], bad[:3]))


def cell_day(v):
    if v is None or v == "":
        return ""
    return v.date().isoformat() if hasattr(v, "date") else str(v)


stock_lists, stock_all = stock_expected()
ok(all(stock_lists) and any(r["value"] for r in stock_all), "stock: every list holds products, values are known")
for lang in LANGS:
    head = STOCK_HEAD[lang]
    # CSV: one table, each row's list named
    path = export_stock("csv", lang)
    rows = read_csv(path, lang)
    h = rows[0]
    c = {k: h.index(k) for k in head}
    for i, title in enumerate(STOCK_TITLES[lang]):
        got = [(r[c[head[1]]], int(r[c[head[2]]]), kurus(r[c[head[3]]]) if r[c[head[3]]] else None,
                r[c[head[4]]], r[c[head[5]]]) for r in rows[1:] if r[c[head[0]]] == title]
        check_stock_rows(os.path.basename(path), i, got, stock_lists[i], lang)
    # XLSX: a sheet a list, valid names, each with its totals; the summary's
    path = export_stock("xlsx", lang)
    name = os.path.basename(path)
    wb = openpyxl.load_workbook(path, data_only=True)
    wf = openpyxl.load_workbook(path)
    ok(wb.sheetnames[1:] == STOCK_TITLES[lang] and all(len(n) <= 31 and not BAD_SHEET.search(n) for n in wb.sheetnames),
       name + ": a sheet a list, valid names %r" % wb.sheetnames)
    for i, title in enumerate(STOCK_TITLES[lang]):
        ws = wb[title]
        table = [list(r) for r in ws.iter_rows(values_only=True)]
        h = table[0]
        c = {k: h.index(k) for k in head[1:]}
        data = []
        for r in table[1:]:
            if all(v in (None, "") for v in r):
                break
            data.append(r)
        got = [(r[c[head[1]]], r[c[head[2]]], kurus(r[c[head[3]]]) if r[c[head[3]]] is not None else None,
                cell_day(r[c[head[4]]]), cell_day(r[c[head[5]]])) for r in data]
        check_stock_rows(name, i, got, stock_lists[i], lang)
        want_value = sum(w["value"] or 0 for w in stock_lists[i])
        want_units = sum(w["stock"] for w in stock_lists[i])
        total = [r for r in table[len(data) + 1:] if any(v not in (None, "") for v in r)]
        formula = [r for r in wf[title].iter_rows(values_only=True)][len(data) + 2][c[head[3]]]
        ok(total and kurus(total[0][c[head[3]]]) == want_value and total[0][c[head[2]]] == want_units
           and str(formula).startswith("=SUBTOTAL("),
           "%s: %s totals: units %d, stock value at cost %d" % (name, title, want_units, want_value))
    cells = {r[0]: r for r in wb.worksheets[0].iter_rows(values_only=True) if r and r[0]}
    all_label = {"en": "All products", "tr": "Tüm ürünler"}[lang]
    ok(all_label in cells and kurus(cells[all_label][3]) == sum(r["value"] or 0 for r in stock_all),
       name + ": the summary's total stock value at cost")
    ok(all(title in cells and kurus(cells[title][3]) == sum(w["value"] or 0 for w in stock_lists[i])
           and cells[title][1] == len(stock_lists[i]) for i, title in enumerate(STOCK_TITLES[lang])),
       name + ": the summary's lists")
    # PDF: read by poppler, each list titled, the total value written
    path = export_stock("pdf", lang)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
    total = sum(r["value"] or 0 for r in stock_all)
    whole = "{:,}".format(total // 100)
    money = (whole if lang == "en" else whole.replace(",", ".")) + ("." if lang == "en" else ",") + "%02d" % (total % 100)
    ok(all(t in text for t in STOCK_TITLES[lang]) and money in text and
       (OUT_OF_STOCK[lang] in text) == any(w["stock"] <= 0 for l in stock_lists for w in l[:500]),
       "%s: the lists, the total stock value at cost %s" % (os.path.basename(path), money))

# ------------------------------------------------------------ categories
# The Categories export (insights.md §1) in every format and both
# languages, each row against the figures computed here from the order
# lines with SQL of this script's own, and the identity that the categories
# add up to the summary (net revenue without shipping, cost, commission).

CAT_GROUPS = {"2": {"en": "Uncategorised", "tr": "Kategorisiz"}, "3": {"en": "Unmatched", "tr": "Eşleşmeyen"}}
CAT_HEAD = {"en": ["Category", "Revenue", "Units", "Orders", "Cost", "Commission", "Profit", "Margin %",
                   "Returned units", "Return rate %", "Products", "Share %", "Revenue change %", "Profit change %"],
            "tr": ["Kategori", "Ciro", "Adet", "Sipariş", "Maliyet", "Komisyon", "Kâr", "Marj %",
                   "İade Adet", "İade Oranı %", "Ürünler", "Pay %", "Ciro Değişimi %", "Kâr Değişimi %"]}
CAT_SQL = (
    "WITH cat AS (SELECT id, CASE WHEN trim(coalesce(category, '')) <> '' THEN '0' || trim(category)"
    "  WHEN category_id IS NOT NULL AND category_id <> 0 THEN '1#' || category_id ELSE '2' END AS c FROM products)"
    " SELECT CASE WHEN l.product_key <= 0 THEN '3' ELSE coalesce(cat.c, '2') END AS g,"
    "  sum(CASE WHEN o.status <> 6 THEN l.amount ELSE 0 END),"
    "  sum(CASE WHEN o.status <> 6 THEN l.quantity ELSE 0 END),"
    "  count(DISTINCT CASE WHEN o.status <> 6 THEN o.id END),"
    "  sum(CASE WHEN o.status <> 6 THEN l.cost ELSE 0 END),"
    "  sum(CASE WHEN o.status <> 6 THEN l.commission ELSE 0 END),"
    "  sum(CASE WHEN o.status = 6 THEN l.quantity ELSE 0 END),"
    "  count(DISTINCT CASE WHEN o.status <> 6 THEN l.product_key END)"
    " FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN cat ON cat.id = l.product_key"
    " JOIN marketplaces m ON m.id = o.marketplace_id"
    " WHERE o.day BETWEEN ? AND ? AND (? IS NULL OR m.name = ?) GROUP BY g")


def round2(v):
    """C's round () to two decimals: half away from zero"""
    r = math.floor(abs(v) * 100 + 0.5) / 100
    return math.copysign(r, v) if r else 0.0


def categories_expected(a, b, mp):
    d0, d1 = (a - date(1970, 1, 1)).days, (b - date(1970, 1, 1)).days
    n = d1 - d0 + 1
    now = {r[0]: r[1:] for r in con.execute(CAT_SQL, (d0, d1, mp, mp))}
    before = {r[0]: r[1:] for r in con.execute(CAT_SQL, (d0 - n, d0 - 1, mp, mp))}
    total = sum(v[0] for v in now.values())
    out = []
    for g, (rev, units, orders, cost, comm, ret, prods) in now.items():
        profit = rev - cost - comm
        prev = before.get(g)
        prev_rev = prev[0] if prev else 0
        prev_profit = prev[0] - prev[3] - prev[4] if prev else 0
        out.append({
            "group": g, "revenue": rev, "units": units, "orders": orders, "cost": cost, "commission": comm,
            "profit": profit,
            "margin": profit / rev * 100 if units > 0 and g != "3" and rev > 0 else None,
            "return_units": ret, "return_rate": ret / (units + ret) * 100 if units > 0 else None,
            "products": prods, "share": rev / total * 100 if total > 0 else 0.0,
            "revenue_change": (rev - prev_rev) / abs(prev_rev) * 100 if prev_rev else None,
            "profit_change": (profit - prev_profit) / abs(prev_profit) * 100 if prev_profit else None,
        })
    return out


def cat_name(g, lang):
    if g in CAT_GROUPS:
        return CAT_GROUPS[g][lang]
    return g[1:]


CAT_KEYS = ["revenue", "units", "orders", "cost", "commission", "profit", "margin", "return_units", "return_rate",
            "products", "share", "revenue_change", "profit_change"]
CAT_MONEY = {"revenue", "cost", "commission", "profit"}
CAT_PCT = {"margin", "return_rate", "share", "revenue_change", "profit_change"}


def cat_cell_ok(key, cell, want, pct_as_ratio):
    """a cell of any reader against the figure computed here"""
    if want is None:
        return cell in (None, "")
    if cell in (None, ""):
        return False
    if key in CAT_MONEY:
        return kurus(cell) == want
    if key in CAT_PCT:
        got = cell if isinstance(cell, (int, float)) else float(str(cell).replace("%", "").replace(",", "."))
        # a ratio of a workbook's percent cell, unless a reader wrote it with its sign
        got = got * 100 if pct_as_ratio and "%" not in str(cell) else got
        return abs(got - round2(want)) < 1e-6
    return int(float(str(cell).replace(",", "."))) == want


def check_category_rows(what, rows, exp, lang, pct_as_ratio=False):
    """rows: [name, 13 figures] as a reader gives them, in the file's order"""
    want = {cat_name(e["group"], lang): e for e in exp}
    got_names = [r[0] for r in rows]
    ok(sorted(got_names) == sorted(want), what + ": every category, once (%d)" % len(want))
    revs = [want[n]["revenue"] for n in got_names if n in want]
    ok(revs == sorted(revs, reverse=True), what + ": by revenue, the largest first")
    bad = []
    for r in rows:
        e = want.get(r[0])
        if e is None:
            continue
        for i, k in enumerate(CAT_KEYS, start=1):
            if not cat_cell_ok(k, r[i] if i < len(r) else None, e[k], pct_as_ratio):
                bad.append((r[0], k, r[i] if i < len(r) else None, e[k]))
    ok(not bad, what + ": every figure of every row as computed from the lines %r" % bad[:3])
    s = sum_of = {k: sum(kurus(r[i]) for r in rows if r[i] not in (None, "")) for i, k in enumerate(CAT_KEYS, 1)
                  if k in CAT_MONEY}
    return sum_of


def check_category_identity(what, sums, s):
    ok(sums["revenue"] == money_json(s["net_revenue"]) - money_json(s["shipping_income"])
       and sums["cost"] == money_json(s["product_cost"]) and sums["commission"] == money_json(s["commission"]),
       what + ": Σ categories = the summary (revenue without shipping, cost, commission)")


def export_categories(fmt, lang, win, mp=None):
    a, b = WINDOWS[win]
    path = os.path.join(work, "cats", "categories-%s-%s%s.%s" % (lang, win, "-mp" if mp else "", fmt))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    args = ["export", "categories", "--db", db, "--format", fmt, "--output", path, "--from", str(a), "--to", str(b)]
    if mp:
        args += ["--marketplace", mp]
    r = run(args, lang=lang)
    ok(r.stderr.strip() == "", "%s: nothing on stderr (%r)" % (os.path.basename(path), r.stderr[:200]))
    return path


def summary_for(win, mp):
    a, b = WINDOWS[win]
    args = ["report", "summary", "--db", db, "--format", "json", "--from", str(a), "--to", str(b)]
    return json.loads(run(args + (["--marketplace", mp] if mp else [])).stdout)


def xlsx_table(ws):
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    data = []
    for r in rows[1:]:
        if all(v in (None, "") for v in r):
            break
        data.append(r)
    totals = [r for r in rows[len(data) + 1:] if any(v not in (None, "") for v in r)]
    return rows[0], data, totals


cat_cases = [(lang, win, None) for lang in LANGS for win in WINDOWS] + [(lang, "90d", TOP_MP) for lang in LANGS]
cat_files = {"xlsx": [], "csv": []}
for lang, win, mp in cat_cases:
    exp = categories_expected(*WINDOWS[win], mp)
    s = summary_for(win, mp)
    tag = "%s %s%s" % (lang, win, " " + mp if mp else "")
    ok(len(exp) > 5 and any(e["group"] == "3" for e in exp) and any(e["group"].startswith("1#") for e in exp)
       and (win != "90d" or any(e["revenue_change"] is None or e["revenue_change"] < 0 for e in exp)),
       "categories %s: named, id-only and unmatched groups; in 90 days a fall or a new one" % tag)
    # CSV, as this script reads it
    path = export_categories("csv", lang, win, mp)
    cat_files["csv"].append(path)
    rows = read_csv(path, lang)
    ok(rows[0] == CAT_HEAD[lang], os.path.basename(path) + ": the header in the language %r" % rows[0][:3])
    sums = check_category_rows(os.path.basename(path), rows[1:], exp, lang)
    check_category_identity(os.path.basename(path), sums, s)
    # XLSX, by openpyxl: values, number formats, the totals row's formulas
    path = export_categories("xlsx", lang, win, mp)
    cat_files["xlsx"].append(path)
    name = os.path.basename(path)
    wv = openpyxl.load_workbook(path, data_only=True)
    wf = openpyxl.load_workbook(path)
    ok(wv.sheetnames[1] == {"en": "Categories", "tr": "Kategoriler"}[lang], name + ": the sheet %r" % wv.sheetnames)
    header, data, totals = xlsx_table(wv.worksheets[1])
    ok(header == CAT_HEAD[lang], name + ": the header in the language")
    sums = check_category_rows(name, data, exp, lang, pct_as_ratio=True)
    check_category_identity(name, sums, s)
    ok(totals and kurus(totals[0][1]) == sums["revenue"] and kurus(totals[0][6]) == sums["profit"]
       and totals[0][2] == sum(e["units"] for e in exp) and totals[0][3] is None and totals[0][7] is None,
       name + ": totals of revenue, profit and units, none of orders (an order may be in two) or ratios")
    first = list(wf.worksheets[1].iter_rows(min_row=2, max_row=2))[0]
    ok("₺" in first[1].number_format and "%" in first[7].number_format and first[2].number_format == "#,##0",
       name + ": money, percent and count formats")
    ftot = [list(r) for r in wf.worksheets[1].iter_rows(values_only=True)][len(data) + 2]
    ok(str(ftot[1]).startswith("=SUBTOTAL(109,"), name + ": the revenue total is a formula (%s)" % ftot[1])
    # PDF, by poppler: each row's name and money figures in order on a line
    path = export_categories("pdf", lang, win, mp)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
    lines = text.splitlines()
    missing = []
    for e in exp:
        nm = cat_name(e["group"], lang).split()[0]
        want = [pdf_money(e[k], lang) for k in ("revenue", "cost", "commission", "profit")]
        found = False
        for ln in lines:
            cells = ln.split()
            if not cells or cells[0] != nm:
                continue
            pos = 0
            for w in want:
                if w not in cells[pos:]:
                    break
                pos = cells.index(w, pos) + 1
            else:
                found = True
                break
        if not found:
            missing.append((nm, want))
    ok(not missing and {"en": "Category performance", "tr": "Kategori performansı"}[lang] in text,
       os.path.basename(path) + ": every category's revenue, cost, commission and profit %r" % missing[:2])
    total_rev = pdf_money(sums["revenue"], lang)
    ok(any(ln.split()[:2] == [{"en": "Total", "tr": "Toplam"}[lang], total_rev] for ln in lines if ln.split()),
       os.path.basename(path) + ": the totals row's revenue %s" % total_rev)

# LibreOffice reads the workbooks (as stored and recalculated) and the CSVs
if shutil.which("soffice") is None:
    ok(False, "LibreOffice (soffice) is installed")
else:
    lo = os.path.join(work, "lo-cats")
    profile = os.path.join(work, "lo-profile")
    soffice(cat_files["xlsx"], os.path.join(lo, "open"), profile=profile)
    soffice(cat_files["xlsx"], os.path.join(lo, "recalc"), profile=recalc_profile(os.path.join(work, "lo-recalc")))
    soffice([c for c in cat_files["csv"] if "-en-" in c], os.path.join(lo, "csv"), infilter="CSV:44,34,76,1,,1033",
            profile=profile)
    soffice([c for c in cat_files["csv"] if "-tr-" in c], os.path.join(lo, "csv"), infilter="CSV:59,34,76,1,,1055",
            profile=profile)
    for lang, win, mp in cat_cases:
        exp = categories_expected(*WINDOWS[win], mp)
        s = summary_for(win, mp)
        base = "categories-%s-%s%s" % (lang, win, "-mp" if mp else "")
        sheet = {"en": "Categories", "tr": "Kategoriler"}[lang]
        outs = [(os.path.join(lo, mode, "%s-%s.csv" % (base, sheet)), "%s.xlsx in LibreOffice (%s)" % (base, mode))
                for mode in ("open", "recalc")]
        outs.append((os.path.join(lo, "csv", "%s-%s.csv" % (base, base)), "%s.csv in LibreOffice" % base))
        for f, what in outs:
            if not ok(os.path.exists(f), what + ": read"):
                continue
            header, data, totals = split_table([[c if c != "" else None for c in r] for r in lo_rows(f)])
            sums = check_category_rows(what, data, exp, lang, pct_as_ratio=".xlsx" in what)
            check_category_identity(what, sums, s)
            if ".xlsx" in what:
                ok(totals and kurus(totals[0][1]) == sums["revenue"], what + ": the total equals its rows")


# ------------------------------------------------------------ RFM, cohorts and masking
# The RFM list and the cohort table (CSV, XLSX, PDF) against insights.md §4
# computed here from the orders and lines, and with the masking setting on,
# no customer's name, e-mail or phone in any customer export.

RFM_FROM, RFM_TO = TODAY - timedelta(days=364), TODAY
RFM_HEAD = {"en": ("Customer", "Recency (days)", "Frequency", "Monetary", "R", "F", "M", "Segment"),
            "tr": ("Müşteri", "Son siparişten beri (gün)", "Sıklık", "Parasal değer", "R", "F", "M", "Segment")}
COHORT_HEAD = {"en": ("Cohort", "Customers", "Months since the first order", "Ordered in the month",
                      "Net revenue per customer so far"),
               "tr": ("Kohort", "Müşteriler", "İlk siparişten bu yana geçen ay", "O ay sipariş veren",
                      "Müşteri başına bugüne kadarki net ciro")}
SEGMENTS = {"en": [["New", "Potential loyalist", "Loyal", "Champion", "Champion"],
                   ["Promising", "Potential loyalist", "Loyal", "Champion", "Champion"],
                   ["Needs attention", "Needs attention", "Loyal", "Loyal", "Loyal"],
                   ["About to sleep", "About to sleep", "At risk", "At risk", "At risk"],
                   ["Lost", "Hibernating", "At risk", "Can't lose", "Can't lose"]]}
TR_SEG = {"New": "Yeni", "Potential loyalist": "Sadık adayı", "Loyal": "Sadık", "Champion": "Şampiyon",
          "Promising": "Umut vadeden", "Needs attention": "İlgi bekliyor", "About to sleep": "Uykuya dalmak üzere",
          "At risk": "Risk altında", "Lost": "Kaybedilmiş", "Hibernating": "Uykuda", "Can't lose": "Kaybedilmemeli"}
SEGMENTS["tr"] = [[TR_SEG[x] for x in row] for row in SEGMENTS["en"]]
MASKED = {"en": "Customer (masked)", "tr": "Müşteri (maskeli)"}


def rfm_expected():
    a, b = (d - date(1970, 1, 1) for d in (RFM_FROM, RFM_TO))
    rows = con.execute(
        "SELECT cu.name, ? - max(o.day), count(*),"
        " sum(o.shipping_total + (SELECT coalesce(sum(amount), 0) FROM order_lines WHERE order_id = o.id))"
        " FROM orders o JOIN customers cu ON cu.id = o.customer_id"
        " WHERE o.status <> 6 AND o.day BETWEEN ? AND ? AND o.customer_id <> 0 GROUP BY o.customer_id",
        (b.days, a.days, b.days)).fetchall()

    def cuts(values):
        v = sorted(values)
        n = len(v)
        return [v[-(-k * n // 5) - 1] for k in range(1, 5)]
    mc, rc = cuts([r[3] for r in rows]), cuts([r[1] for r in rows])
    out = []
    for name, rec, freq, mon in rows:
        f = 1 if freq == 1 else 2 if freq == 2 else 3 if freq == 3 else 4 if freq <= 5 else 5
        m = 1 + sum(mon > c for c in mc)
        r = 5 - sum(rec > c for c in rc)
        out.append((name, rec, freq, mon, r, f, m))
    return out


def cohorts_expected():
    """insights.md §4 in SQL on the store: a customer (Sentos id, else the key
    the sync stored) belongs to the calendar month of the first net order up to
    RFM_TO, even when that month began before RFM_FROM; every cohort whose month
    is from that of RFM_FROM to that of RFM_TO, months 0..23 that have begun.
    {(cohort "YYYY-MM", k): (customers, % with a net order in month k,
    cumulative net revenue (lines + shipping) per customer in TRY)}"""
    b = (RFM_TO - date(1970, 1, 1)).days
    lo = RFM_FROM.year * 12 + RFM_FROM.month - 1
    hi = RFM_TO.year * 12 + RFM_TO.month - 1
    rows = con.execute("""
        WITH RECURSIVE ks(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM ks WHERE k < 23),
        o AS (SELECT CASE WHEN o.customer_id IS NOT NULL AND o.customer_id <> 0 THEN 'id:' || o.customer_id
                          ELSE o.customer_key END AS cust,
                     CAST(strftime('%Y', o.day * 86400, 'unixepoch') AS INTEGER) * 12
                       + CAST(strftime('%m', o.day * 86400, 'unixepoch') AS INTEGER) - 1 AS month,
                     o.shipping_total + (SELECT coalesce(sum(l.amount), 0) FROM order_lines l
                                         WHERE l.order_id = o.id) AS amount
              FROM orders o WHERE o.status <> 6 AND o.day <= :b),
        firsts AS (SELECT cust, min(month) AS cohort FROM o WHERE cust IS NOT NULL GROUP BY cust),
        sizes AS (SELECT cohort, count(*) AS n FROM firsts WHERE cohort BETWEEN :lo AND :hi GROUP BY cohort),
        per AS (SELECT f.cohort, o.month - f.cohort AS k, count(DISTINCT o.cust) AS active, sum(o.amount) AS rev
                FROM o JOIN firsts f ON f.cust = o.cust GROUP BY f.cohort, o.month - f.cohort)
        SELECT s.cohort, ks.k, s.n, 100.0 * coalesce(p.active, 0) / s.n,
               sum(coalesce(p.rev, 0)) OVER (PARTITION BY s.cohort ORDER BY ks.k) / 100.0 / s.n
        FROM sizes s JOIN ks ON s.cohort + ks.k <= :hi
        LEFT JOIN per p ON p.cohort = s.cohort AND p.k = ks.k
        ORDER BY s.cohort, ks.k""", {"b": b, "lo": lo, "hi": hi}).fetchall()
    return {("%04d-%02d" % (m // 12, m % 12 + 1), k): (n, share, per_customer)
            for m, k, n, share, per_customer in rows}


def export_cust(kind, fmt, lang, tag=""):
    path = os.path.join(work, "%s%s-%s.%s" % (kind, tag, lang, fmt))
    r = run(["export", kind, "--db", db, "--format", fmt, "--output", path,
             "--from", str(RFM_FROM), "--to", str(RFM_TO)], lang=lang)
    ok(r.stderr.strip() == "", "%s: nothing on stderr (%r)" % (os.path.basename(path), r.stderr[:200]))
    return path


def check_rfm_rows(name, got, lang):
    """got: [(name, recency, frequency, monetary kuruş, r, f, m, segment)]"""
    want = sorted((n, rec, fr, mon, r, f, m, SEGMENTS[lang][5 - r][f - 1]) for n, rec, fr, mon, r, f, m in rfm_exp)
    got = sorted(got)
    ok(len(got) == len(want), "%s: every customer of the window (%d)" % (name, len(want)))
    bad = [g for g, w in zip(got, want) if g != w]
    ok(not bad, "%s: recency, frequency, monetary, R, F, M and segment as computed here %r" % (name, bad[:2]))


def unquote(v):
    return v[1:] if isinstance(v, str) and v.startswith("'") else v


rfm_exp = rfm_expected()
coh_exp = cohorts_expected()
ok(len(rfm_exp) > 100 and len({(r[4], r[5]) for r in rfm_exp}) >= 20, "rfm: the demo store fills the grid (%d cells)"
   % len({(r[4], r[5]) for r in rfm_exp}))
for lang in LANGS:
    head = RFM_HEAD[lang]
    path = export_cust("rfm", "csv", lang)
    rows = read_csv(path, lang)
    c = [rows[0].index(k) for k in head]
    check_rfm_rows(os.path.basename(path),
                   [(unquote(r[c[0]]), int(r[c[1]]), int(r[c[2]]), kurus(r[c[3]]), int(r[c[4]]), int(r[c[5]]),
                     int(r[c[6]]), r[c[7]]) for r in rows[1:]], lang)
    path = export_cust("rfm", "xlsx", lang)
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb.worksheets[1]
    table = [list(r) for r in ws.iter_rows(values_only=True)]
    c = [table[0].index(k) for k in head]
    data = []
    for r in table[1:]:
        if all(v in (None, "") for v in r):
            break
        data.append(r)
    check_rfm_rows(os.path.basename(path),
                   [(r[c[0]], r[c[1]], r[c[2]], kurus(r[c[3]]), r[c[4]], r[c[5]], r[c[6]], r[c[7]]) for r in data],
                   lang)
    path = export_cust("rfm", "pdf", lang)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
    top = max(rfm_exp, key=lambda r: r[3])
    whole = "{:,}".format(top[3] // 100)
    money = (whole if lang == "en" else whole.replace(",", ".")) + ("." if lang == "en" else ",") + "%02d" % (top[3] % 100)
    ok(money in text and head[7] in text, "%s: the largest monetary %s" % (os.path.basename(path), money))

    head = COHORT_HEAD[lang]
    path = export_cust("cohorts", "csv", lang)
    rows = read_csv(path, lang)
    c = [rows[0].index(k) for k in head]
    got = {(r[c[0]], int(r[c[2]])): (int(r[c[1]]), float(r[c[3]].replace(",", ".").rstrip("%").strip()),
                                      kurus(r[c[4]]) / 100) for r in rows[1:]}
    ok(set(got) == set(coh_exp), "%s: a row a cohort and month (%d)" % (os.path.basename(path), len(coh_exp)))
    bad = [k for k in coh_exp if k in got and (got[k][0] != coh_exp[k][0] or abs(got[k][1] - coh_exp[k][1]) > 0.0051
                                                or abs(got[k][2] - coh_exp[k][2]) > 0.0051)]
    ok(not bad, "%s: customers, share that ordered, revenue per customer %r" % (os.path.basename(path), bad[:3]))
    path = export_cust("cohorts", "xlsx", lang)
    wb = openpyxl.load_workbook(path, data_only=True)
    table = [list(r) for r in wb.worksheets[1].iter_rows(values_only=True)]
    c = [table[0].index(k) for k in head]
    got = {}
    for r in table[1:]:
        if all(v in (None, "") for v in r):
            break
        got[(r[c[0]], r[c[2]])] = (r[c[1]], r[c[3]], kurus(r[c[4]]) / 100)
    # a percent cell holds the ratio (12.5 % is 0.125) or the percent: either reads as the share
    bad = [k for k in coh_exp if k not in got or got[k][0] != coh_exp[k][0]
           or min(abs(got[k][1] * 100 - coh_exp[k][1]), abs(got[k][1] - coh_exp[k][1])) > 0.0051
           or abs(got[k][2] - coh_exp[k][2]) > 0.0051]
    ok(len(got) == len(coh_exp) and not bad, "%s: the cohort table %r" % (os.path.basename(path), bad[:3]))
    path = export_cust("cohorts", "pdf", lang)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
    first = min(coh_exp)[0]
    ok(first in text and head[0] in text, "%s: the first cohort %s" % (os.path.basename(path), first))

# KVKK. Masking off: the customer list (CSV, XLSX) holds every customer of
# the window with the name, e-mail and phone as stored, and the workbook says
# it is complete for invoicing. Masking on: no customer's name, e-mail or
# phone (as stored, or the phone's digits) in any customer, RFM or cohort
# file, each says it is masked (CSV and XLSX in the header, PDF in its title
# as pdftotext reads it) and the customer list says it is not complete.
MASKED_TITLE = {"customers": {"en": "Customer list (masked)", "tr": "Müşteri listesi (maskeli)"},
                "rfm": {"en": "RFM segments (masked)", "tr": "RFM segmentleri (maskeli)"}}
INVOICING = {"en": ("Names, e-mails and phones in full: complete for invoicing",
                    "Names, e-mails and phones masked (KVKK): not complete for invoicing"),
             "tr": ("Adlar, e-postalar ve telefonlar tam: faturalama için eksiksiz",
                    "Adlar, e-postalar ve telefonlar maskeli (KVKK): faturalama için eksiksiz değil")}
CUST_HEAD = {"en": ("Customer", "E-mail", "Phone"), "tr": ("Müşteri", "E-posta", "Telefon")}


def summary_cells(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    return {r[0]: r[1] for r in wb.worksheets[0].iter_rows(values_only=True) if r and r[0]}


a_day, b_day = ((d - date(1970, 1, 1)).days for d in (RFM_FROM, RFM_TO))
in_window = sorted((n or "", e or "", ph or "") for n, e, ph in con.execute(
    "SELECT name, email, phone FROM customers WHERE id IN"
    " (SELECT customer_id FROM orders WHERE day BETWEEN ? AND ?)", (a_day, b_day)))
for lang in LANGS:
    path = export_cust("customers", "csv", lang, "-full")
    rows = read_csv(path, lang)
    c = [rows[0].index(k) for k in CUST_HEAD[lang]]
    # a code cell keeps its leading zero as ="0532…"
    got = sorted(tuple(re.sub(r'^="(.*)"$', r"\1", unquote(r[i])) for i in c) for r in rows[1:])
    ok(got == in_window, "%s: masking off, every customer of the window with name, e-mail and phone (%d) %r"
       % (os.path.basename(path), len(in_window), sorted(set(got) ^ set(in_window))[:4]))
    path = export_cust("customers", "xlsx", lang, "-full")
    wb = openpyxl.load_workbook(path, data_only=True)
    table = [list(r) for r in wb.worksheets[1].iter_rows(values_only=True)]
    c = [table[0].index(k) for k in CUST_HEAD[lang]]
    data = []
    for r in table[1:]:
        if all(v in (None, "") for v in r):
            break   # the totals row follows
        data.append(r)
    got = sorted(tuple(unquote(r[i]) or "" for i in c) for r in data)
    ok(got == in_window, "%s: masking off, every customer of the window with name, e-mail and phone (%d) %r"
       % (os.path.basename(path), len(in_window), sorted(set(got) ^ set(in_window))[:4]))
    ok(INVOICING[lang][0] in summary_cells(path).values(), "%s: says it is complete for invoicing"
       % os.path.basename(path))

con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('mask_personal_data', '1')")
con.commit()
personal = set()
for n, e, ph in con.execute("SELECT name, email, phone FROM customers"):
    personal |= {x for x in (n, e, ph) if x and len(x) >= 5}
    digits = re.sub(r"\D", "", ph or "")
    if len(digits) >= 7:
        personal.add(digits)
for lang in LANGS:
    for kind in ("customers", "rfm", "cohorts"):
        for fmt in ("csv", "xlsx", "pdf"):
            path = export_cust(kind, fmt, lang, "-masked")
            name = os.path.basename(path)
            if fmt == "csv":
                text = open(path, encoding="utf-8-sig").read()
            elif fmt == "xlsx":
                with zipfile.ZipFile(path) as z:
                    text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
            else:
                text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
            text = text.replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'")
            leaks = [x for x in personal if x in text]
            ok(not leaks, "%s: no name, e-mail or phone with masking on %r" % (name, leaks[:3]))
            if kind == "cohorts":
                continue
            if fmt == "pdf":
                ok(MASKED_TITLE[kind][lang] in text, "%s: the title says %r" % (name, MASKED_TITLE[kind][lang]))
            else:
                ok(MASKED[lang] in text, "%s: the header says %r" % (name, MASKED[lang]))
            if kind == "customers" and fmt == "xlsx":
                ok(INVOICING[lang][1] in summary_cells(path).values(), "%s: says it is not complete for invoicing"
                   % name)
con.execute("DELETE FROM settings WHERE key = 'mask_personal_data'")
con.commit()


# ------------------------------------------------------------ carriers
# The carriers report (insights.md §3): each carrier's orders, shipping
# income, times to ship and to deliver, returns after shipping and late
# parcels computed here from the orders and their status timeline; the
# shipping expense (actual cargo, tariffs, the per-order cost) and the
# recommendations as `ciro-cli report carriers` gives them at the same now.

import unicodedata
from datetime import datetime

CARRIER_SPELLINGS = {
    "Yurtiçi Kargo": ["Yurtici", "YK"], "Aras Kargo": ["Aras"],
    "DHL eCommerce (MNG)": ["MNG", "MNG Kargo", "DHL eCommerce", "DHL E-Commerce"], "PTT Kargo": ["PTT"],
    "Sürat Kargo": ["Surat"], "Trendyol Express": ["TEX", "TrendyolExpress"], "HepsiJET": ["Hepsi Jet"],
    "Kolay Gelsin": ["KolayGelsin"], "UPS Kargo": ["UPS"], "Sendeo": [],
}
CARRIER_UNKNOWN = "Bilinmiyor"
NOW_UNIX = calendar.timegm(datetime.strptime(NOW, "%Y-%m-%d %H:%M:%S").timetuple()) - 10800


def carrier_key(text):
    t = text.replace("I", "ı").replace("İ", "i").lower()
    t = "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.category(c).startswith("M"))
    t = "".join(c for c in t.replace("ı", "i") if not c.isspace() and c != ".")
    while len(t) > 5 and "kargo" in t:
        t = t.replace("kargo", "", 1)
    return t


CARRIER_KEYS = {carrier_key(s): name for name, sp in CARRIER_SPELLINGS.items() for s in [name] + sp}


def carrier_norm(raw):
    if raw is None or raw.strip() == "":
        return CARRIER_UNKNOWN
    return CARRIER_KEYS.get(carrier_key(raw.strip()), raw.strip())


def carrier_shown(name, lang):
    return {"en": "Unknown", "tr": "Bilinmiyor"}[lang] if name == CARRIER_UNKNOWN else name


def round1(v):
    r = math.floor(abs(v) * 10 + 0.5) / 10
    return math.copysign(r, v) if r else 0.0


def dist(xs):
    """mean, median and p90 (the ⌈0.9 n⌉-th) in days, or None"""
    if not xs:
        return None
    xs = sorted(xs)
    n = len(xs)
    med = xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
    return sum(xs) / n / 86400, med / 86400, xs[(9 * n + 9) // 10 - 1] / 86400


def carriers_expected(a, b, mp):
    d0, d1 = (a - date(1970, 1, 1)).days, (b - date(1970, 1, 1)).days
    late_days = int((con.execute("SELECT value FROM settings WHERE key = 'late_days'").fetchone() or ["5"])[0])
    per, late = {}, []
    for prov, st, income, t0, s_at, d_at, code, cargo, mname, oid in con.execute(
            "SELECT o.cargo_provider, o.status, o.shipping_total, o.day * 86400 + o.seconds - 10800, s.at, d.at,"
            " o.order_code, o.cargo_number, m.name, o.id FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
            " LEFT JOIN order_status_events s ON s.order_id = o.id AND s.status = 5"
            " LEFT JOIN order_status_events d ON d.order_id = o.id AND d.status = 99"
            " WHERE o.day BETWEEN ? AND ? AND (? IS NULL OR m.name = ?)", (d0, d1, mp, mp)):
        c = carrier_norm(prov)
        e = per.setdefault(c, {"carrier": c, "orders": 0, "net": 0, "income": 0, "shipped": 0, "returned": 0,
                               "late": 0, "ship": [], "deliver": []})
        net = st != 6
        shipped = s_at is not None or d_at is not None
        e["orders"] += 1
        e["net"] += net
        e["income"] += income if net else 0
        e["shipped"] += shipped
        e["returned"] += shipped and not net
        if s_at is not None:
            e["ship"].append(min(max(s_at - t0, 0), 365 * 86400))
            if d_at is not None:
                e["deliver"].append(min(max(d_at - s_at, 0), 365 * 86400))
            elif st not in (6, 99) and s_at < NOW_UNIX - late_days * 86400:
                e["late"] += 1
                late.append((s_at, oid, code, c, cargo, mname))
    total = sum(e["orders"] for e in per.values())
    for e in per.values():
        e["share"] = e["orders"] / total * 100
        e["ret_pct"] = e["returned"] / e["shipped"] * 100 if e["shipped"] else 0.0
        e["late_pct"] = e["late"] / e["shipped"] * 100 if e["shipped"] else 0.0
        e["ship_d"], e["deliver_d"] = dist(e["ship"]), dist(e["deliver"])
    late.sort()
    return per, late, late_days


def carriers_cli(win, mp, lang="en"):
    a, b = WINDOWS[win]
    args = ["report", "carriers", "--db", db, "--from", str(a), "--to", str(b)] + (["--marketplace", mp] if mp else [])
    data = json.loads(run(args + ["--format", "json"]).stdout)
    table = run(args + ["--format", "table"], lang=lang).stdout
    advice = [ln[2:].strip() for ln in table.splitlines() if ln.startswith("• ")]
    return {r["carrier"]: r for r in data}, advice


CARRIER_HEAD = {
    "en": ["Carrier", "Orders", "Net orders", "Share %", "Shipping income", "Shipping expense", "Expense per order",
           "Days to ship (mean)", "Days to ship (median)", "Days to ship (p90)", "Shipped orders timed",
           "Days to deliver (mean)", "Days to deliver (median)", "Days to deliver (p90)", "Delivered orders timed",
           "Returned after shipping", "Returned after shipping %", "Late", "Late %"],
    "tr": ["Kargo firması", "Sipariş", "Net Sipariş", "Pay %", "Kargo Geliri", "Kargo Gideri",
           "Sipariş başına gider", "Kargoya verme süresi (ortalama, gün)", "Kargoya verme süresi (medyan, gün)",
           "Kargoya verme süresi (%90, gün)", "Süresi bilinen gönderilen sipariş", "Teslim süresi (ortalama, gün)",
           "Teslim süresi (medyan, gün)", "Teslim süresi (%90, gün)", "Süresi bilinen teslim edilen sipariş",
           "Kargodan sonra iade", "Kargodan sonra iade %", "Geciken", "Geciken %"],
}
LATE_HEAD = {"en": ["Order code", "Carrier", "Cargo number", "Marketplace", "Shipped", "Days since shipping"],
             "tr": ["Sipariş No", "Kargo firması", "Kargo takip no", "Pazaryeri", "Kargoya verildi",
                    "Kargodan bu yana gün"]}
CARRIER_SHEETS = {"en": ["Carriers", "Late orders", "Recommendations"],
                  "tr": ["Kargo firmaları", "Geciken siparişler", "Öneriler"]}


def num(cell):
    if isinstance(cell, (int, float)):
        return float(cell)
    return float(str(cell).replace("%", "").replace("\u00a0", "").replace(",", ".").strip())


def check_carrier_rows(what, rows, per, cli, lang, pct_as_ratio=False):
    """rows: the carrier table as a reader gives it, in the file's order"""
    want = {carrier_shown(c, lang): e for c, e in per.items()}
    names = [r[0] for r in rows]
    ok(sorted(names) == sorted(want) and len(names) >= 3, what + ": every carrier once (%d) %r" % (len(want), names))
    ok([want[n]["orders"] for n in names if n in want] == sorted((want[n]["orders"] for n in names if n in want),
                                                                 reverse=True), what + ": most orders first")
    bad = []
    for r in rows:
        e = want.get(r[0])
        if e is None:
            continue
        j = cli[e["carrier"]]
        cells = list(r[1:]) + [None] * 19

        def chk(i, key, good):
            try:
                if not good(cells[i]):
                    bad.append((r[0], key, cells[i]))
            except (ValueError, TypeError):
                bad.append((r[0], key, cells[i]))

        def pct(want_v):
            return lambda c: abs((num(c) * 100 if pct_as_ratio and "%" not in str(c) else num(c))
                                 - round2(want_v)) < 1e-6
        chk(0, "orders", lambda c: int(num(c)) == e["orders"])
        chk(1, "net orders", lambda c: int(num(c)) == e["net"])
        chk(2, "share", pct(e["share"]))
        chk(3, "income", lambda c: kurus(c) == e["income"])
        chk(4, "expense", lambda c: kurus(c) == money_json(j["shipping_expense"]))
        chk(5, "per order", lambda c: kurus(c) == money_json(j["expense_per_order"])
            and abs(kurus(c) - (money_json(j["shipping_expense"]) / e["net"] if e["net"] else 0)) <= 0.5)
        for base, key, d, n in ((6, "ship", e["ship_d"], len(e["ship"])), (10, "deliver", e["deliver_d"],
                                                                          len(e["deliver"]))):
            # one decimal of the engine's figure; the JSON has two (so within 0.055 of it); the
            # engine's median and p90 come from buckets of a tenth of a day (so within 0.15 here)
            for k, (label, tol) in enumerate((("mean", 0.05), ("median", 0.15), ("p90", 0.15))):
                cli_v = j["days_to_%s_%s" % (key, label)]
                if d is None:
                    chk(base + k, key + " " + label, lambda c: c in (None, "") and cli_v is None)
                else:
                    chk(base + k, key + " " + label,
                        lambda c, v=d[k], t=tol, cv=cli_v: abs(num(c) - v) <= t + 1e-9
                        and abs(num(c) - cv) <= 0.055 + 1e-9 and num(c) == round1(num(c)))
            chk(base + 3, key + " timed", lambda c, n=n: int(num(c)) == n)
        chk(14, "returned", lambda c: int(num(c)) == e["returned"])
        chk(15, "returned %", pct(e["ret_pct"]))
        chk(16, "late", lambda c: int(num(c)) == e["late"])
        chk(17, "late %", pct(e["late_pct"]))
    ok(not bad, what + ": every figure of every carrier as computed from the orders %r" % bad[:3])


def late_row_want(l, lang):
    s_at, oid, code, c, cargo, mname = l
    shipped = datetime.utcfromtimestamp(s_at + 10800).strftime("%Y-%m-%d %H:%M:%S")
    return [code, carrier_shown(c, lang), cargo or "", shown(mname, lang), shipped, round1((NOW_UNIX - s_at) / 86400)]


def check_late_rows(what, rows, late, lang):
    ok(len(rows) == len(late) and len(late) > 0, what + ": every late order (%d of %d)" % (len(rows), len(late)))
    bad = []
    for got, l in zip(rows, late):
        want = late_row_want(l, lang)
        g = [("" if v is None else v) for v in list(got) + [None] * 6][:6]
        if isinstance(g[4], datetime):
            g[4] = g[4].strftime("%Y-%m-%d %H:%M:%S")
        g[2] = str(g[2]).removeprefix('="').removesuffix('"') if isinstance(g[2], str) else str(g[2])
        try:
            same = [str(x) for x in g[:4]] == [str(x) for x in want[:4]] and str(g[4])[:16] == want[4][:16] \
                and num(g[5]) == want[5]
        except ValueError:
            same = False
        if not same:
            bad.append((g, want))
    ok(not bad, what + ": each late order's code, carrier, cargo number, marketplace, shipping time and days, "
       "longest on the way first %r" % bad[:2])


def export_carriers(fmt, lang, win, mp=None):
    a, b = WINDOWS[win]
    path = os.path.join(work, "carriers", "carriers-%s-%s%s.%s" % (lang, win, "-mp" if mp else "", fmt))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    args = ["export", "carriers", "--db", db, "--format", fmt, "--output", path, "--from", str(a), "--to", str(b)]
    r = run(args + (["--marketplace", mp] if mp else []), lang=lang)
    ok(r.stderr.strip() == "", "%s: nothing on stderr (%r)" % (os.path.basename(path), r.stderr[:200]))
    return path


# carriers that cost differently, so that switching one saves money
run(["tariff", "set", "Trendyol Express", "40", "--db", db])
run(["tariff", "set", "PTT Kargo", "95", "--db", db, "--from", str(TODAY - timedelta(days=60))])
car_cases = [(lang, win, None) for lang in LANGS for win in WINDOWS] + [(lang, "90d", TOP_MP) for lang in LANGS]
car_files = []
for lang, win, mp in car_cases:
    per, late, late_days = carriers_expected(*WINDOWS[win], mp)
    cli, advice = carriers_cli(win, mp, lang)
    tag = "%s %s%s" % (lang, win, " " + mp if mp else "")
    ok(sorted(cli) == sorted(per), "carriers %s: the CLI and the SQL here know the same carriers" % tag)
    # CSV: the carrier table
    path = export_carriers("csv", lang, win, mp)
    rows = read_csv(path, lang)
    ok(rows[0] == CARRIER_HEAD[lang], os.path.basename(path) + ": the header in the language %r" % rows[0][:3])
    check_carrier_rows(os.path.basename(path), rows[1:], per, cli, lang)
    ok(all(re.match(r"^\d+[.,]\d$", r[8]) for r in rows[1:] if r[8]),
       os.path.basename(path) + ": days with one decimal, in the language's separator")
    # XLSX by openpyxl: three sheets after the summary, formats, values
    path = export_carriers("xlsx", lang, win, mp)
    car_files.append(path)
    name = os.path.basename(path)
    wv = openpyxl.load_workbook(path, data_only=True)
    wf = openpyxl.load_workbook(path)
    ok(wv.sheetnames[1:] == CARRIER_SHEETS[lang] and all(len(n) <= 31 and not BAD_SHEET.search(n)
                                                         for n in wv.sheetnames),
       name + ": the sheets %r" % wv.sheetnames)
    header, data, totals = xlsx_table(wv.worksheets[1])
    ok(header == CARRIER_HEAD[lang], name + ": the carrier header in the language")
    check_carrier_rows(name, data, per, cli, lang, pct_as_ratio=True)
    ok(totals and totals[0][1] == sum(e["orders"] for e in per.values())
       and kurus(totals[0][4]) == sum(e["income"] for e in per.values())
       and kurus(totals[0][5]) == sum(money_json(j["shipping_expense"]) for j in cli.values())
       and totals[0][17] == sum(e["late"] for e in per.values()) and totals[0][7] is None and totals[0][6] is None,
       name + ": totals of orders, income, expense and late; none of days or per-order money")
    first = list(wf.worksheets[1].iter_rows(min_row=2, max_row=2))[0]
    ok("₺" in first[4].number_format and "₺" in first[6].number_format and "%" in first[3].number_format
       and first[7].number_format == "#,##0.0" and first[1].number_format == "#,##0",
       name + ": money, percent, days (one decimal) and count formats")
    lheader, ldata, _ = xlsx_table(wv.worksheets[2])
    ok(lheader == LATE_HEAD[lang], name + ": the late orders' header in the language")
    check_late_rows(name + " late orders", ldata, late, lang)
    lf = list(wf.worksheets[2].iter_rows(min_row=2, max_row=2))[0]
    ok(lf[5].number_format == "#,##0.0" and "yy" in lf[4].number_format, name + ": days and a date-time format")
    rrows = [r for r in wv.worksheets[3].iter_rows(min_row=2, values_only=True) if r[2]]
    ok([r[2] for r in rrows] == advice, name + ": the recommendations, the CLI's sentences %r" % advice[:1])
    ok(all(r[3] is None or pdf_money(kurus(r[3]), lang).replace("₺", "") in r[2].replace("\u00a0", "")
           for r in rrows) and (mp is not None or any(r[3] for r in rrows)),
       name + ": each saving is the one its sentence names")
    summ = summary_cells(path)
    ok(any(str(late_days) in str(v) for v in summ.values()), name + ": the summary says when an order is late")
    # PDF by poppler
    path = export_carriers("pdf", lang, win, mp)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
    lines = text.splitlines()
    missing = []
    for c, e in per.items():
        nm = carrier_shown(c, lang).split()[0]
        want = [pdf_money(e["income"], lang), pdf_money(money_json(cli[c]["shipping_expense"]), lang)]
        if not any(ln.split()[:1] == [nm] and all(w in ln.split() for w in want) for ln in lines):
            missing.append((nm, want))
    ok(not missing and {"en": "Shipping and carriers", "tr": "Kargo ve kargo firmaları"}[lang] in text,
       os.path.basename(path) + ": every carrier's income and expense on its line %r" % missing[:2])
    listed = late[:500]
    codes = [l[2] for l in listed if l[2] not in text]
    ok(not codes and (len(late) <= 500 or {"en": "every late order is in the XLSX",
                                           "tr": "XLSX dışa aktarımındadır"}[lang] in " ".join(text.split())),
       os.path.basename(path) + ": the late orders listed (%d of %d) %r" % (len(listed), len(late), codes[:3]))
    flat = " ".join(text.split())
    ok(all(" ".join(a.split()[:4]) in flat for a in advice), os.path.basename(path) + ": the recommendations")

if shutil.which("soffice") is not None:
    lo = os.path.join(work, "lo-carriers")
    soffice(car_files, os.path.join(lo, "open"), profile=os.path.join(work, "lo-profile"))
    for lang, win, mp in car_cases:
        per, late, _ = carriers_expected(*WINDOWS[win], mp)
        cli, _ = carriers_cli(win, mp)
        base = "carriers-%s-%s%s" % (lang, win, "-mp" if mp else "")
        f = os.path.join(lo, "open", "%s-%s.csv" % (base, CARRIER_SHEETS[lang][0]))
        if ok(os.path.exists(f), base + ".xlsx in LibreOffice: read"):
            header, data, totals = split_table([[c if c != "" else None for c in r] for r in lo_rows(f)])
            check_carrier_rows(base + ".xlsx in LibreOffice", data, per, cli, lang, pct_as_ratio=True)
        f = os.path.join(lo, "open", "%s-%s.csv" % (base, CARRIER_SHEETS[lang][1]))
        if ok(os.path.exists(f), base + ".xlsx in LibreOffice: the late orders read"):
            header, data, totals = split_table([[c if c != "" else None for c in r] for r in lo_rows(f)])
            check_late_rows(base + ".xlsx late orders in LibreOffice", data, late, lang)

print("1..%d" % tests)
shutil.rmtree(work, ignore_errors=True)
sys.exit(1 if failures else 0)
