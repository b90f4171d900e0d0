#!/usr/bin/env bash
# Builds PostgreSQL 18 (with assertions) and pgTAP for it from Debian's source
# packages, into a cache outside the clone, and prints the bin directory.
#
# Debian 12 has no PostgreSQL 18 binaries, and sid's need a newer libc, but
# sid's *source* package builds here. It is fetched with `apt-get source
# --download-only` through an apt configuration of this script's own (its own
# sources list with a deb-src line for sid, signed by the Debian archive
# keyring, and its own state and cache folders): the system's apt
# configuration is never changed. The mirror is the one the system already
# uses (read from its sources, not written here).
#
#   scripts/pg18.sh            build if needed; print the prefix's bin directory
#
# Cache: $ABM_PG_CACHE (default /var/cache/abm-pg, or ~/.cache/abm-pg when not
# root). A finished build leaves a stamp there, so a second run returns at once.
set -euo pipefail

major=18
cache=${ABM_PG_CACHE:-$([[ $(id -u) -eq 0 ]] && echo /var/cache/abm-pg || echo "$HOME/.cache/abm-pg")}
prefix=$cache/pg$major
# The stamp names what the build holds, so a cache from an older recipe of
# this script (say, one without the contrib modules) is rebuilt.
recipe="postgresql-$major cassert debug pgtap contrib:pg_stat_statements,pg_prewarm"
stamp=$prefix/.abm-built
say() { printf '==> %s\n' "$*" >&2; }

if [[ -e $stamp && $(<"$stamp") == "$recipe" ]]; then
    echo "$prefix/bin"
    exit 0
fi

# Build tools from the system's own Debian 12 packages (PostgreSQL 18 tarballs
# ship no generated parsers, so bison and flex too).
need=(gcc make perl bison flex zlib1g-dev dpkg-dev debian-archive-keyring xz-utils bzip2)
missing=()
for pkg in "${need[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null) == installed ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
    [[ $(id -u) -eq 0 ]] || { echo "error: missing packages: ${missing[*]} (install them as root)" >&2; exit 1; }
    say "installing build tools: ${missing[*]}"
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" </dev/null >&2
fi

# The mirror the system already uses for Debian (first URIs: / deb line).
mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\/debian\)[[:space:]]*$/\1/p' \
    /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
[[ -n $mirror ]] || mirror=$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2; exit }' \
    /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)
[[ -n $mirror ]] || { echo "error: no Debian mirror found in the system's apt sources" >&2; exit 1; }

work=$cache/work$major
rm -rf "$work"
mkdir -p "$work"/apt/{lists/partial,cache/archives/partial,etc/preferences.d,etc/sources.list.d} "$work/src"
cat >"$work/apt/etc/sources.list" <<EOF
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main
EOF
apt_opts=(
    -o Dir::Etc="$work/apt/etc"
    -o Dir::Etc::sourcelist="$work/apt/etc/sources.list"
    -o Dir::Etc::sourceparts="$work/apt/etc/sources.list.d"
    -o Dir::Etc::preferencesparts="$work/apt/etc/preferences.d"
    -o Dir::State="$work/apt"
    -o Dir::State::Lists="$work/apt/lists"
    -o Dir::State::status=/var/lib/dpkg/status
    -o Dir::Cache="$work/apt/cache"
    -o APT::Sandbox::User=root
    -o Debug::NoLocking=1
)

say "downloading postgresql-$major and pgtap sources (sid) with a private apt configuration"
apt-get "${apt_opts[@]}" update >&2
# Only the upstream (orig) tarballs are used; the mirror may lack the other
# files of a source package (seen: pgtap's .dsc), so a partial fetch is fine
# as long as the orig tarball arrived.
for pkg in "postgresql-$major" pgtap; do
    (cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only "$pkg" >&2) ||
        say "apt-get source $pkg reported errors; looking for its orig tarball"
done
orig=$(ls "$work/src"/postgresql-"$major"_*.orig.tar.* 2>/dev/null | head -n 1)
tap=$(ls "$work/src"/pgtap_*.orig.tar.* 2>/dev/null | head -n 1)
[[ -n $orig && -n $tap ]] || { echo "error: could not download the orig tarballs of postgresql-$major and pgtap" >&2; exit 1; }
say "building $(basename "$orig") with --enable-cassert --enable-debug into $prefix (about 6 minutes)"
mkdir -p "$work/build"
tar -xf "$orig" -C "$work/build"
srcdir=$(find "$work/build" -mindepth 1 -maxdepth 1 -type d -name 'postgresql-*' | head -n 1)
(
    cd "$srcdir"
    ./configure --prefix="$prefix" --without-icu --without-readline \
        --enable-cassert --enable-debug CFLAGS='-O2' >"$work/configure.log" 2>&1 ||
        { tail -n 40 "$work/configure.log" >&2; exit 1; }
    make -j"$(nproc)" >"$work/make.log" 2>&1 || { tail -n 40 "$work/make.log" >&2; exit 1; }
    make install >>"$work/make.log" 2>&1
    # pg_regress is not installed by make install; PGXS looks for it here.
    make -C src/test/regress install >>"$work/make.log" 2>&1 || true
    # The contrib modules the suites load: pg_stat_statements (scripts/sqlsmith.sh)
    # and pg_prewarm (bench/run.sh).
    for module in pg_stat_statements pg_prewarm; do
        make -C "contrib/$module" install >>"$work/make.log" 2>&1 || { tail -n 40 "$work/make.log" >&2; exit 1; }
    done
)

say "building pgTAP $(basename "$tap") against it"
mkdir -p "$work/tap"
tar -xf "$tap" -C "$work/tap"
tapdir=$(find "$work/tap" -mindepth 1 -maxdepth 1 -type d | head -n 1)
make -C "$tapdir" PG_CONFIG="$prefix/bin/pg_config" >"$work/pgtap.log" 2>&1 &&
    make -C "$tapdir" PG_CONFIG="$prefix/bin/pg_config" install >>"$work/pgtap.log" 2>&1 ||
    { tail -n 40 "$work/pgtap.log" >&2; exit 1; }

"$prefix/bin/pg_config" --version >&2
rm -rf "$work"
echo "$recipe" >"$stamp"
echo "$prefix/bin"
