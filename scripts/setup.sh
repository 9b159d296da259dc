#!/usr/bin/env bash
# Installs everything Roadbook builds and tests with: Debian packages (scripts/debian-packages.lock), third-party
# sources checked against sha256 sums (scripts/third_party.lock) under third_party/, and playwright-core.
# Usage: scripts/setup.sh [debian] [sources] [node]   (no argument: all three, in that order)
# A second run with everything present touches no network and finishes in about a second. Every failure ends
# with "setup: error: <what failed>" and a "setup: try: <what to do>" line on stderr, and a non-zero exit.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THIRD_PARTY="$ROOT/third_party"
DOWNLOADS="$THIRD_PARTY/downloads"
SOURCES_LOCK="$ROOT/scripts/third_party.lock"
DEBIAN_LOCK="$ROOT/scripts/debian-packages.lock"
SUITES_PATTERN='^bookworm(-updates|-security)?/'

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
STEP="starting setup"
HINT="run it again; if it fails the same way, read the output above"

say() { printf 'setup: %s\n' "$*"; }

# step NAME HINT: names what runs next, so any failure after it says which step failed and what to try.
step() {
    STEP="$1"
    HINT="$2"
}

# die MESSAGE [HINT]: a failure setup understood. The ERR trap stays quiet after it, even from a subshell.
die() {
    printf 'setup: error: %s\n' "$1" >&2
    printf 'setup: try: %s\n' "${2:-$HINT}" >&2
    : >"$SCRATCH/reported"
    exit 1
}

# Prints the one error line and the hint for a failed step, once, and ends setup with the step's status.
report_failure() { # report_failure STATUS WHAT_FAILED
    [ -e "$SCRATCH/reported" ] && exit "$1"
    : >"$SCRATCH/reported"
    printf 'setup: error: %s failed (%s)\n' "$STEP" "$2" >&2
    printf 'setup: try: %s%s\n' "$HINT" "$(disk_note)" >&2
    exit "$1"
}

# Every command that fails outside die() and quietly() lands here.
trap 'report_failure $? "exit $?, scripts/setup.sh line $LINENO: $BASH_COMMAND"' ERR

disk_note() {
    local free_kib
    free_kib="$(df -Pk "$ROOT" 2>/dev/null | awk 'NR == 2 { print $4 }')" || return 0
    if [ -n "$free_kib" ] && [ "$free_kib" -lt 1048576 ]; then
        printf ' (only %s MiB free on the disk holding %s: free space first)' "$((free_kib / 1024))" "$ROOT"
    fi
}

# quietly COMMAND...: runs it with its output kept aside; on failure shows the output and ends setup.
quietly() {
    local status=0
    "$@" >"$SCRATCH/output.log" 2>&1 || status=$?
    [ "$status" = 0 ] && return 0
    printf 'setup: %s said:\n' "$1" >&2
    tail -n 60 "$SCRATCH/output.log" | sed 's/^/  | /' >&2
    if grep -q 'No space left on device' "$SCRATCH/output.log"; then
        HINT="the disk is full: free space (df -h '$ROOT' shows how much) and run setup again"
    fi
    report_failure "$status" "exit $status: $*"
}

# Checked before anything runs quietly, so "needs root" is said on the terminal, not into a log.
require_install_rights() {
    [ "$(id -u)" = 0 ] && return 0
    command -v sudo >/dev/null && return 0
    die "installing Debian packages needs root, and this user is not root and sudo is not installed" \
        "run ./roadbook as root, or install sudo and run it as a user who may use sudo"
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

check_sha256() { # check_sha256 FILE EXPECTED
    local actual
    actual="$(sha256sum "$1" | cut -d' ' -f1)"
    if [ "$actual" != "$2" ]; then
        rm -f "$1"
        die "${1##*/} has sha256 $actual, expected $2; the file was refused and deleted" \
            "run setup again to download it anew; if the sum differs again, the mirror serves a different file"
    fi
}

# ---- Debian packages ---------------------------------------------------------------------------------

# upstream_matches VERSION PIN: is VERSION (a Debian version) a revision of the upstream version PIN names?
upstream_matches() {
    local upstream="$1" pin="$2"
    [[ "$upstream" == *:* ]] && upstream="${upstream#*:}"
    [[ "$upstream" == *-* ]] && upstream="${upstream%-*}"
    [ "$upstream" = "$pin" ] || [[ "$upstream" == "$pin"[.~+]* ]]
}

installed_version() { # prints the installed version, or nothing when PACKAGE is not installed
    local status_and_version
    status_and_version="$(dpkg-query -W -f='${Status}|${Version}' "$1" 2>/dev/null)" || return 0
    [[ "$status_and_version" == "install ok installed|"* ]] && printf '%s' "${status_and_version#*|}"
    return 0
}

# archive_versions PACKAGE: the versions bookworm's suites offer, one per line (apt's own order).
archive_versions() {
    apt-cache madison "$1" | awk -F'|' -v suites="$SUITES_PATTERN" '
        { gsub(/^ +| +$/, "", $2); split($3, where, " ") }
        where[2] ~ suites && $3 ~ /Packages *$/ { print $2 }'
}

highest_version() { # reads versions on stdin, prints the highest by Debian's ordering
    local best="" version
    while read -r version; do
        if [ -z "$best" ] || dpkg --compare-versions "$version" gt "$best"; then best="$version"; fi
    done
    printf '%s' "$best"
}

read_debian_lock() { # fills DEBIAN_PINS with "package pin policy" lines
    [ -f "$DEBIAN_LOCK" ] || die "scripts/debian-packages.lock is missing" "restore it with git checkout"
    DEBIAN_PINS=()
    local package pin policy extra number=0
    while read -r package pin policy extra; do
        number=$((number + 1))
        [[ -z "$package" || "$package" == \#* ]] && continue
        if [ -z "$policy" ] || [ -n "$extra" ] || [[ "$policy" != pinned && "$policy" != follow ]]; then
            die "scripts/debian-packages.lock line $number: expected 'package upstream-version pinned|follow'" \
                "fix that line"
        fi
        DEBIAN_PINS+=("$package $pin $policy")
    done <"$DEBIAN_LOCK"
}

APT_UPDATED=0
apt_update_once() {
    [ "$APT_UPDATED" = 1 ] && return 0
    step "refreshing Debian's package lists (apt-get update)" \
        "check the network and /etc/apt/sources.list*; 'apt-get update' run by hand shows the details"
    require_install_rights
    say "refreshing Debian's package lists"
    quietly as_root apt-get update --error-on=any
    APT_UPDATED=1
}

# choose_debian_version PACKAGE PIN POLICY: prints the version to install, or dies saying why there is none.
choose_debian_version() {
    local package="$1" pin="$2" policy="$3" offered matching current
    offered="$(archive_versions "$package")"
    [ -n "$offered" ] || die "$package is not in the Debian archive apt knows (bookworm, bookworm-updates, \
bookworm-security)" "check that /etc/apt/sources.list* lists those three suites, then run setup again"
    matching="$(while read -r version; do
        if upstream_matches "$version" "$pin"; then printf '%s\n' "$version"; fi
    done <<<"$offered" | highest_version)"
    if [ -n "$matching" ]; then
        printf '%s' "$matching"
        return 0
    fi
    current="$(highest_version <<<"$offered")"
    if [ "$policy" = follow ]; then
        say "warning: $package $pin is gone from the archive; installing its current version $current" >&2
        printf '%s' "$current"
        return 0
    fi
    die "$package $pin is not in the Debian archive (it offers $(tr '\n' ' ' <<<"$offered" | sed 's/ $//'))" \
        "update the pin in scripts/debian-packages.lock after checking that Roadbook builds with that version"
}

install_debian_packages() {
    step "checking Debian packages" "run setup again; if it fails the same way, read the output above"
    read_debian_lock
    local missing=() line package pin policy have
    for line in "${DEBIAN_PINS[@]}"; do
        read -r package pin policy <<<"$line"
        have="$(installed_version "$package")"
        if [ -z "$have" ]; then
            missing+=("$line")
        elif ! upstream_matches "$have" "$pin"; then
            say "note: $package $have is installed; Roadbook pins $pin (keeping yours)"
        fi
    done
    [ "${#missing[@]}" = 0 ] && return 0
    apt_update_once
    step "choosing Debian package versions" "check /etc/apt/sources.list*, then run setup again"
    local specs=() version
    for line in "${missing[@]}"; do
        read -r package pin policy <<<"$line"
        version="$(choose_debian_version "$package" "$pin" "$policy")"
        specs+=("$package=$version")
    done
    step "installing Debian packages (apt-get install)" \
        "check the network and free disk space; 'apt-get install ${specs[*]}' run by hand shows the details"
    say "installing ${specs[*]}"
    quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${specs[@]}"
    for line in "${missing[@]}"; do
        read -r package pin policy <<<"$line"
        have="$(installed_version "$package")"
        [ -n "$have" ] || die "apt-get reported success but $package is not installed" \
            "run 'apt-get install $package' by hand and read what it says"
        say "installed $package $have (pin $pin)"
    done
}

# ---- Third-party sources ---------------------------------------------------------------------------------
SOURCE_KEYS=(imgui.debian-version imgui.tarball imgui.sha256 cpp-httplib.debian-version cpp-httplib.tarball
    cpp-httplib.sha256 sqlite.npm-package sqlite.npm-tarball sqlite.npm-sha256 sqlite.sqlite3c-sha256)

declare -A LOCKED
read_sources_lock() {
    [ -f "$SOURCES_LOCK" ] || die "scripts/third_party.lock is missing" "restore it with git checkout"
    local key value missing=()
    while read -r key value _; do
        [[ -z "$key" || "$key" == \#* ]] && continue
        LOCKED["$key"]="$value"
    done <"$SOURCES_LOCK"
    for key in "${SOURCE_KEYS[@]}"; do
        [ -n "${LOCKED[$key]:-}" ] || missing+=("$key")
    done
    [ "${#missing[@]}" = 0 ] || die "scripts/third_party.lock has no entry for ${missing[*]}" \
        "restore the file with git checkout, or add each entry with its value"
}

ensure_deb_src() {
    local list=/etc/apt/sources.list.d/roadbook-deb-src.sources
    [ -f "$list" ] && return 0
    require_install_rights
    say "adding Debian source entries (bookworm, trixie) for Dear ImGui and cpp-httplib"
    as_root tee "$list" >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    APT_UPDATED=0
}

download_debian_source() { # runs in a scratch folder: apt's sandbox user cannot write into an arbitrary one
    local folder="$1" spec="$2"
    (cd "$folder" && apt-get source -q --download-only "$spec")
}

fetch_debian_source() { # fetch_debian_source PACKAGE VERSION SUITE ORIG_TARBALL SHA256
    local package="$1" version="$2" suite="$3" tarball="$4" sha="$5"
    if [ -f "$DOWNLOADS/$tarball" ]; then
        check_sha256 "$DOWNLOADS/$tarball" "$sha"
        return 0
    fi
    ensure_deb_src
    apt_update_once
    step "downloading the Debian source package $package $version" \
        "check the network and that deb.debian.org is reachable; 'apt-get source --download-only $package' shows more"
    mkdir -p "$DOWNLOADS"
    say "downloading Debian source $package $version"
    local temporary="$SCRATCH/source-$package"
    mkdir -p "$temporary"
    chmod 777 "$temporary"
    if ! download_debian_source "$temporary" "$package=$version" >"$SCRATCH/output.log" 2>&1; then
        say "note: $package $version is not in the archive; taking $package from $suite (its tarball is still checked)"
        quietly download_debian_source "$temporary" "$package/$suite"
    fi
    [ -f "$temporary/$tarball" ] || die "the source package $package holds no $tarball" \
        "the archive moved to another upstream version: update scripts/third_party.lock and the build"
    check_sha256 "$temporary/$tarball" "$sha"
    mv "$temporary/$tarball" "$DOWNLOADS/$tarball"
}

fetch_npm_tarball() { # fetch_npm_tarball NAME@VERSION TARBALL SHA256
    if [ -f "$DOWNLOADS/$2" ]; then
        check_sha256 "$DOWNLOADS/$2" "$3"
        return 0
    fi
    step "downloading $1 from the npm registry" "check the network and npm's registry setting (npm config get registry)"
    mkdir -p "$DOWNLOADS"
    say "downloading $1 from the npm registry"
    (cd "$DOWNLOADS" && quietly npm pack "$1")
    [ -f "$DOWNLOADS/$2" ] || die "npm pack $1 made no $2" "update scripts/third_party.lock to the file npm makes"
    check_sha256 "$DOWNLOADS/$2" "$3"
}

extract() { # extract TARBALL FOLDER [tar arguments...]
    local tarball="$1" folder="$2"
    shift 2
    step "extracting ${tarball##*/}" "delete $tarball and run setup again to download it anew"
    say "extracting ${tarball##*/}"
    mkdir -p "$folder"
    quietly tar -xf "$tarball" -C "$folder" "$@"
}

install_third_party_sources() {
    step "reading scripts/third_party.lock" "restore the file with git checkout"
    read_sources_lock
    mkdir -p "$THIRD_PARTY"
    local imgui="${LOCKED[imgui.tarball]}" httplib="${LOCKED[cpp-httplib.tarball]}"
    local sqlite="${LOCKED[sqlite.npm-tarball]}"

    fetch_debian_source imgui "${LOCKED[imgui.debian-version]}" trixie "$imgui" "${LOCKED[imgui.sha256]}"
    [ -f "$THIRD_PARTY/imgui-1.90.1/imgui.cpp" ] || extract "$DOWNLOADS/$imgui" "$THIRD_PARTY"

    fetch_debian_source cpp-httplib "${LOCKED[cpp-httplib.debian-version]}" trixie "$httplib" \
        "${LOCKED[cpp-httplib.sha256]}"
    [ -f "$THIRD_PARTY/cpp-httplib-0.18.7/httplib.h" ] || extract "$DOWNLOADS/$httplib" \
        "$THIRD_PARTY/cpp-httplib-0.18.7" --strip-components=1 --wildcards '*/httplib.h' '*/LICENSE'

    fetch_npm_tarball "${LOCKED[sqlite.npm-package]}" "$sqlite" "${LOCKED[sqlite.npm-sha256]}"
    if [ ! -f "$THIRD_PARTY/sqlite-3.53.2/sqlite3.c" ]; then
        extract "$DOWNLOADS/$sqlite" "$THIRD_PARTY/sqlite-3.53.2" --strip-components=3 \
            package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
        check_sha256 "$THIRD_PARTY/sqlite-3.53.2/sqlite3.c" "${LOCKED[sqlite.sqlite3c-sha256]}"
    fi

    # Header-only libraries from Debian, exposed through a folder that holds nothing else, so the
    # WebAssembly build never puts /usr/include (glibc) ahead of Emscripten's own headers.
    step "linking Debian's header-only libraries" "run './roadbook setup debian' first"
    [ -d /usr/include/nlohmann ] && [ -d /usr/include/catch2 ] || die \
        "nlohmann-json3-dev or catch2 is not installed (/usr/include/nlohmann, /usr/include/catch2)" \
        "run setup without arguments so it installs the Debian packages first"
    mkdir -p "$THIRD_PARTY/include"
    ln -sfn /usr/include/nlohmann "$THIRD_PARTY/include/nlohmann"
    ln -sfn /usr/include/catch2 "$THIRD_PARTY/include/catch2"
}

# ---- npm: playwright-core ------------------------------------------------------------------------------
# Node.js 20 or newer: the browser tests use node's test runner and playwright-core, which need it, and
# Debian 12's own nodejs is 18.
check_node() {
    step "checking Node.js" "install Node.js 20 or newer (Debian 12's nodejs is 18; see the README)"
    command -v node >/dev/null || die "node is not installed; Roadbook needs Node.js 20 or newer"
    command -v npm >/dev/null || die "npm is not installed; it comes with Node.js 20"
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    [ "$major" -ge 20 ] || die "Node.js $(node --version) is too old; Roadbook needs 20 or newer"
}

install_node_packages() {
    local stamp="$ROOT/node_modules/.roadbook-lock-sha256" want
    want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
    step "installing node packages from package-lock.json (npm ci)" \
        "check the network and npm's registry setting (npm config get registry)"
    say "installing node packages from package-lock.json (npm ci; integrity checked by npm)"
    (cd "$ROOT" && quietly npm ci --no-audit --no-fund)
    printf '%s' "$want" >"$stamp"
}

main() {
    local started=$SECONDS phases=("$@") phase
    [ ${#phases[@]} = 0 ] && phases=(debian sources node)
    for phase in "${phases[@]}"; do
        case "$phase" in
            debian | sources) ;;
            node) check_node ;;  # before minutes of apt work, so a missing Node.js is said at once
            *) die "unknown setup phase '$phase'" "use debian, sources or node (or nothing for all three)" ;;
        esac
    done
    for phase in "${phases[@]}"; do
        case "$phase" in
            debian) install_debian_packages ;;
            sources) install_third_party_sources ;;
            node) install_node_packages ;;
        esac
    done
    say "ready ($((SECONDS - started)) s)"
}

main "$@"
