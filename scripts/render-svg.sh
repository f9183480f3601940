#!/bin/sh
# Renders an SVG file to a PNG with headless Chromium, to see what a browser
# shows (the plots' SVG tests check the structure; this checks the picture).
#
#   scripts/render-svg.sh plot.svg            # writes plot.png next to it
#   scripts/render-svg.sh plot.svg out.png
#
# Needs Debian's `chromium` package (apt-get install chromium); the browser is
# run without its sandbox, which it refuses to use as root, and with a
# throw-away profile. The window is the size the SVG asks for.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 FILE.svg [OUT.png]" >&2
  exit 2
fi
svg=$1
png=${2:-${svg%.*}.png}
[ -f "$svg" ] || { echo "$0: no such file: $svg" >&2; exit 1; }

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "$0: chromium not found (apt-get install chromium)" >&2; exit 1; }

# The size from the root element: width="..." height="..." (rounded up).
header=$(tr '\n' ' ' < "$svg" | sed -n 's/.*<svg\([^>]*\)>.*/\1/p')
width=$(printf '%s' "$header" | sed -n 's/.* width="\([0-9.]*\)".*/\1/p' | awk '{ printf "%d", $1 + 0.999 }')
height=$(printf '%s' "$header" | sed -n 's/.* height="\([0-9.]*\)".*/\1/p' | awk '{ printf "%d", $1 + 0.999 }')
[ -n "$width" ] && [ -n "$height" ] || { echo "$0: $svg has no width and height on <svg>" >&2; exit 1; }

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
absolute=$(cd "$(dirname "$svg")" && pwd)/$(basename "$svg")
out=$(cd "$(dirname "$png")" && pwd)/$(basename "$png")

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,$height" --screenshot="$out" "file://$absolute" >/dev/null 2>&1 || {
  echo "$0: chromium failed to render $svg" >&2
  exit 1
}
[ -s "$out" ] || { echo "$0: chromium wrote no picture" >&2; exit 1; }
echo "$out (${width}x${height})"
