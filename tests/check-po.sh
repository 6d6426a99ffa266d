#!/bin/sh
# check-po.sh SRCDIR: the zh_CN catalogue is complete, and covers every string in the sources.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
srcdir=$1
cd "$srcdir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# 1. Every file with translatable text is listed in POTFILES.in
for f in $(grep -l -r -E '_\(|N_\(|translatable="yes"' src ui data --include='*.c' --include='*.ui' --include='*.in' | sort); do
  if ! grep -q -x -F "$f" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $f"
    status=1
  fi
done
for f in $(grep -v '^#' po/POTFILES.in | grep -v '^$'); do
  [ -f "$f" ] || { echo "po/POTFILES.in lists a missing file: $f"; status=1; }
done

# 2. The catalogue itself: valid, nothing untranslated or fuzzy
stats=$(msgfmt --check --statistics -o /dev/null po/zh_CN.po 2>&1) || { echo "$stats"; exit 1; }
echo "po/zh_CN.po: $stats"
case "$stats" in *untranslated*|*fuzzy*) echo "po/zh_CN.po is incomplete"; status=1;; esac

# 3. Against the strings in today's sources (the same keywords as meson's glib preset)
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --files-from=po/POTFILES.in -o "$tmp/lifecircle.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }
msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" po/zh_CN.po "$tmp/lifecircle.pot"
merged=$(msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "against the sources: $merged"
case "$merged" in
  *untranslated*|*fuzzy*)
    echo "strings in the sources without a translation:"
    msgattrib --untranslated --no-wrap "$tmp/merged.po" | grep '^msgid ' | grep -v '^msgid ""$' | head -40
    status=1;;
esac
exit $status
