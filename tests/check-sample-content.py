#!/usr/bin/python3
# check-sample-content.py SRCDIR [DATADIR] [--plan PLAN]: the sample plan's content sheets against the
# exchange contract, and (with --plan) that the built plan holds every row of them and a full unit profile
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks data/sample/{projects,needs,blueprint,blueprint-targets,meetings}.csv (or
# those in DATADIR): UTF-8 with BOM, RFC 4180 CSV, headers exactly as in the
# sheet contract, required fields, enumerations, the 20 service names (read
# from src/core/lc-services.c), dates, progress against status, coordinates
# inside the <bounds> of data/sample/wujiaochang_fudan.osm.gz, the minimum
# counts the sample promises, and that every linked project exists. The
# meeting log (一图三会) must hold a meeting of each type linked to projects,
# a vote between two or more options, ratings, meetings in the right order
# relative to their projects' dates, and one completed project with all
# three meetings.
# Standard library only. Prints every problem; exits 1 if there is one.
import csv
import datetime
import gzip
import io
import os
import re
import sys
import xml.etree.ElementTree as ET

PROJECT_HEADERS = ["项目名称", "项目类型", "1+N 角色", "服务功能", "实施年度", "状态", "进度",
                   "投资估算（万元）", "资金来源", "实施主体", "建设内容", "实施路径",
                   "开始日期", "完成日期", "设计团队", "纬度", "经度", "备注"]
NEED_HEADERS = ["日期", "来源", "服务功能", "需求描述", "紧迫程度", "提出人数", "状态",
                "纬度", "经度", "对应项目", "备注"]
BLUEPRINT_HEADERS = ["章节", "标题", "内容"]
TARGET_HEADERS = ["服务功能", "年度", "新增设施", "覆盖目标", "备注"]
MEETING_HEADERS = ["会议类型", "日期时间", "地点", "纬度", "经度", "组织方", "组织方说明", "主持人", "出席人数",
                   "议程", "会议纪要", "决议事项", "关联项目", "表决选项", "弃权票",
                   "非常不满意", "不满意", "一般", "满意", "非常满意", "意见反馈"]
RATING_HEADERS = MEETING_HEADERS[15:20]
MEETING_TYPES = ("征询会", "协调会", "评议会", "其他")
ORGANISERS = {"", "居委会", "业委会", "街道", "其他"}
MEETING_SEP = "；"
VOTE_OPTION = re.compile(r"([^（：]+)(?:（([^）]*)）)?：纸质票(\d+)，其他渠道(\d+)")

KINDS = {"基础保障", "品质提升"}
ROLES = {"人民坊", "六艺亭", "其他"}
PROJECT_STATUSES = {"储备", "推进", "完成"}
PATHS = {"新建", "改建", "开放附属空间", "其他"}
SOURCES = {"问卷", "座谈会", "居委会", "12345热线", "其他"}
NEED_STATUSES = {"待回应", "已回应", "已关闭"}
BLUEPRINT_SECTIONS = ("vision", "framework", "functions", "layout")
PERIOD = range(2025, 2030)
SEP = "、"

problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def service_names(srcdir):
    text = open(os.path.join(srcdir, "src", "core", "lc-services.c"), encoding="utf-8").read()
    names = re.findall(r'\{\s*"[a-z_]+",\s*"([^"]+)",\s*N_\(', text)
    if len(names) != 20:
        problem("lc-services.c", f"found {len(names)} service names, expected 20")
    return set(names)


def bounds(srcdir):
    path = os.path.join(srcdir, "data", "sample", "wujiaochang_fudan.osm.gz")
    with gzip.open(path) as f:
        for _, elem in ET.iterparse(f, events=("start",)):
            if elem.tag == "bounds":
                return tuple(float(elem.get(k)) for k in ("minlat", "minlon", "maxlat", "maxlon"))
    raise SystemExit(f"{path}: no <bounds>")


def read_sheet(datadir, name, headers):
    path = os.path.join(datadir, name)
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        problem(name, "does not start with a UTF-8 byte-order mark")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        problem(name, f"not UTF-8: {e}")
        return []
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not rows or rows[0] != headers:
        problem(name, f"headers {rows[0] if rows else None} are not {headers}")
        return []
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(headers):
            problem(f"{name}:{n}", f"{len(row)} fields, expected {len(headers)}")
            continue
        out.append((f"{name}:{n}", dict(zip(headers, row))))
    return out


def parse_date(s, day_required=False):
    """(y, m, d or None) for YYYY-MM-DD or YYYY-MM, or None if invalid."""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", s)
    if not m or (day_required and m.group(3) is None):
        return None
    y, mo = int(m.group(1)), int(m.group(2))
    d = int(m.group(3)) if m.group(3) else None
    try:
        datetime.date(y, mo, d or 1)
    except ValueError:
        return None
    return (y, mo, d)


def number(where, field, s, lo=None, hi=None, integer=False, required=False):
    if s == "":
        if required:
            problem(where, f"{field} is empty")
        return None
    try:
        v = int(s) if integer else float(s)
    except ValueError:
        problem(where, f"{field} {s!r} is not a{'n integer' if integer else ' number'}")
        return None
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        problem(where, f"{field} {s} is outside {lo}–{hi}")
    return v


def check_point(where, row, box, required):
    lat, lon = row["纬度"], row["经度"]
    if lat == "" and lon == "":
        if required:
            problem(where, "no coordinates")
        return
    la = number(where, "纬度", lat, required=True)
    lo = number(where, "经度", lon, required=True)
    if la is None or lo is None:
        return
    if not (box[0] <= la <= box[2] and box[1] <= lo <= box[3]):
        problem(where, f"({la}, {lo}) is outside the extract's bounds {box}")


def check_services(where, s, services, required):
    names = [x for x in s.split(SEP)] if s else []
    if required and not names:
        problem(where, "no 服务功能")
    for x in names:
        if x not in services:
            problem(where, f"服务功能 {x!r} is not one of the 20 services")
    return names


def check_projects(rows, services, box):
    names = set()
    for where, r in rows:
        name = r["项目名称"].strip()
        if not name:
            problem(where, "项目名称 is empty")
        elif name in names:
            problem(where, f"项目名称 {name!r} is not unique")
        elif SEP in name:
            problem(where, f"项目名称 {name!r} holds the list separator {SEP}")
        names.add(name)
        for field, allowed in (("项目类型", KINDS), ("1+N 角色", ROLES), ("实施路径", PATHS)):
            if r[field] and r[field] not in allowed:
                problem(where, f"{field} {r[field]!r} is not one of {sorted(allowed)}")
        if r["状态"] not in PROJECT_STATUSES:
            problem(where, f"状态 {r['状态']!r} is not one of {sorted(PROJECT_STATUSES)}")
        check_services(where, r["服务功能"], services, required=True)
        if r["1+N 角色"] == "人民坊" and len(r["服务功能"].split(SEP)) < 2:
            problem(where, "a 人民坊 combines two or more services")
        number(where, "实施年度", r["实施年度"], 2020, 2100, integer=True)
        budget = number(where, "投资估算（万元）", r["投资估算（万元）"], 0)
        if budget is None:
            problem(where, "no 投资估算（万元）")
        p = number(where, "进度", r["进度"].rstrip("%"), 0, 100)
        status = r["状态"]
        if status == "完成" and p != 100:
            problem(where, f"状态 完成 with 进度 {r['进度']!r} (must be 100)")
        elif status == "推进" and (p is None or not 0 < p < 100):
            problem(where, f"状态 推进 with 进度 {r['进度']!r} (must be between 0 and 100)")
        elif status == "储备" and p not in (None, 0):
            problem(where, f"状态 储备 with 进度 {r['进度']!r} (must be 0 or empty)")
        start = end = None
        for field in ("开始日期", "完成日期"):
            if r[field]:
                d = parse_date(r[field])
                if d is None:
                    problem(where, f"{field} {r[field]!r} is not YYYY-MM-DD or YYYY-MM")
                elif field == "开始日期":
                    start = d
                else:
                    end = d
        if start and end:
            precise = start[2] is not None and end[2] is not None
            if (end[:2] < start[:2]) or (precise and end < start):
                problem(where, f"完成日期 {r['完成日期']} is before 开始日期 {r['开始日期']}")
        if r["实施年度"] and status != "储备":
            for field in ("建设内容", "实施路径", "实施主体", "资金来源", "开始日期", "完成日期", "设计团队"):
                if not r[field]:
                    problem(where, f"a project of an implementation list needs {field}")
        check_point(where, r, box, required=False)
    return names


def check_needs(rows, services, box, project_names):
    for where, r in rows:
        if parse_date(r["日期"], day_required=True) is None:
            problem(where, f"日期 {r['日期']!r} is not YYYY-MM-DD")
        if r["来源"] and r["来源"] not in SOURCES:
            problem(where, f"来源 {r['来源']!r} is not one of {sorted(SOURCES)}")
        if r["服务功能"] and r["服务功能"] not in services:
            problem(where, f"服务功能 {r['服务功能']!r} is not one of the 20 services")
        if not r["需求描述"].strip():
            problem(where, "需求描述 is empty")
        number(where, "紧迫程度", r["紧迫程度"], 1, 4, integer=True)
        number(where, "提出人数", r["提出人数"], 0, integer=True)
        if r["状态"] and r["状态"] not in NEED_STATUSES:
            problem(where, f"状态 {r['状态']!r} is not one of {sorted(NEED_STATUSES)}")
        for name in filter(None, r["对应项目"].split(SEP)):
            if name not in project_names:
                problem(where, f"对应项目 {name!r} is no project of projects.csv")
        if r["对应项目"] and r["状态"] in ("", "待回应"):
            problem(where, "a need answered by a project is not 待回应")
        check_point(where, r, box, required=True)


def check_blueprint(rows):
    seen = set()
    for where, r in rows:
        if not r["章节"]:
            problem(where, "章节 is empty")
        if not r["内容"].strip():
            problem(where, "内容 is empty")
        seen.add(r["章节"])
    for s in BLUEPRINT_SECTIONS:
        if s not in seen:
            problem("blueprint.csv", f"no section {s}")


def check_targets(rows, services):
    seen = {}
    for where, r in rows:
        s = r["服务功能"]
        if s not in services:
            problem(where, f"服务功能 {s!r} is not one of the 20 services")
        y = number(where, "年度", r["年度"], 2020, 2100, integer=True, required=True)
        number(where, "新增设施", r["新增设施"], 0, integer=True)
        c = number(where, "覆盖目标", r["覆盖目标"].rstrip("%"), 0, 100)
        if (s, y) in seen:
            problem(where, f"a second target for {s} in {y}")
        seen[(s, y)] = c
    for s in {s for s, _ in seen}:
        years = sorted(y for t, y in seen if t == s)
        if years != list(PERIOD):
            problem("blueprint-targets.csv", f"{s}: years {years}, expected {PERIOD.start}–{PERIOD.stop - 1}")
        covs = [seen[(s, y)] for y in years if seen[(s, y)] is not None]
        if covs != sorted(covs):
            problem("blueprint-targets.csv", f"{s}: coverage targets fall over the years {covs}")


def check_meetings(rows, projects, box):
    """The meeting log: valid cells, and the 一图三会 history the sample promises"""
    by_name = {r["项目名称"]: r for _, r in projects}
    held = {}   # project name → {type: [dates]}
    types_linked = set()
    votes = ratings = 0
    for where, r in rows:
        kind = r["会议类型"]
        if kind not in MEETING_TYPES:
            problem(where, f"会议类型 {kind!r} is not one of {MEETING_TYPES}")
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?: \d{2}:\d{2})?", r["日期时间"])
        day = parse_date(m.group(1), day_required=True) if m else None
        if day is None:
            problem(where, f"日期时间 {r['日期时间']!r} is not YYYY-MM-DD HH:MM")
        elif not 2024 <= day[0] <= 2026:
            problem(where, f"日期时间 {r['日期时间']} is not in 2024–2026")
        if r["组织方"] not in ORGANISERS:
            problem(where, f"组织方 {r['组织方']!r} is not one of {sorted(ORGANISERS)}")
        for field in ("地点", "主持人", "议程", "会议纪要", "决议事项"):
            if not r[field].strip():
                problem(where, f"{field} is empty")
        number(where, "出席人数", r["出席人数"], 1, integer=True, required=True)
        names = [n for n in r["关联项目"].split(MEETING_SEP) if n]
        if not names:
            problem(where, "no 关联项目")
        for name in names:
            if name not in by_name:
                problem(where, f"关联项目 {name!r} is no project of projects.csv")
            elif m:
                held.setdefault(name, {}).setdefault(kind, []).append(m.group(1))
        if names:
            types_linked.add(kind)
        check_point(where, r, box, required=False)
        options = [o for o in r["表决选项"].split(MEETING_SEP) if o]
        cast = 0
        for o in options:
            vote = VOTE_OPTION.fullmatch(o)
            if vote:
                cast += int(vote.group(3)) + int(vote.group(4))
            else:
                problem(where, f"表决选项 {o!r} is not “方案A（说明）：纸质票N，其他渠道N”")
        if options and kind != "协调会":
            problem(where, "表决选项 at a meeting that is not a 协调会")
        if len(options) >= 2 and cast > 0:
            votes += 1
            number(where, "弃权票", r["弃权票"], 0, integer=True, required=True)
        counts = [number(where, h, r[h], 0, integer=True) or 0 for h in RATING_HEADERS]
        if sum(counts) > 0:
            ratings += 1
            if kind != "评议会":
                problem(where, "ratings at a meeting that is not a 评议会")
            if not r["意见反馈"].strip():
                problem(where, "ratings without 意见反馈")
    for kind in MEETING_TYPES:
        if kind not in types_linked:
            problem("meetings.csv", f"no {kind} linked to a project")
    if votes == 0:
        problem("meetings.csv", "no vote between two or more options with votes cast")
    if ratings == 0:
        problem("meetings.csv", "no meeting with ratings")
    # The order of 一图三会 against each project's dates (lc-meeting.h)
    complete = []
    for name, meetings in held.items():
        p = by_name[name]
        start, end, status = p["开始日期"], p["完成日期"], p["状态"]
        first = {k: min(v) for k, v in meetings.items()}
        if start and "征询会" in first and first["征询会"] > start:
            problem("meetings.csv", f"{name}: 征询会 {first['征询会']} after the start {start}")
        if "协调会" in first and (first["协调会"] < first.get("征询会", "") or (end and first["协调会"] > end)):
            problem("meetings.csv", f"{name}: 协调会 {first['协调会']} out of order")
        if "评议会" in meetings:
            last = max(meetings["评议会"])
            if status != "完成" or (end and last < end) or last < first.get("协调会", ""):
                problem("meetings.csv", f"{name}: 评议会 {last} before completion or the 协调会")
        if status == "完成" and all(k in meetings for k in MEETING_TYPES[:3]):
            complete.append(name)
    if not complete:
        problem("meetings.csv", "no completed project held all three meetings")
    print(f"# {len(rows)} meetings, {votes} votes, {ratings} ratings; "
          f"三会 complete: {'、'.join(complete) or 'none'}")
    return complete


def check_counts(projects, needs, blueprint_rows, targets):
    def count(rows, field, value):
        return sum(1 for _, r in rows if r[field] == value)
    if len(projects) < 12:
        problem("projects.csv", f"{len(projects)} projects, at least 12 expected")
    for status in PROJECT_STATUSES:
        if count(projects, "状态", status) == 0:
            problem("projects.csv", f"no project with 状态 {status}")
    for kind in KINDS:
        if count(projects, "项目类型", kind) == 0:
            problem("projects.csv", f"no project of 项目类型 {kind}")
    if count(projects, "1+N 角色", "人民坊") < 1:
        problem("projects.csv", "no 人民坊 project")
    if count(projects, "1+N 角色", "六艺亭") < 2:
        problem("projects.csv", "fewer than 2 六艺亭 projects")
    years = {r["实施年度"] for _, r in projects if r["实施年度"]}
    if len(years) < 3:
        problem("projects.csv", f"projects in {len(years)} years, at least 3 expected")
    if len(needs) < 15:
        problem("needs.csv", f"{len(needs)} needs, at least 15 expected")
    linked = sum(1 for _, r in needs if r["对应项目"])
    if linked == 0 or linked == len(needs):
        problem("needs.csv", f"{linked} of {len(needs)} needs linked to projects: expected some, not all")
    if not targets:
        problem("blueprint-targets.csv", "no targets")
    print(f"# {len(projects)} projects in years {sorted(years)}, {len(needs)} needs ({linked} linked), "
          f"{len(blueprint_rows)} blueprint sections, {len(targets)} targets")


def check_plan(path, projects, needs, blueprint_rows, targets, meetings):
    """The plan built from the sheets (data/meson.build) holds every row"""
    import sqlite3
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    expected = {
        "projects": len(projects),
        "project_locations": len(projects),
        "needs": len(needs),
        "blueprint": len(blueprint_rows),
        "blueprint_targets": len(targets),
        "need_projects": sum(len([n for n in r["对应项目"].split(SEP) if n]) for _, r in needs),
        "meetings": len(meetings),
        "meeting_projects": sum(len([n for n in r["关联项目"].split(MEETING_SEP) if n]) for _, r in meetings),
        "vote_options": sum(len([o for o in r["表决选项"].split(MEETING_SEP) if o]) for _, r in meetings),
    }
    for table, count in expected.items():
        got = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if got != count:
            problem(os.path.basename(path), f"{table}: {got} rows, the sheets have {count}")
    # The unit's profile is filled in, its planning period the blueprint's
    profile = db.execute("SELECT unit_name, district, subdistrict, planner, community_planner, period_start,"
                         " period_end, plan_version, plan_date FROM unit_profile").fetchone()
    for name, value in zip(("unit_name", "district", "subdistrict", "planner", "community_planner",
                            "period_start", "period_end", "plan_version", "plan_date"), profile):
        if value in (None, ""):
            problem(os.path.basename(path), f"unit_profile.{name} is empty")
    if (profile[5], profile[6]) != (PERIOD.start, PERIOD.stop - 1):
        problem(os.path.basename(path), f"the planning period is {profile[5]}–{profile[6]}, the blueprint's "
                f"{PERIOD.start}–{PERIOD.stop - 1}")
    print(f"# {os.path.basename(path)}: " + ", ".join(f"{t} {c}" for t, c in expected.items()))


def main():
    args = sys.argv[1:]
    plan = None
    if "--plan" in args:
        i = args.index("--plan")
        plan = args[i + 1]
        del args[i:i + 2]
    if len(args) not in (1, 2):
        raise SystemExit("usage: check-sample-content.py SRCDIR [DATADIR] [--plan PLAN]")
    srcdir = args[0]
    datadir = args[1] if len(args) == 2 else os.path.join(srcdir, "data", "sample")
    services = service_names(srcdir)
    box = bounds(srcdir)
    projects = read_sheet(datadir, "projects.csv", PROJECT_HEADERS)
    needs = read_sheet(datadir, "needs.csv", NEED_HEADERS)
    blueprint_rows = read_sheet(datadir, "blueprint.csv", BLUEPRINT_HEADERS)
    targets = read_sheet(datadir, "blueprint-targets.csv", TARGET_HEADERS)
    meetings = read_sheet(datadir, "meetings.csv", MEETING_HEADERS)
    names = check_projects(projects, services, box)
    check_needs(needs, services, box, names)
    check_blueprint(blueprint_rows)
    check_targets(targets, services)
    check_meetings(meetings, projects, box)
    check_counts(projects, needs, blueprint_rows, targets)
    if plan is not None:
        check_plan(plan, projects, needs, blueprint_rows, targets, meetings)
    for p in problems:
        print(p)
    print("FAIL" if problems else "PASS")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
