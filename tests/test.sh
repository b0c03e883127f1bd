#!/usr/bin/env bash
# Runs every test in the solution: unit, integration and browser tests.
# It prepares what the tests need first (Debian's Chromium for the browser tests and nginx for the
# deployment tests, when missing,
# and a private PostgreSQL cluster (tests/postgres.sh) for a second run of the server tests on PostgreSQL),
# then runs `dotnet test` over ItStopsHere.sln, then tests/ItStopsHere.Tests again with
# ITSH_TEST_PROVIDER=PostgreSQL, and ends with one line summing both: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (about a minute)..."
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null || {
    echo "Could not install chromium; install it yourself or set CHROMIUM_PATH." >&2
    exit 1
  }
fi

# Debian's nginx for the deployment tests (tests/ItStopsHere.Tests/Deployment), which start it themselves
# as a child process on loopback with the repository's site file; the package's own service is not used.
if [ -z "${NGINX_PATH:-}" ] && ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "Installing Debian's nginx for the deployment tests..."
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nginx >/dev/null || {
    echo "Could not install nginx; install it yourself or set NGINX_PATH." >&2
    exit 1
  }
  # On a machine with systemd the package starts its default site on port 80 of every interface:
  # the tests need only the program, so stop and disable that service.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
    $sudo_cmd systemctl disable --now nginx >/dev/null 2>&1 || true
  fi
fi

# A private PostgreSQL cluster (tests/postgres.sh: Debian's postgresql, installed when missing, run as an
# unprivileged user on a free loopback port, removed on exit) for the second run of the server tests below.
# shellcheck source=tests/postgres.sh
source tests/postgres.sh
itsh_pg_start || {
  echo "Could not start the PostgreSQL test cluster." >&2
  echo "0 passed, 1 failed"
  exit 1
}
trap itsh_pg_stop EXIT

results="TestResults"
rm -rf "$results"
# -m:1 runs the test projects one after another: the browser tests' timing is steadier when the
# integration tests' load storms are not sharing the two cores with them.
# Tests marked [Trait("Provider", "PostgreSqlOnly")] (LISTEN/NOTIFY across instances) run only in the second run.
dotnet test ItStopsHere.sln -m:1 --logger "trx" --results-directory "$results/sqlite" --filter "Provider!=PostgreSqlOnly" "$@"
status=$?

# The server tests again on PostgreSQL (issue 14): the same tests, each site on its own database made from
# one migrated template. Tests marked [Trait("Provider", "SqliteOnly")] (each says why: they read the SQLite
# file or test its backup) are left out of this run, not skipped.
ITSH_TEST_PROVIDER=PostgreSQL dotnet test tests/ItStopsHere.Tests --no-build --logger "trx" \
  --results-directory "$results/postgresql" --filter "Provider!=SqliteOnly" "$@"
pg_status=$?
if [ "$status" -eq 0 ]; then status=$pg_status; fi

passed=0
failed=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(printf '%s' "$counters" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
  f=$(printf '%s' "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any test could report: say so rather than "0 failed".
  failed=1
  echo "dotnet test exited with status $status before reporting failures (build error or crashed test host)." >&2
fi
echo "$passed passed, $failed failed"
exit "$status"
