#!/usr/bin/env bash
# The local PostgreSQL 15 cluster that `make run` and `make test` use.
#
#   scripts/dev-db.sh install   install missing Debian packages (PostgreSQL 15, libpq-dev, pkg-config)
#   scripts/dev-db.sh up MODE   create the cluster if needed, start it, create roles and database;
#                               MODE is "durable" (make run, benchmarks) or "fast" (tests: fsync off)
#   scripts/dev-db.sh stop      stop the cluster
#   scripts/dev-db.sh env       print the MAILSYNC_* and test variables as shell exports (and, on
#                               first call, generate the development secret key into .local/secret-keys)
#
# The cluster lives in .local/pg inside the project when the postgres user can reach it, else in
# a folder under the system's temporary directory keyed by the project path. It listens on
# 127.0.0.1 only, on a free port other than 5432 (chosen once, kept in the cluster folder).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PACKAGES=(postgresql postgresql-contrib libpq-dev pkg-config)

log() { echo "dev-db: $*" >&2; }

install_packages() {
    local missing=()
    for package in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade "${missing[@]}" >/dev/null
    fi
}

cluster_root() {
    local local_root="$ROOT/.local/pg"
    if runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
        echo "$local_root"
    else
        local key
        key=$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)
        echo "${TMPDIR:-/tmp}/mailsync-pg-$key"
    fi
}

bindir() { "$(command -v pg_config)" --bindir; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

choose_port() {
    local base=$((54320 + $(printf '%s' "$ROOT" | cksum | cut -d' ' -f1) % 600))
    for offset in $(seq 0 100); do
        local port=$((base + offset))
        if ! port_in_use "$port"; then echo "$port"; return; fi
    done
    log "no free port near $base"
    exit 1
}

psql_super() {
    local root=$1; shift
    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h "$root" -p "$(cat "$root/port")" -U postgres "$@"
}

up() {
    local mode=${1:-durable}
    install_packages
    local root data bin
    root=$(cluster_root)
    data="$root/data"
    bin=$(bindir)
    if [ ! -f "$data/PG_VERSION" ]; then
        log "creating cluster in $root"
        mkdir -p "$root"
        [ "$root" = "$ROOT/.local/pg" ] && chown postgres "$ROOT/.local"
        chown postgres "$root"
        choose_port > "$root/port"
        runuser -u postgres -- "$bin/initdb" -D "$data" --auth=trust --username=postgres \
            --encoding=UTF8 --locale=C.UTF-8 >/dev/null
        cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $(cat "$root/port")
unix_socket_directories = '$root'
max_connections = 300
shared_buffers = 256MB
CONF
    fi
    if ! runuser -u postgres -- "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        log "starting cluster on port $(cat "$root/port")"
        runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 start >/dev/null
    fi
    if [ "$mode" = fast ]; then
        psql_super "$root" -d postgres -c "ALTER SYSTEM SET fsync = off" -c "ALTER SYSTEM SET synchronous_commit = off" \
            -c "ALTER SYSTEM SET full_page_writes = off" -c "SELECT pg_reload_conf()" >/dev/null
    else
        psql_super "$root" -d postgres -c "ALTER SYSTEM RESET fsync" -c "ALTER SYSTEM RESET synchronous_commit" \
            -c "ALTER SYSTEM RESET full_page_writes" -c "SELECT pg_reload_conf()" >/dev/null
    fi
    # Read by this shell, not by the postgres user, who may not reach the project folder.
    psql_super "$root" -d postgres -f - <"$ROOT/scripts/roles.sql" >/dev/null
    if [ -z "$(psql_super "$root" -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = 'mailsync'")" ]; then
        psql_super "$root" -d postgres -c "CREATE DATABASE mailsync OWNER mailsync_owner" >/dev/null
    fi
}

stop() {
    local root
    root=$(cluster_root)
    if [ -f "$root/data/PG_VERSION" ]; then
        runuser -u postgres -- "$(bindir)/pg_ctl" -D "$root/data" -w stop -m fast >/dev/null 2>&1 || true
        log "stopped"
    fi
}

# The development keyring for MAILSYNC_SECRET_KEYS: one random AES-256 key, made once, kept in
# the ignored .local/ folder (losing it makes the stored tokens unreadable; tests use their own).
secret_keys() {
    local file="$ROOT/.local/secret-keys"
    if [ ! -s "$file" ]; then
        mkdir -p "$ROOT/.local"
        (umask 077 && printf 'dev1:%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" > "$file")
        log "generated a development secret key in $file"
    fi
    cat "$file"
}

print_env() {
    local root port keys
    root=$(cluster_root)
    port=$(cat "$root/port")
    keys=$(secret_keys)
    cat <<ENV
export MAILSYNC_DATABASE_URL='postgresql://mailsync_app@127.0.0.1:$port/mailsync'
export MAILSYNC_MIGRATE_DATABASE_URL='postgresql://mailsync_owner@127.0.0.1:$port/mailsync'
export MAILSYNC_ADMIN_DATABASE_URL='postgresql://mailsync_admin@127.0.0.1:$port/mailsync'
export MAILSYNC_TEST_SUPERUSER_URL='postgresql://postgres@127.0.0.1:$port/postgres'
export MAILSYNC_TEST_PORT='$port'
export MAILSYNC_SECRET_KEYS="\${MAILSYNC_SECRET_KEYS:-$keys}"
ENV
}

case "${1:-}" in
    install) install_packages ;;
    up) up "${2:-durable}" ;;
    stop) stop ;;
    env) print_env ;;
    *) echo "usage: $0 install | up [durable|fast] | stop | env" >&2; exit 2 ;;
esac
