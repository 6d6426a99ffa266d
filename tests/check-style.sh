#!/bin/sh
# check-style.sh SRCDIR: the house rules of docs/style.md that a script can see.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$1"
status=0
fail() { echo "$1"; status=1; }

for f in $(git ls-files 2>/dev/null | grep -E '\.(c|h)$' || find src tests -name '*.[ch]'); do
  head -n 8 "$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later' || fail "$f: no SPDX licence line in its header"
  grep -q "$(printf '\t')" "$f" && fail "$f: tab characters (indent with spaces)"
  case "$f" in
    *.c)
      grep -q '^#define G_LOG_DOMAIN "' "$f" || fail "$f: no G_LOG_DOMAIN"
      # config.h comes first among the includes
      first=$(grep -m1 '^#include' "$f")
      [ "$first" = '#include "config.h"' ] || fail "$f: the first include is not config.h";;
  esac
done

for f in $(git ls-files 2>/dev/null | grep -E '^ui/.*\.ui$' || find ui -name '*.ui'); do
  grep -q 'SPDX-License-Identifier' "$f" || fail "$f: no SPDX licence line"
done

# One class per file: a file defines at most one GObject type
for f in $(git ls-files 2>/dev/null | grep -E '^src/.*\.c$' || find src -name '*.c'); do
  n=$(grep -c -E '^G_DEFINE_(FINAL_)?TYPE' "$f" || true)
  [ "$n" -le 1 ] || fail "$f: defines $n types"
done

# Core owns the plan's database (docs/HACKING.md): outside src/core no file
# names SQLite, includes a core-only header or holds an SQL statement
sql='"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|VACUUM|ATTACH|WITH)[[:space:]]'
for f in $(git ls-files 2>/dev/null | grep -E '^src/(app|tool)/.*\.[ch]$' || find src/app src/tool -name '*.[ch]'); do
  grep -n 'sqlite3' "$f" | sed "s|^|$f:|; s|$| (SQLite outside core)|"
  grep -q 'sqlite3' "$f" && status=1
  grep -n -E '#include "lc-(plan-private|plan-internal|plan-check|plan-schema)\.h"' "$f" | sed "s|^|$f:|; s|$| (a core-only header)|"
  grep -q -E '#include "lc-(plan-private|plan-internal|plan-check|plan-schema)\.h"' "$f" && status=1
  grep -n -E "$sql" "$f" | sed "s|^|$f:|; s|$| (SQL outside core)|"
  grep -q -E "$sql" "$f" && status=1
done

# No room too large to find one's way in
for f in $(git ls-files 2>/dev/null | grep -E '^src/.*\.c$' || find src -name '*.c'); do
  n=$(wc -l < "$f")
  [ "$n" -le 1500 ] || fail "$f: $n lines; split it along its seams (at most 1,500)"
done

exit $status
