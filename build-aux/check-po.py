#!/usr/bin/env python3
"""Fails when the Turkish translation is not complete.

Extracts every translatable string of the files in po/POTFILES.in with
xgettext and checks that po/tr.po translates each one, with nothing fuzzy or
untranslated and with matching format directives. Also fails when a source
file or .ui template marks strings for translation but is missing from
POTFILES.in, and when POTFILES.in is not sorted or lists a file twice.
"""
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
po_dir = os.path.join(root, "po")
problems = []

with open(os.path.join(po_dir, "POTFILES.in"), encoding="utf-8") as f:
    listed = [l.strip() for l in f if l.strip() and not l.startswith("#")]

# one line a file, in order: a repeat or a line out of place is how two
# branches adding files at once go wrong
seen = set()
for path in listed:
    if path in seen:
        problems.append(f"POTFILES.in lists {path} twice")
    seen.add(path)
if listed != sorted(listed):
    problems.append("POTFILES.in is not sorted (sort it with LC_ALL=C sort -u)")

for path in listed:
    if not os.path.exists(os.path.join(root, path)):
        problems.append(f"POTFILES.in lists {path}, which does not exist")

marker = re.compile(r'\b(?:N?C?_)\s*\(\s*"')
for base, dirs, files in [w for top in ("src", "resources") for w in os.walk(os.path.join(root, top))]:
    for name in files:
        if not name.endswith((".c", ".ui")):
            continue
        full = os.path.join(base, name)
        rel = os.path.relpath(full, root)
        with open(full, encoding="utf-8") as f:
            text = f.read()
        if (marker.search(text) or 'translatable="yes"' in text) and rel not in listed:
            problems.append(f"{rel} has translatable strings but is not in po/POTFILES.in")

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "ciro.pot")
    subprocess.run(["xgettext", "--from-code=UTF-8", "-f", os.path.join(po_dir, "POTFILES.in"),
                    "-D", root, "-o", pot, "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2",
                    "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3", "--keyword=ngettext:1,2",
                    "--package-name=ciro"], check=True,
                   stderr=subprocess.DEVNULL)
    tr = os.path.join(po_dir, "tr.po")
    # msgcmp lists every msgid of the template missing from tr.po.
    r = subprocess.run(["msgcmp", "--use-untranslated", tr, pot], capture_output=True, text=True)
    if r.returncode != 0:
        with open(pot, encoding="utf-8") as f:
            pot_lines = f.read().splitlines()
        for line in r.stderr.splitlines():
            m = re.search(r"ciro\.pot:(\d+): this message is used but not defined", line)
            if m:
                n = int(m.group(1)) - 1
                # msgcmp names a line of the entry: back to its msgid, then
                # read on through the continued "…" lines
                while n > 0 and not pot_lines[n].startswith("msgid "):
                    n -= 1
                text = ""
                for l in pot_lines[n:]:
                    if l.startswith("msgstr") or (text and not l.startswith('"')):
                        break
                    text += "".join(re.findall(r'"(.*)"', l))
                problems.append("untranslated: " + text[:200])
        if not problems:
            problems.append(r.stderr.strip())
    r = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, tr],
                       capture_output=True, text=True)
    if r.returncode != 0:
        problems.append("msgfmt --check rejects po/tr.po:\n" + r.stderr.strip())
    elif "untranslated" in r.stderr or "fuzzy" in r.stderr:
        problems.append("po/tr.po is incomplete: " + r.stderr.strip())

if problems:
    print("The Turkish translation is not complete:")
    for p in problems:
        print("  " + p)
    sys.exit(1)
print("po/tr.po translates every string")
