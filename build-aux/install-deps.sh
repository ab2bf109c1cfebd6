#!/usr/bin/env bash
# Installs what building, running and testing Ciro needs on Debian 12.
# Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(
  # build
  gcc meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsqlite3-dev libsecret-1-dev libxlsxwriter-dev
  libcairo2-dev libpango1.0-dev
  # reading the marketplaces' fee files: XLSX is a zip (libarchive) of XML (libxml2)
  libarchive-dev libxml2-dev
  # validators run as tests
  desktop-file-utils appstream python3
  # sanitizers, and libFuzzer with clang for tests/fuzz (build-aux/run-fuzz.sh)
  libclang-rt-14-dev clang
  # running and testing the window without a screen
  xvfb xauth dbus dbus-x11 at-spi2-core librsvg2-common adwaita-icon-theme
  fonts-cantarell fonts-dejavu-core locales
  # a real Secret Service on a private session bus for the keyring tests
  gnome-keyring glib-networking
  # a mock notification daemon for the notification tests
  python3-dbusmock
  # reading back the exports: an independent XLSX reader and a real spreadsheet
  python3-openpyxl libreoffice-calc-nogui
  # reading back reports
  sqlite3 poppler-utils unzip bc time
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
else
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi


# The Turkish locale, for checking the translation and number formats.
if ! locale -a 2>/dev/null | grep -qi '^tr_TR.utf8$'; then
  if [ -f /etc/locale.gen ]; then
    $SUDO sed -i 's/^# *tr_TR.UTF-8 UTF-8/tr_TR.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^tr_TR.UTF-8 UTF-8' /etc/locale.gen || echo 'tr_TR.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
    $SUDO locale-gen >/dev/null || true
  fi
fi
