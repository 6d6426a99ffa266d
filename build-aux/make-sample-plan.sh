#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# make-sample-plan.sh TOOL OSM PLAN SHEET…: the bundled sample plan of 五角场,
# made as a planner would: the status quo imported from OpenStreetMap, the
# unit's profile, then the blueprint, its targets, the projects, the needs and the meeting log
# (一图三会) read from their
# sheets (data/sample/*.csv) with the tool's own importer. Any bad row stops
# the build (import-projects exits 1 and writes nothing).
set -eu

tool=$1 osm=$2 plan=$3
shift 3

"$tool" import "$osm" --output "$plan" --force --boundary 13466003 --unit-name 五角场街道 >/dev/null
"$tool" set-profile "$plan" district=杨浦区 subdistrict=五角场街道 \
  planner=杨浦区规划和自然资源局 community_planner=同济大学建筑与城市规划学院社区规划师团队 \
  period_start=2025 plan_version=2025年版（征求意见稿） plan_date=2025-06-30
for sheet in "$@"; do
  "$tool" import-projects "$plan" "$sheet" >/dev/null
done
