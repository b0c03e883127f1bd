#!/usr/bin/env bash
# Regenerates the site's favicon and default share image from the sources in this folder, with
# Debian's Chromium (headless) and Python 3. Run it after changing icon.svg or share-card.html:
#   bash src/ItStopsHere.Web/Design/make-images.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../../wwwroot"
chromium="${CHROMIUM_PATH:-chromium}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

shot() { # shot PAGE WIDTH HEIGHT OUTPUT
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --default-background-color=00000000 --window-size="$2,$3" --screenshot="$4" "file://$here/$1" >/dev/null 2>&1
}

cp "$here/icon.svg" "$out/img/icon.svg"
shot share-card.html 1200 630 "$out/img/share-card.png"
shot icon-32.html 32 32 "$tmp/icon-32.png"

# A .ico file may hold a PNG image: a 6-byte header, one 16-byte directory entry, then the PNG.
python3 - "$tmp/icon-32.png" "$out/favicon.ico" <<'PY'
import struct, sys
png = open(sys.argv[1], "rb").read()
width, height = struct.unpack(">II", png[16:24])
header = struct.pack("<HHH", 0, 1, 1)
entry = struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), 6 + 16)
open(sys.argv[2], "wb").write(header + entry + png)
PY
echo "Wrote wwwroot/img/icon.svg, wwwroot/img/share-card.png and wwwroot/favicon.ico"
