#!/usr/bin/env bash
# Regenerates the report and case screenshots (docs/screenshots/report/*.png) from the real app: runs the
# browser tests that walk every /report and /cases page (Pages/Report/ReportPagesAxeTests and
# Pages/Cases/CasePagesAxeTests) with ITSTOPSHERE_SCREENSHOTS set, so each page is photographed in the state
# the test reaches (a report sent, a code shown, a conversation, a case assigned and answered). The app runs
# on Kestrel on a free loopback port with a fresh database; Chromium is Debian's (CHROMIUM_PATH, else
# /usr/bin/chromium). Fictional content only.
#   bash tools/report-screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/docs/screenshots/report"
rm -rf "$out"
mkdir -p "$out"
ITSTOPSHERE_SCREENSHOTS="$out" dotnet test "$root/tests/ItStopsHere.BrowserTests" -v q -nologo \
  --filter "FullyQualifiedName~ReportPagesAxeTests|FullyQualifiedName~CasePagesAxeTests"
ls -1 "$out" | sed 's|^|docs/screenshots/report/|'
