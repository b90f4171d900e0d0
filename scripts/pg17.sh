#!/usr/bin/env bash
# Runs a command inside a Debian 13 (trixie) root that has PostgreSQL 17 from
# Debian's own packages, so that the harness can test abm against 17 on this
# Debian 12 host:
#
#   scripts/pg17.sh CMD [ARGS...]     (as root; returns CMD's exit status)
#
# Why a root: trixie's binary packages need libc 2.38 and Debian 12 has 2.36,
# so they cannot be installed on the host. They run fine in a trixie root made
# by debootstrap under /tmp. Nothing is installed on the host and the system's
# apt configuration is never changed: trixie's debootstrap is fetched through
# an apt configuration of this script's own and only unpacked. The mirror is
# the one the system already uses (read from its sources, not written here).
#
# The root is $ABM_PG17_ROOT (default /tmp/abm-trixie-pg17). It is made once
# (about 5 minutes) and reused: a stamp holding the package list marks a
# finished root, so a second run starts at once. A root without the stamp (a
# run killed half-way) is removed and made again; a changed package list is
# installed into the existing root.
#
# CMD runs in a mount namespace of its own (unshare -m), so every mount below
# vanishes with it: /proc, /sys, /dev (with /dev/pts and /dev/shm), and the
# repo, bind-mounted at the same absolute path, in the current directory.
# Its environment is the caller's, with ABM_IN_TRIXIE=1, a standard PATH and
# LANG=C.UTF-8 (the root has no other locale).
set -euo pipefail

root=${ABM_PG17_ROOT:-/tmp/abm-trixie-pg17}
suite=trixie
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
self=$(realpath "${BASH_SOURCE[0]}")
repo=$(cd "$(dirname "$self")/.." && pwd -P)
stamp=$root/.abm-pg17-ready
# Written first into a new root: only a folder carrying it is ever removed.
marker=$root/.abm-pg17-root

# What scripts/common.sh installs on Debian 12, for 17 (see the comment there).
packages=(
    postgresql-17
    postgresql-server-dev-17
    postgresql-17-pgtap
    libtap-parser-sourcehandler-pgtap-perl
    make
    gcc
    default-jdk-headless
    libpostgresql-jdbc-java
    python3-psycopg2
    sqlsmith
)

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- inside the mount namespace ---------------------------------------------

# enter_root CWD CMD...: mount what CMD needs, then exec it chrooted. Runs as
# the script's hidden mode "__abm_enter_root", under unshare -m (whose mounts
# are private: nothing propagates back to the host).
enter_root() {
    local cwd=$1
    shift
    mount -t proc proc "$root/proc" 2>/dev/null || mount --rbind /proc "$root/proc"
    mount --rbind /sys "$root/sys"
    mount --rbind /dev "$root/dev" # brings /dev/pts and /dev/shm along
    mkdir -p "$root$repo"
    mount --bind "$repo" "$root$repo"
    if [[ ! -d $root$cwd ]]; then
        echo "warning: $cwd does not exist in the trixie root; running in $repo" >&2
        cwd=$repo
    fi
    exec chroot "$root" /usr/bin/env -u LC_ALL -u LANGUAGE -C "$cwd" \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 ABM_IN_TRIXIE=1 "$@"
}

# in_root CWD CMD...: CMD inside the root, in a mount namespace of its own.
in_root() {
    cp -L /etc/resolv.conf "$root/etc/resolv.conf"
    unshare -m -- "$BASH" "$self" __abm_enter_root "$@"
}

# --- making the root --------------------------------------------------------

# The Debian mirror the system uses: the first URIs: entry ending in /debian
# (debian.sources first), else the first such deb line of sources.list.
host_mirror() {
    local mirror
    mirror=$(awk '$1 == "URIs:" { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }' \
        /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [[ -n $mirror ]] || mirror=$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2; exit }' \
        /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)
    [[ -n $mirror ]] || die "no Debian mirror found in the system's apt sources"
    echo "${mirror%/}"
}

# The same for the security archive (a URIs: entry ending in /debian-security);
# empty when the system has none. PostgreSQL point releases often come that way.
host_security_mirror() {
    awk '$1 == "URIs:" { for (i = 2; i <= NF; i++) if ($i ~ /\/debian-security\/?$/) { print $i; exit } }' \
        /etc/apt/sources.list.d/*.sources 2>/dev/null | sed 's:/$::' || true
}

# fetch_debootstrap WORK MIRROR: unpack trixie's debootstrap into WORK/debootstrap
# (the host's own may not know trixie's latest needs). apt runs with its own
# sources, state, cache and an empty dpkg status, all under WORK.
fetch_debootstrap() {
    local work=$1 mirror=$2 apt=$1/apt
    mkdir -p "$apt"/{lists/partial,cache/archives/partial,etc/apt.conf.d,etc/preferences.d,etc/sources.list.d}
    : >"$apt/status"
    echo "deb [signed-by=$keyring] $mirror $suite main" >"$apt/etc/sources.list"
    local opts=(
        -o Dir::Etc="$apt/etc"
        -o Dir::Etc::sourcelist="$apt/etc/sources.list"
        -o Dir::Etc::sourceparts="$apt/etc/sources.list.d"
        -o Dir::Etc::preferencesparts="$apt/etc/preferences.d"
        -o Dir::State="$apt"
        -o Dir::State::Lists="$apt/lists"
        -o Dir::State::status="$apt/status"
        -o Dir::Cache="$apt/cache"
        -o APT::Sandbox::User=root
        -o Debug::NoLocking=1
    )
    apt-get "${opts[@]}" -qq update >&2
    (cd "$work" && apt-get "${opts[@]}" -qq download debootstrap >&2)
    dpkg-deb -x "$work"/debootstrap_*_all.deb "$work/debootstrap"
}

# run_debootstrap WORK MIRROR: a minimal trixie in $root. Under unshare -m too,
# so that the /proc, /sys and /dev mounts it makes vanish if it is killed.
run_debootstrap() {
    local work=$1 mirror=$2 dir=$1/debootstrap
    unshare -m -- env DEBOOTSTRAP_DIR="$dir/usr/share/debootstrap" \
        sh "$dir/usr/sbin/debootstrap" --variant=minbase --include=ca-certificates \
        --keyring="$keyring" "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
        { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed (log: $work/debootstrap.log)"; }
}

# Settings for the root before any package is installed.
configure_root() {
    local mirror=$1 security=$2
    {
        echo "deb $mirror $suite main"
        echo "deb $mirror $suite-updates main"
        [[ -z $security ]] || echo "deb $security $suite-security main"
    } >"$root/etc/apt/sources.list"
    # Package scripts must not start daemons (the server among them) in the root.
    printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
    chmod 755 "$root/usr/sbin/policy-rc.d"
    # No "main" cluster: the harness makes throwaway ones with pg_virtualenv.
    mkdir -p "$root/etc/postgresql-common/createcluster.d"
    echo 'create_main_cluster = false' >"$root/etc/postgresql-common/createcluster.d/abm-no-main.conf"
}

# install_packages LOG: apt-get install the package list inside the root.
install_packages() {
    local log=$1
    say "installing in the trixie root (about 3 minutes): ${packages[*]}"
    in_root / sh -c 'apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "$@" </dev/null' \
        apt "${packages[@]}" >"$log" 2>&1 ||
        { tail -n 30 "$log" >&2; die "apt-get install in the trixie root failed (log: $log)"; }
}

# Remove $root, but only if this script made it and nothing is mounted in it.
discard_root() {
    [[ -e $root ]] || return 0
    if [[ ! -e $marker ]] && [[ -n $(ls -A "$root" 2>/dev/null) ]]; then
        die "$root exists and was not made by this script: remove it or set ABM_PG17_ROOT"
    fi
    if findmnt -rn -o TARGET | awk -v r="$root" 'index($0, r "/") == 1 || $0 == r { f = 1 } END { exit !f }'; then
        die "something is still mounted under $root: unmount it, then run this again"
    fi
    say "removing the incomplete trixie root $root"
    rm -rf --one-file-system "$root"
}

build_root() {
    local work=$root.work mirror security
    mirror=$(host_mirror)
    security=$(host_security_mirror)
    discard_root
    rm -rf "$work"
    mkdir -p "$root" "$work"
    touch "$marker"
    say "making a Debian $suite root in $root from $mirror (about 2 minutes)"
    fetch_debootstrap "$work" "$mirror"
    run_debootstrap "$work" "$mirror"
    configure_root "$mirror" "$security"
    install_packages "$work/apt-install.log"
    rm -rf "$work"
}

# Make the root unless a finished one with these packages is there. A lock
# keeps two runs from making (or removing) it at the same time.
ensure_root() {
    [[ -e $stamp && $(<"$stamp") == "${packages[*]}" ]] && return 0
    exec 9>"$root.lock"
    flock 9
    if [[ ! -e $stamp ]]; then
        build_root
    elif [[ $(<"$stamp") != "${packages[*]}" ]]; then
        install_packages "$root.apt-install.log"
        rm -f "$root.apt-install.log"
    fi
    echo "${packages[*]}" >"$stamp"
    exec 9>&-
}

main() {
    if [[ ${1:-} == __abm_enter_root ]]; then
        shift
        enter_root "$@"
    fi
    (($# > 0)) || die "usage: $0 CMD [ARGS...]   (runs CMD in a Debian $suite root with PostgreSQL 17)"
    [[ $(id -u) -eq 0 ]] || die "$0 must run as root (it uses debootstrap, chroot and mounts)"
    [[ $root == /?* && $root != */ ]] || die "ABM_PG17_ROOT must be an absolute path without a trailing slash: $root"
    ensure_root
    in_root "$(pwd -P)" "$@"
}

main "$@"
