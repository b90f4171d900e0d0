# shellcheck shell=bash
# Shared by scripts/test.sh and scripts/demo.sh (sourced, not run).
#
#   abm_setup            Debian packages, build, install (idempotent)
#   abm_in_cluster CMD   run CMD inside a throwaway PostgreSQL cluster
#
# Targets Debian 12 with PostgreSQL 15 from Debian's own packages.

set -euo pipefail

ABM_PG_VERSION=15
ABM_PG_BINDIR=/usr/lib/postgresql/$ABM_PG_VERSION/bin
ABM_PG_CONFIG=$ABM_PG_BINDIR/pg_config
ABM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Scratch space for the harness; in .gitignore, removed by `make clean`.
ABM_SCRATCH=$ABM_ROOT/tmp_check

# Everything a fresh Debian 12 machine lacks to build and test abm.
# libtap-parser-sourcehandler-pgtap-perl provides pg_prove. The client test
# (clients/run_clients.sh) needs a JDK (javac; default-jdk-headless is
# OpenJDK 17 on Debian 12), pgjdbc (/usr/share/java/postgresql.jar) and
# psycopg2 for Debian's /usr/bin/python3, which also runs the doc examples
# and the fuzz harness; sqlsmith for the SQLsmith run (docs/hardening.md),
# of which make test runs a short one. (scripts/valgrind.sh adds valgrind.)
ABM_PACKAGES=(
    "postgresql-$ABM_PG_VERSION"
    "postgresql-server-dev-$ABM_PG_VERSION"
    "postgresql-$ABM_PG_VERSION-pgtap"
    libtap-parser-sourcehandler-pgtap-perl
    make
    gcc
    default-jdk-headless
    libpostgresql-jdbc-java
    python3-psycopg2
    sqlsmith
)

abm_say() { printf '==> %s\n' "$*"; }
abm_die() { printf 'error: %s\n' "$*" >&2; exit 1; }
abm_is_root() { [[ $(id -u) -eq 0 ]]; }

# Print the packages of ABM_PACKAGES that dpkg does not have installed.
abm_missing_packages() {
    local pkg
    for pkg in "${ABM_PACKAGES[@]}"; do
        if [[ $(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null) != installed ]]; then
            printf '%s\n' "$pkg"
        fi
    done
}

# Install what is missing; no apt work at all when nothing is.
abm_ensure_packages() {
    command -v dpkg-query >/dev/null ||
        abm_die "dpkg-query not found: this script provisions Debian 12. On another system install PostgreSQL $ABM_PG_VERSION, its server headers and pgTAP yourself, then use 'make install', 'make installcheck' and 'make prove'."

    local missing
    mapfile -t missing < <(abm_missing_packages)
    ((${#missing[@]} == 0)) && return 0

    if ! abm_is_root; then
        {
            echo "error: missing Debian packages: ${missing[*]}"
            echo "Install them as root, then run this again:"
            echo "  sudo sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}'"
        } >&2
        exit 1
    fi

    abm_say "installing missing Debian packages: ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" </dev/null

    mapfile -t missing < <(abm_missing_packages)
    ((${#missing[@]} == 0)) || abm_die "still missing after apt-get install: ${missing[*]}"
}

# make install, or as a non-root user check that an earlier `sudo make install`
# installed exactly what was just built.
abm_install() {
    local pkglibdir extdir
    pkglibdir=$("$ABM_PG_CONFIG" --pkglibdir)
    extdir=$("$ABM_PG_CONFIG" --sharedir)/extension

    if abm_is_root || [[ -w $pkglibdir && -w $extdir ]]; then
        make --no-print-directory install PG_CONFIG="$ABM_PG_CONFIG"
        return 0
    fi
    local f same=1
    cmp -s abm.so "$pkglibdir/abm.so" || same=0
    for f in abm.control abm--*.sql; do
        cmp -s "$f" "$extdir/$f" || same=0
    done
    if ((same)); then
        abm_say "abm is already installed as built (not root: skipping make install)"
        return 0
    fi
    {
        echo "error: installing abm needs root (the build differs from what is installed). Run:"
        echo "  sudo make -C '$ABM_ROOT' install PG_CONFIG=$ABM_PG_CONFIG"
        echo "then run this again."
    } >&2
    exit 1
}

# Warn when the server (run as the postgres user) cannot read the work tree,
# e.g. a clone under /root: tests that load files server-side would fail.
abm_check_server_can_read() {
    abm_is_root || return 0
    if ! runuser -u postgres -- test -r "$ABM_ROOT/Makefile" 2>/dev/null; then
        echo "warning: the postgres user cannot read $ABM_ROOT;" \
            "anything the server itself loads from the work tree will fail" >&2
    fi
}

# Packages, build, install. Leaves the current directory at the repo root.
abm_setup() {
    cd "$ABM_ROOT"
    abm_ensure_packages
    abm_say "building abm (PostgreSQL $ABM_PG_VERSION)"
    make --no-print-directory PG_CONFIG="$ABM_PG_CONFIG"
    abm_say "installing abm"
    abm_install
    abm_check_server_can_read
}

# abm_in_cluster CMD [ARGS...]
#
# Runs CMD in a throwaway PostgreSQL cluster made by Debian's pg_virtualenv,
# with PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE=postgres set for it,
# and returns CMD's exit status. -t keeps the cluster in a temporary directory
# even as root (as root the server runs as the postgres user), so nothing is
# left in /etc/postgresql and a killed run cannot block the next one.
#
# CMD writes to our stdout and stderr; pg_virtualenv's own messages (the
# "Dropping cluster" line at exit, server logs on failure) go to
# $ABM_SCRATCH/pg_virtualenv.log, so that CMD's last line is the last line of
# output. That log is printed only when the cluster could not be started.
# Server settings (name=value) in ABM_CLUSTER_SETTINGS are passed to the
# server, as the benchmark does.
ABM_CLUSTER_SETTINGS=()
abm_in_cluster() {
    mkdir -p "$ABM_SCRATCH"
    local log=$ABM_SCRATCH/pg_virtualenv.log
    local started=$ABM_SCRATCH/cluster-started.$$
    local rc=0 setting options=()
    rm -f "$started"
    for setting in "${ABM_CLUSTER_SETTINGS[@]}"; do
        options+=(-o "$setting")
    done

    # C.UTF-8 always exists on Debian: a UTF8 cluster whatever the caller's locale.
    # shellcheck disable=SC2016 # $ABM_CLUSTER_STARTED and $@ expand in the inner bash
    LANG=C.UTF-8 LC_ALL=C.UTF-8 ABM_CLUSTER_STARTED=$started \
        pg_virtualenv -t -v "$ABM_PG_VERSION" "${options[@]}" \
        bash -c 'touch "$ABM_CLUSTER_STARTED" && exec "$@" >&3 2>&4 3>&- 4>&-' abm-cluster "$@" \
        3>&1 4>&2 >"$log" 2>&1 </dev/null || rc=$?

    if [[ ! -e $started ]]; then
        echo "error: could not start a throwaway PostgreSQL cluster (pg_virtualenv exit $rc):" >&2
        cat "$log" >&2
        return $((rc == 0 ? 1 : rc))
    fi
    rm -f "$started"
    return "$rc"
}

# A crashed backend, as the postmaster logs it (Debian's server has no
# assertions, but a build with them reports TRAP:): what the hardening runs
# (scripts/sqlsmith.sh, scripts/valgrind.sh) look for in the server log.
# shellcheck disable=SC2034 # used by the scripts that source this file
ABM_CRASH_RE='terminated by signal|was terminated by|TRAP:|PANIC|exited with exit code ([2-9]|[1-9][0-9])|all server processes terminated; reinitializing'

# Inside abm_in_cluster: the server's log file.
abm_server_log() {
    pg_lsclusters --no-header 2>/dev/null |
        awk -v v="$ABM_PG_VERSION" '$1 == v && $2 == "regress" { print $NF; exit }' || true
}

# Inside abm_in_cluster: print the last lines of the server's log when it
# shows a crash or a fatal error (a plain test failure leaves nothing there).
# Returns 0 when it printed something.
abm_print_server_log() {
    local log
    log=$(abm_server_log)
    if [[ -n $log && -r $log ]] &&
        grep -Eq 'PANIC|FATAL|TRAP:|terminated by signal|exited with exit code' "$log"; then
        echo "---- server log $log (last ${1:-100} lines) ----"
        tail -n "${1:-100}" "$log"
        echo "---- end of server log ----"
        return 0
    fi
    return 1
}
