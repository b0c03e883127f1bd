#!/usr/bin/env bash
# Regenerates the README's screenshots from the real app: the home page and the pledge page, at a
# phone's 390 x 844 and a laptop's 1280 x 800, into docs/screenshots/{home,pledge}-{390,1280}.png.
# It builds the web project, starts it in Development (so it has the fictional demo content) on a
# fresh database in a temporary folder and a free loopback port, and photographs it with Debian's
# headless Chromium (CHROMIUM_PATH, else chromium). Nothing is downloaded.
#   bash tools/screenshots.sh             # build, then shoot
#   bash tools/screenshots.sh --no-build  # use the existing build
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/docs/screenshots"
chromium="${CHROMIUM_PATH:-chromium}"
work="$(mktemp -d)"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "${1:-}" != "--no-build" ]; then
  dotnet build "$root/src/ItStopsHere.Web" -v q -nologo >/dev/null
fi
dll="$root/src/ItStopsHere.Web/bin/Debug/net10.0/ItStopsHere.Web.dll"
[ -f "$dll" ] || { echo "No build at $dll" >&2; exit 1; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
(
  cd "$root/src/ItStopsHere.Web"
  ASPNETCORE_ENVIRONMENT=Development \
  ConnectionStrings__Default="Data Source=$work/site.db" \
  Email__PickupDirectory="$work/mail" \
  Retention__Enabled=false \
  Serilog__ConsoleFormat=none \
  exec dotnet "$dll" --urls "$base"
) >"$work/app.log" 2>&1 &
app_pid=$!

for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "$base/health" 2>/dev/null; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then cat "$work/app.log" >&2; exit 1; fi
  sleep 0.5
done
curl -fsS -o /dev/null "$base/health" || { echo "The app did not start:" >&2; cat "$work/app.log" >&2; exit 1; }

shot() { # shot PATH NAME WIDTH HEIGHT
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --hide-scrollbars --force-device-scale-factor=1 \
    --user-data-dir="$work/profile-$2-$3" --window-size="$3,$4" \
    --screenshot="$out/$2-$3.png" "$base$1" >/dev/null 2>&1
  echo "docs/screenshots/$2-$3.png"
}

mkdir -p "$out"
for size in "390 844" "1280 800"; do
  set -- $size
  shot / home "$1" "$2"
  shot /pledge pledge "$1" "$2"
done
