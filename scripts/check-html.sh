#!/bin/sh
# Checks lessons exported as web pages in headless Chromium: each page loads
# (its DOM ends with the last section and holds the plots' SVGs), logs nothing
# to the console (the page has no scripts, so any message is an error: a
# resource that failed to load, an SVG the browser rejected), and a
# screenshot of it is made.
#
#   scripts/check-html.sh OPTREPL OUTDIR [LESSON...]   (default: every lesson)
#
# Needs Debian's `chromium`; run as root it needs --no-sandbox.
set -eu

if [ $# -lt 2 ]; then
  echo "usage: $0 OPTREPL OUTDIR [LESSON...]" >&2
  exit 2
fi
optrepl=$1
out=$2
shift 2
mkdir -p "$out"
out=$(cd "$out" && pwd)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "$0: chromium not found (apt-get install chromium)" >&2; exit 1; }
lessons=${*:-$(sed -n 's/^\([a-z0-9-]*\).*/\1/p' "$(dirname "$0")/../lessons/order.txt")}

failures=0
for lesson in $lessons; do
  page=$out/$lesson.html
  if ! "$optrepl" walk "$lesson" --html "$page" >/dev/null; then
    echo "FAIL $lesson: the export reported an error" >&2
    failures=$((failures + 1))
    continue
  fi
  profile=$(mktemp -d)
  flags="--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=$profile"
  # The page's DOM after loading, and everything the page logged.
  "$browser" $flags --enable-logging=stderr --v=0 --dump-dom "file://$page" >"$out/$lesson.dom" 2>"$out/$lesson.log" || true
  "$browser" $flags --window-size=1000,1400 --screenshot="$out/$lesson.png" "file://$page" >/dev/null 2>&1 || true
  rm -rf "$profile"
  expected=$(grep -c '<figure>' "$page" || true)
  found=$(grep -o '<svg' "$out/$lesson.dom" | wc -l)
  if ! grep -q '</main>' "$out/$lesson.dom"; then
    echo "FAIL $lesson: the page did not load (no </main> in its DOM)" >&2
    failures=$((failures + 1))
  elif [ "$found" -ne "$expected" ]; then
    echo "FAIL $lesson: $expected figures written, $found SVGs in the browser's DOM" >&2
    failures=$((failures + 1))
  elif grep -q 'CONSOLE' "$out/$lesson.log"; then
    echo "FAIL $lesson: console messages:" >&2
    grep 'CONSOLE' "$out/$lesson.log" >&2
    failures=$((failures + 1))
  elif [ ! -s "$out/$lesson.png" ]; then
    echo "FAIL $lesson: no screenshot" >&2
    failures=$((failures + 1))
  else
    echo "ok   $lesson: $found plots, no console messages, screenshot $out/$lesson.png"
  fi
done
[ "$failures" -eq 0 ] || { echo "$failures lesson page(s) failed" >&2; exit 1; }
