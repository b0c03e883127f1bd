#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for the tests (issue 14): Debian's PostgreSQL binaries, a data
# folder in a temp directory, listening on 127.0.0.1 only on a free port, with its own admin role and a
# random password. Nothing is preinstalled or left behind; the package's own cluster/service is not used.
#
#   source tests/postgres.sh && itsh_pg_start && trap itsh_pg_stop EXIT   # what tests/test.sh does
#   eval "$(bash tests/postgres.sh start)"                                # a developer: start one, keep it
#   ITSH_PG_DIR=... bash tests/postgres.sh stop                           # ... and stop it again
#
# itsh_pg_start exports ITSH_TEST_POSTGRES (an Npgsql connection string for the admin role, which may
# create databases) and ITSH_PG_DIR. fsync and synchronous_commit stay on: the crash and durability
# tests must mean on PostgreSQL what they mean on SQLite.
# initdb refuses to run as root, so as root the cluster runs as the system user `itsh-pg` (made if missing).

itsh_pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ]; then
    echo "Installing Debian's postgresql for the PostgreSQL tests..." >&2
    local sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null || return 1
    # The package starts its own cluster on port 5432 where systemd runs: the tests need only the programs.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet postgresql 2>/dev/null; then
      $sudo_cmd systemctl disable --now postgresql >/dev/null 2>&1 || true
    fi
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && printf '%s\n' "$dir"
}

# Runs a PostgreSQL program as the cluster's user.
itsh_pg_as() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u itsh-pg -- "$@"
  else
    "$@"
  fi
}

itsh_pg_start() {
  local bin
  bin=$(itsh_pg_bin) || { echo "Could not install postgresql; install it yourself." >&2; return 1; }
  if [ "$(id -u)" -eq 0 ] && ! id itsh-pg >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin itsh-pg || return 1
  fi

  ITSH_PG_DIR=$(mktemp -d /tmp/itsh-pg.XXXXXX) || return 1
  chmod 0755 "$ITSH_PG_DIR"
  mkdir -p "$ITSH_PG_DIR/socket"
  local password
  password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  printf '%s\n' "$password" > "$ITSH_PG_DIR/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown -R itsh-pg "$ITSH_PG_DIR"; fi
  chmod 0600 "$ITSH_PG_DIR/pwfile"

  itsh_pg_as "$bin/initdb" -D "$ITSH_PG_DIR/data" -U itsh --pwfile="$ITSH_PG_DIR/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$ITSH_PG_DIR/initdb.log" 2>&1 || {
    cat "$ITSH_PG_DIR/initdb.log" >&2
    return 1
  }
  rm -f "$ITSH_PG_DIR/pwfile"

  # A port free now may be taken before the server binds it: try a few.
  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    # Every test factory has its own database and connection pool: allow plenty of connections.
    if itsh_pg_as "$bin/pg_ctl" -D "$ITSH_PG_DIR/data" -l "$ITSH_PG_DIR/server.log" -w -t 60 \
      -o "-p $port -k $ITSH_PG_DIR/socket -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=on -c synchronous_commit=on" \
      start >/dev/null 2>&1; then
      ITSH_PG_BIN="$bin"
      ITSH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=itsh;Password=$password"
      export ITSH_PG_DIR ITSH_PG_BIN ITSH_TEST_POSTGRES
      echo "PostgreSQL test cluster on 127.0.0.1:$port ($ITSH_PG_DIR)" >&2
      return 0
    fi
  done

  cat "$ITSH_PG_DIR/server.log" >&2
  return 1
}

itsh_pg_stop() {
  [ -n "${ITSH_PG_DIR:-}" ] && [ -d "$ITSH_PG_DIR" ] || return 0
  local bin="${ITSH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
  itsh_pg_as "$bin/pg_ctl" -D "$ITSH_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$ITSH_PG_DIR"
  unset ITSH_PG_DIR ITSH_TEST_POSTGRES
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  case "${1:-}" in
    start)
      itsh_pg_start >&2 || exit 1
      printf 'export ITSH_PG_DIR=%q ITSH_TEST_POSTGRES=%q\n' "$ITSH_PG_DIR" "$ITSH_TEST_POSTGRES"
      ;;
    stop) itsh_pg_stop ;;
    *) echo "usage: bash tests/postgres.sh start|stop" >&2; exit 2 ;;
  esac
fi
