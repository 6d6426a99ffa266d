#!/bin/sh
# check-launch.sh APP: start the real app with no network (also with an online basemap chosen),
# close it, and require a silent terminal.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
app=$1
if [ -z "${DISPLAY:-}" ]; then
  echo "no display: run under xvfb-run"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
status=0

run() {
  # $1: name, then the app's arguments
  name=$1; shift
  "$app" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
  pid=$!
  sleep 3
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"; echo "$name: the app exited by itself (status $?)"; status=1
  else
    # SIGTERM closes the windows the way Quit does
    kill -TERM "$pid"
    wait "$pid"; rc=$?
    [ "$rc" -eq 0 ] || { echo "$name: exit status $rc after SIGTERM"; status=1; }
  fi
  if [ -s "$tmp/$name.err" ] || [ -s "$tmp/$name.out" ]; then
    echo "$name: the app printed on the terminal:"; cat "$tmp/$name.out" "$tmp/$name.err" | head -20
    status=1
  else
    echo "$name: silent"
  fi
}

run plain
printf 'not a plan' >"$tmp/bad.lcplan"
run bad-file "$tmp/bad.lcplan"

# The OpenStreetMap basemap chosen, and no network: still not a word
mkdir -p "$tmp/config/glib-2.0/settings"
printf "[org/lifecircle/Planner]\nbasemap='osm'\n" >"$tmp/config/glib-2.0/settings/keyfile"
(
  export GSETTINGS_BACKEND=keyfile
  run online-basemap
  [ -d "$tmp/cache/lifecircle/tiles/osm" ] || { echo "online-basemap: the basemap was not used"; status=1; }
  exit $status
) || status=1
exit $status
