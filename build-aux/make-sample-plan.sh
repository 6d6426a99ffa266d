#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# make-sample-plan.sh TOOL OSM PLAN SHEET…: the bundled sample plan of 五角场,
# made as a planner would: the status quo imported from OpenStreetMap, then
# the blueprint, its targets, the projects, the needs and the meeting log
# (一图三会) read from their
# sheets (data/sample/*.csv) with the tool's own importer. Any bad row stops
# the build (import-projects exits 1 and writes nothing).
set -eu

tool=$1 osm=$2 plan=$3
shift 3

"$tool" import "$osm" --output "$plan" --force --boundary 13466003 --unit-name 五角场街道 >/dev/null
for sheet in "$@"; do
  "$tool" import-projects "$plan" "$sheet" >/dev/null
done
