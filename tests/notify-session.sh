#!/bin/sh
# Runs a test on a private session bus where python3-dbusmock plays the
# desktop's notification daemon (org.freedesktop.Notifications).
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! "$py" -c 'import dbusmock' 2>/dev/null; then
  echo "1..0 # SKIP python3-dbusmock is not installed"
  exit 0
fi
exec dbus-run-session -- sh -c '
  py="$1"; shift
  "$py" -m dbusmock --template notification_daemon >/dev/null 2>&1 &
  mock=$!
  i=0
  until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.Notifications 2>/dev/null | grep -q true; do
    i=$((i + 1)); [ $i -gt 100 ] && { echo "Bail out! the mock notification daemon did not start"; exit 1; }
    sleep 0.1
  done
  "$@"; rc=$?
  kill $mock 2>/dev/null
  exit $rc' sh "$py" "$@" 2>/dev/null
