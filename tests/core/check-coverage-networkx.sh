#!/bin/sh
# check-coverage-networkx.sh EXPORTER [PLAN…]: runs check-coverage-networkx.py with Debian's
# python, which has networkx (the first python3 on PATH may not); skips (77) without it.
# SPDX-License-Identifier: GPL-3.0-or-later
python=/usr/bin/python3
if ! [ -x "$python" ] || ! "$python" -c 'import networkx' 2>/dev/null; then
  echo "SKIP: $python with networkx is needed (apt-get install python3-networkx)"
  exit 77
fi
exec "$python" "$(dirname "$0")/check-coverage-networkx.py" "$@"
