#!/usr/bin/env python3
"""Checks the Flatpak manifest against the project (it cannot be built here).

The manifest must parse, name the app id the desktop file and metainfo use,
run a binary the project installs, and build Ciro with meson using only the
options meson_options.txt declares (README's commands use the defaults).
"""
import json
import os
import re
import sys

root = sys.argv[1]
problems = []
with open(os.path.join(root, "flatpak", "io.github.ciroapp.Ciro.json"), encoding="utf-8") as f:
    manifest = json.load(f)

app_id = manifest.get("id") or manifest.get("app-id")
if app_id != "io.github.ciroapp.Ciro":
    problems.append(f"app id is {app_id!r}")
for name in (f"data/{app_id}.desktop.in", f"data/{app_id}.metainfo.xml.in"):
    if not os.path.exists(os.path.join(root, name)):
        problems.append(f"{name} does not exist")
with open(os.path.join(root, "data", f"{app_id}.metainfo.xml.in"), encoding="utf-8") as f:
    if f"<id>{app_id}</id>" not in f.read():
        problems.append("metainfo id differs from the manifest's")

# the development flavour: the same manifest but for its id and -Ddevelopment=true
with open(os.path.join(root, "flatpak", "io.github.ciroapp.Ciro.Devel.json"), encoding="utf-8") as f:
    devel = json.load(f)
if (devel.get("id") or devel.get("app-id")) != app_id + ".Devel":
    problems.append("the Devel manifest's id is not " + app_id + ".Devel")
devel_ciro = [m for m in devel.get("modules", []) if isinstance(m, dict) and m.get("name") == "ciro"]
if len(devel_ciro) != 1 or "-Ddevelopment=true" not in devel_ciro[0].get("config-opts", []):
    problems.append("the Devel manifest does not build with -Ddevelopment=true")
for icon in (f"data/icons/hicolor/scalable/apps/{app_id}.Devel.svg",
             f"data/icons/hicolor/symbolic/apps/{app_id}.Devel-symbolic.svg"):
    if not os.path.exists(os.path.join(root, icon)):
        problems.append(f"{icon} does not exist")

installed = set()
for base, _, files in os.walk(os.path.join(root, "src")):
    if "meson.build" in files:
        with open(os.path.join(base, "meson.build"), encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r"executable\(\s*'([^']+)'(.*?)\n\)", text, re.S):
            if "install: true" in m.group(2):
                installed.add(m.group(1))
if manifest.get("command") not in installed:
    problems.append(f"command {manifest.get('command')!r} is not an installed binary ({sorted(installed)})")

with open(os.path.join(root, "meson_options.txt"), encoding="utf-8") as f:
    options = set(re.findall(r"option\('([^']+)'", f.read()))
ciro = [m for m in manifest["modules"] if isinstance(m, dict) and m.get("name") == "ciro"]
if len(ciro) != 1 or ciro[0].get("buildsystem") != "meson":
    problems.append("no meson module named ciro")
else:
    for opt in ciro[0].get("config-opts", []):
        m = re.match(r"-D([^=]+)=", opt)
        if not m or m.group(1) not in options:
            problems.append(f"config option {opt!r} is not declared in meson_options.txt")
    if ciro[0]["sources"][0].get("path") != "..":
        problems.append("the ciro module does not build this checkout")

if problems:
    print("flatpak manifest problems:\n  " + "\n  ".join(problems))
    sys.exit(1)
print("flatpak manifest agrees with the project")
