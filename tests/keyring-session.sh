#!/bin/sh
# Runs a test on a private D-Bus session bus with its own, unlocked
# gnome-keyring (empty password, keyrings in a throwaway folder), so that
# tests use a real Secret Service and never the person's own keyring.
# When that cannot be set up the test still runs, with CIRO_TEST_KEYRING
# saying why, and skips its keyring parts.
if [ "$1" = "--inner" ]; then
  shift
  # started in the foreground so that it is ours to stop by its id
  printf 'ciro-test' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  keyring=$!
  tries=0
  until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
          --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true; do
    tries=$((tries + 1))
    if [ $tries -gt 100 ] || ! kill -0 $keyring 2>/dev/null; then
      CIRO_TEST_KEYRING="unavailable: gnome-keyring-daemon did not start on the private session bus"
      break
    fi
    sleep 0.1
  done
  export CIRO_TEST_KEYRING="${CIRO_TEST_KEYRING:-private}"
  # fd 3 is the test's real stdout (its TAP); services the bus starts write to stderr
  "$@" 1>&3 3>&-
  status=$?
  kill $keyring 2>/dev/null
  wait $keyring 2>/dev/null
  exit $status
fi

for tool in dbus-run-session gnome-keyring-daemon gdbus; do
  if ! command -v $tool >/dev/null 2>&1; then
    CIRO_TEST_KEYRING="unavailable: $tool is not installed (build-aux/install-deps.sh installs it)" exec "$@"
  fi
done
tmp=$(mktemp -d)
mkdir -p "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/run"
chmod 700 "$tmp/run"
XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run" \
  dbus-run-session -- "$0" --inner "$@" 3>&1 1>&2
status=$?
rm -rf "$tmp"
exit $status
