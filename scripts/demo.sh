#!/usr/bin/env bash
# make demo: on Debian 12, install what is missing, build and install abm,
# start a PostgreSQL 15 demo cluster, generate a B2B ABM warehouse in it
# (demo/warehouse.sql) and print a KPI dashboard over it (demo/dashboard.sql).
#
# Unlike `make test`, the cluster is LEFT RUNNING so that you can explore the
# data with psql or a BI tool; the script ends by printing how to connect and
# how to stop it. Running it again stops and replaces the previous demo
# cluster.
#
# Usage: scripts/demo.sh [--scale N]      (from any directory)
#        make demo [SCALE=N]
#
#   SCALE / --scale  size of the warehouse: 1 (default) is ~5,000 accounts and
#                    ~1,000,000 touches; 2 doubles both. Any positive number.
#   ABM_DEMO_DIR     where the cluster lives (default /tmp/abm-demo, or
#                    /tmp/abm-demo-$USER when not run as root). Replaced on
#                    every run: do not point it at anything you want to keep.
#   ABM_DEMO_PORT    port (default: 5499, or the next free one).
#
# As root the server runs as the postgres user; otherwise as you.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

scale=${SCALE:-1}
while (($#)); do
    case $1 in
    --scale) scale=${2:?--scale needs a value}; shift 2 ;;
    --scale=*) scale=${1#--scale=}; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) abm_die "unknown argument: $1 (usage: scripts/demo.sh [--scale N])" ;;
    esac
done
[[ $scale =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v s="$scale" 'BEGIN { exit !(s > 0) }' ||
    abm_die "SCALE must be a positive number, not '$scale'"

if abm_is_root; then
    demo_dir=${ABM_DEMO_DIR:-/tmp/abm-demo}
    demo_owner=postgres
    as_owner() { runuser -u postgres -- "$@"; }
else
    demo_dir=${ABM_DEMO_DIR:-/tmp/abm-demo-$(id -un)}
    demo_owner=$(id -un)
    as_owner() { "$@"; }
fi
demo_data=$demo_dir/data
demo_log=$demo_dir/server.log
pg_ctl=$ABM_PG_BINDIR/pg_ctl
demo_db=abm_demo

# A directory we may delete: absent, empty, or one this script made.
demo_dir_is_ours() {
    [[ ! -e $demo_dir ]] || [[ -e $demo_dir/ABM_DEMO_CLUSTER ]] ||
        [[ -d $demo_dir && -z $(ls -A "$demo_dir") ]]
}

# Stop a demo cluster left by an earlier run, and remove it.
demo_remove_old() {
    demo_dir_is_ours ||
        abm_die "$demo_dir exists and is not a demo cluster made by this script; remove it or set ABM_DEMO_DIR"
    if [[ -f $demo_data/postmaster.pid ]]; then
        abm_say "stopping the previous demo cluster in $demo_dir"
        as_owner "$pg_ctl" -D "$demo_data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$demo_dir"
}

# Is something listening on this TCP port, or is its socket taken in our dir?
port_in_use() {
    local port=$1
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    [[ -e $demo_dir/.s.PGSQL.$port ]]
}

pick_port() {
    if [[ -n ${ABM_DEMO_PORT:-} ]]; then
        port_in_use "$ABM_DEMO_PORT" && abm_die "port $ABM_DEMO_PORT (ABM_DEMO_PORT) is in use"
        echo "$ABM_DEMO_PORT"
        return
    fi
    local port
    for ((port = 5499; port < 5599; port++)); do
        port_in_use "$port" || { echo "$port"; return; }
    done
    abm_die "no free port in 5499..5598 (set ABM_DEMO_PORT)"
}

demo_psql() {
    psql -X -q -v ON_ERROR_STOP=1 -h "$demo_dir" -p "$port" -U "$demo_user" "$@"
}

print_connect() {
    cat <<EOF

==> The demo cluster is still running, with the warehouse in database $demo_db
    (schema warehouse, on the search_path). Connect with:

      psql -h $demo_dir -p $port -U $demo_user -d $demo_db

    Stop it (and free the port) with:

      $stop_cmd

    Run 'make demo' again to replace it; remove $demo_dir to delete it.
EOF
}

abm_setup

demo_remove_old
port=$(pick_port)
if abm_is_root; then
    demo_user=postgres
    stop_cmd="runuser -u postgres -- $pg_ctl -D $demo_data stop"
else
    demo_user=$demo_owner
    stop_cmd="$pg_ctl -D $demo_data stop"
fi

abm_say "creating a PostgreSQL $ABM_PG_VERSION demo cluster in $demo_dir (port $port)"
mkdir -p "$demo_dir"
touch "$demo_dir/ABM_DEMO_CLUSTER"
chmod 700 "$demo_dir"
abm_is_root && chown postgres: "$demo_dir" "$demo_dir/ABM_DEMO_CLUSTER"

# C.UTF-8 always exists on Debian: a UTF8 cluster whatever the caller's locale.
if ! as_owner env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$ABM_PG_BINDIR/initdb" -D "$demo_data" \
    -U "$demo_user" --auth=trust -E UTF8 --locale=C.UTF-8 >"$demo_dir/initdb.log" 2>&1; then
    cat "$demo_dir/initdb.log" >&2
    abm_die "initdb failed"
fi

# Local connections only, through the socket in $demo_dir (mode 700, so only
# its owner and root reach it). The rest suits a bulk load on a small machine:
# the generator's tables are written with little WAL (wal_level = minimal).
cat >>"$demo_data/postgresql.conf" <<EOF

# abm demo (scripts/demo.sh)
port = $port
listen_addresses = ''
unix_socket_directories = '$demo_dir'
timezone = 'UTC'
log_timezone = 'UTC'
shared_buffers = 256MB
work_mem = 64MB
maintenance_work_mem = 256MB
temp_buffers = 64MB
wal_level = minimal
max_wal_senders = 0
max_wal_size = 4GB
synchronous_commit = off
jit = off
EOF

if ! as_owner "$pg_ctl" -D "$demo_data" -l "$demo_log" -w -t 60 start >/dev/null; then
    tail -n 30 "$demo_log" >&2 || true
    abm_die "the demo cluster did not start (log: $demo_log)"
fi

# From here on the cluster runs: whatever happens, say how to stop it.
trap 'rc=$?; if ((rc != 0)); then echo "error: the demo failed; the cluster is still running. Stop it with: $stop_cmd" >&2; fi' EXIT

cd "$ABM_ROOT"
demo_psql -d postgres -c "CREATE DATABASE $demo_db"
demo_psql -d "$demo_db" -c 'CREATE EXTENSION abm' \
    -c "ALTER DATABASE $demo_db SET search_path = warehouse, public"

abm_say "generating the ABM warehouse (scale $scale)"
start=$(date +%s.%N)
demo_psql -d "$demo_db" -v scale="$scale" -f demo/warehouse.sql
end=$(date +%s.%N)
load_seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
abm_say "loaded in $load_seconds s; checking its invariants (demo/invariants.sql)"
demo_psql -d "$demo_db" -f demo/invariants.sql >/dev/null
echo

PGCLIENTENCODING=UTF8 demo_psql -d "$demo_db" -P footer=off \
    -v load_seconds="$load_seconds" -f demo/dashboard.sql

print_connect
