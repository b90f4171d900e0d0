# shellcheck shell=bash
# Shared by the scripts of scripts/ (sourced, not run).
#
#   abm_setup            Debian packages, build, install (idempotent)
#   abm_in_cluster CMD   run CMD inside a throwaway PostgreSQL cluster
#
# Targets Debian 12. PG (or ABM_PG_VERSION) picks the PostgreSQL major:
#   15 (default)  Debian 12's own packages; clusters by pg_virtualenv.
#   17            Debian 13's packages, in a trixie root under /tmp (scripts/pg17.sh):
#                 the calling script runs again inside that root, where 17 has
#                 Debian's layout and pg_virtualenv drives it.
#   18            built with assertions from Debian's source package into a cache
#                 outside the clone (scripts/pg18.sh); it has no Debian layout,
#                 so abm_in_cluster runs initdb and pg_ctl itself.
# 16 is not to be had from Debian for this machine (see README).

set -euo pipefail

ABM_PG_VERSION=${ABM_PG_VERSION:-${PG:-15}}
ABM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Scratch space for the harness; in .gitignore, removed by `make clean`.
ABM_SCRATCH=$ABM_ROOT/tmp_check

case $ABM_PG_VERSION in
15) ABM_PG_KIND=debian ;;
17) ABM_PG_KIND=$([[ ${ABM_IN_TRIXIE:-} == 1 ]] && echo debian || echo trixie) ;;
18) ABM_PG_KIND=source ;;
*)
    printf 'error: PG=%s: this harness runs PostgreSQL 15, 17 or 18\n' "$ABM_PG_VERSION" >&2
    exit 1
    ;;
esac

# 17 on this Debian 12 host: run the calling script again, with its
# arguments, inside the trixie root (the repo is mounted there at the same path).
if [[ $ABM_PG_KIND == trixie ]]; then
    exec bash "$ABM_ROOT/scripts/pg17.sh" env PG=17 ABM_PG_VERSION=17 \
        bash "$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)/$(basename "${BASH_SOURCE[1]}")" "$@"
fi

if [[ $ABM_PG_KIND == source ]]; then
    # Where scripts/pg18.sh installs the build (abm_setup builds it if needed).
    ABM_PG_BINDIR=${ABM_PG_BINDIR:-${ABM_PG_CACHE:-$([[ $(id -u) -eq 0 ]] && echo /var/cache/abm-pg || echo "$HOME/.cache/abm-pg")}/pg$ABM_PG_VERSION/bin}
    # Its psql, pg_dump and pg_config come first, before Debian's wrappers.
    export PATH=$ABM_PG_BINDIR:$PATH
else
    ABM_PG_BINDIR=/usr/lib/postgresql/$ABM_PG_VERSION/bin
fi
ABM_PG_CONFIG=$ABM_PG_BINDIR/pg_config
export ABM_PG_VERSION ABM_PG_BINDIR

# Everything a fresh Debian 12 machine lacks to build and test abm.
# libtap-parser-sourcehandler-pgtap-perl provides pg_prove. The client test
# (clients/run_clients.sh) needs a JDK (javac; default-jdk-headless is
# OpenJDK 17 on Debian 12), pgjdbc (/usr/share/java/postgresql.jar) and
# psycopg2 for Debian's /usr/bin/python3, which also runs the doc examples
# and the fuzz harness; sqlsmith for the SQLsmith run (docs/hardening.md),
# of which make test runs a short one. (scripts/valgrind.sh adds valgrind.)
# A self-built server (18) brings its own server, headers and pgTAP; it
# still needs postgresql-common (pg_virtualenv's package, which also makes
# the postgres user the server runs as when the harness runs as root).
ABM_PACKAGES=(
    libtap-parser-sourcehandler-pgtap-perl
    make
    gcc
    default-jdk-headless
    libpostgresql-jdbc-java
    python3-psycopg2
    sqlsmith
)
if [[ $ABM_PG_KIND == source ]]; then
    ABM_PACKAGES+=(postgresql-common)
else
    ABM_PACKAGES=(
        "postgresql-$ABM_PG_VERSION"
        "postgresql-server-dev-$ABM_PG_VERSION"
        "postgresql-$ABM_PG_VERSION-pgtap"
        "${ABM_PACKAGES[@]}"
    )
fi

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
    if [[ $ABM_PG_KIND == source ]]; then
        abm_say "PostgreSQL $ABM_PG_VERSION from Debian's source package (scripts/pg$ABM_PG_VERSION.sh)"
        [[ $(bash "$ABM_ROOT/scripts/pg$ABM_PG_VERSION.sh") == "$ABM_PG_BINDIR" ]] ||
            abm_die "scripts/pg$ABM_PG_VERSION.sh did not install into $ABM_PG_BINDIR"
    fi
    abm_say "building abm (PostgreSQL $ABM_PG_VERSION)"
    # A build made for another major must not be installed into this one.
    if [[ ! -e src/.pg_version || $(<src/.pg_version) != "$ABM_PG_VERSION" ]]; then
        make --no-print-directory clean PG_CONFIG="$ABM_PG_CONFIG" >/dev/null
        echo "$ABM_PG_VERSION" >src/.pg_version
    fi
    make --no-print-directory PG_CONFIG="$ABM_PG_CONFIG" WERROR="${ABM_WERROR:-0}"
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
    if [[ $ABM_PG_KIND == source ]]; then
        abm_in_own_cluster "$@"
        return
    fi
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

# Run a command as the owner of a throwaway cluster: the postgres user when
# the harness runs as root (the server refuses to run as root), else the caller.
abm_as_owner() {
    if abm_is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# abm_in_own_cluster CMD [ARGS...]: abm_in_cluster for a server without
# Debian's layout. initdb and pg_ctl make and start a cluster in a new folder
# under /tmp, with the environment pg_virtualenv would give (PGHOST, PGPORT,
# PGUSER, PGPASSWORD, PGDATABASE), plus ABM_PGDATA and ABM_SERVER_LOG; the
# cluster is stopped and removed when CMD ends, whatever its status.
abm_in_own_cluster() {
    local dir port rc=0 setting
    dir=$(mktemp -d /tmp/abm-pg"$ABM_PG_VERSION".XXXXXX)
    chmod 755 "$dir"
    abm_is_root && chown postgres: "$dir"
    port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if ! abm_as_owner env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$ABM_PG_BINDIR/initdb" -D "$dir/data" -U postgres \
        -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        rm -rf "$dir"
        abm_die "initdb of PostgreSQL $ABM_PG_VERSION failed"
    fi
    {
        echo "port = $port"
        echo "listen_addresses = 'localhost'"
        echo "unix_socket_directories = '$dir'"
        echo "fsync = off"
        echo "log_line_prefix = '%m [%p] %q%u@%d '"
        for setting in "${ABM_CLUSTER_SETTINGS[@]}"; do
            echo "${setting%%=*} = '${setting#*=}'"
        done
    } >>"$dir/data/postgresql.conf"
    export ABM_PGDATA=$dir/data ABM_SERVER_LOG=$dir/server.log
    if ! abm_cluster_start; then
        cat "$ABM_SERVER_LOG" >&2 || true
        rm -rf "$dir"
        abm_die "could not start PostgreSQL $ABM_PG_VERSION in $dir"
    fi
    PGHOST=localhost PGPORT=$port PGUSER=postgres PGPASSWORD=abm PGDATABASE=postgres "$@" || rc=$?
    abm_as_owner "$ABM_PG_BINDIR/pg_ctl" -D "$ABM_PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    unset ABM_PGDATA ABM_SERVER_LOG
    return "$rc"
}

abm_cluster_start() {
    abm_as_owner "$ABM_PG_BINDIR/pg_ctl" -D "$ABM_PGDATA" -l "$ABM_SERVER_LOG" -w -t 120 start >/dev/null
}

# Inside abm_in_cluster: set a server setting (in the configuration file) and
# restart the server, for settings that need a restart.
abm_cluster_set() {
    if [[ -n ${ABM_PGDATA:-} ]]; then
        echo "$1 = '$2'" >>"$ABM_PGDATA/postgresql.conf"
    else
        pg_conftool -- "$ABM_PG_VERSION" regress set "$1" "$2"
    fi
}
abm_cluster_restart() {
    if [[ -n ${ABM_PGDATA:-} ]]; then
        abm_as_owner "$ABM_PG_BINDIR/pg_ctl" -D "$ABM_PGDATA" -m fast -w stop >/dev/null
        abm_cluster_start
    else
        pg_ctlcluster "$ABM_PG_VERSION" regress restart
    fi
}

# A crashed backend, as the postmaster logs it (Debian's server has no
# assertions, but a build with them reports TRAP:): what the hardening runs
# (scripts/sqlsmith.sh, scripts/valgrind.sh) look for in the server log.
# shellcheck disable=SC2034 # used by the scripts that source this file
ABM_CRASH_RE='terminated by signal|was terminated by|TRAP:|PANIC|exited with exit code ([2-9]|[1-9][0-9])|all server processes terminated; reinitializing'

# Inside abm_in_cluster: the server's log file.
abm_server_log() {
    if [[ -n ${ABM_SERVER_LOG:-} ]]; then
        echo "$ABM_SERVER_LOG"
        return
    fi
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
