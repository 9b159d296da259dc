#!/usr/bin/env bash
# Installs everything Roadbook builds and tests with: pinned Debian packages, pinned third-party sources
# (checked against sha256 sums) under third_party/, and playwright-core from package-lock.json.
# A second run with everything present touches no network and finishes in a few seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THIRD_PARTY="$ROOT/third_party"
DOWNLOADS="$THIRD_PARTY/downloads"
LOCK="$ROOT/scripts/third_party.lock"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        die "'$*' needs root; run as root or install sudo"
    fi
}

lock_value() { # lock_value KEY -> value from scripts/third_party.lock
    local value
    value="$(awk -v key="$1" '$1 == key { print $2 }' "$LOCK")"
    [ -n "$value" ] || die "scripts/third_party.lock has no entry '$1'"
    printf '%s' "$value"
}

check_sha256() { # check_sha256 FILE EXPECTED
    local actual
    actual="$(sha256sum "$1" | cut -d' ' -f1)"
    [ "$actual" = "$2" ] || die "$(basename "$1"): sha256 $actual, expected $2 (a different file was served; refusing it)"
}

# ---- Debian packages ---------------------------------------------------------------------------------
# Each line: package and exact version. Packages marked "security" get Debian security updates that remove
# the old version from the archive; for those the archive's current version is accepted with a warning
# rather than leaving a fresh machine unable to set up.
APT_PACKAGES=(
    "cmake 3.25.1-1 stable"
    "ninja-build 1.11.1-2~deb12u1 stable"
    "g++ 4:12.2.0-3 stable"
    "clang-14 1:14.0.6-12 stable"
    "libclang-rt-14-dev 1:14.0.6-12 stable"
    "emscripten 3.1.6~dfsg-5 stable"
    "chromium 156.0.8078.108-1~deb12u1 security"
    "fonts-roboto-unhinted 2:0~20170802-3 stable"
    "fonts-fork-awesome 1.2.0+ds1-1 stable"
    "libsodium-dev 1.0.18-1+deb12u1 stable"
    "nlohmann-json3-dev 3.11.2-2 stable"
    "catch2 2.13.10-1 stable"
    "pkgconf 1.8.1-1 stable"
    "libpq-dev 15.20-0+deb12u1 security"
    "postgresql 15+248+deb12u2 stable"
    "xz-utils 5.4.1-1 stable"
)

installed_version() { dpkg-query -W -f='${Status} ${Version}' "$1" 2>/dev/null | awk '$3 == "installed" { print $4 }'; }

APT_UPDATED=0
apt_update_once() {
    if [ "$APT_UPDATED" = 0 ]; then
        say "refreshing Debian package lists"
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
}

install_debian_packages() {
    local wanted=() line package version kind have
    for line in "${APT_PACKAGES[@]}"; do
        read -r package version kind <<<"$line"
        have="$(installed_version "$package")"
        if [ -z "$have" ]; then
            wanted+=("$package $version $kind")
        elif [ "$have" != "$version" ] && [ "$kind" = stable ]; then
            say "note: $package $have is installed; Roadbook is tested with $version"
        fi
    done
    [ "${#wanted[@]}" = 0 ] && return 0
    apt_update_once
    local specs=()
    for line in "${wanted[@]}"; do
        read -r package version kind <<<"$line"
        if apt-cache madison "$package" | awk '{ print $3 }' | grep -qx -- "$version"; then
            specs+=("$package=$version")
        elif [ "$kind" = security ]; then
            say "warning: $package $version is gone from the archive (security update); installing its current version"
            specs+=("$package")
        else
            die "$package $version is not in the Debian archive; update APT_PACKAGES in scripts/setup.sh"
        fi
    done
    say "installing ${specs[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${specs[@]}" >/dev/null
}

# ---- Source packages from Debian (Dear ImGui, cpp-httplib) --------------------------------------------
ensure_deb_src() {
    local list=/etc/apt/sources.list.d/roadbook-deb-src.sources
    [ -f "$list" ] && return 0
    say "adding Debian source entries (bookworm, trixie) for Dear ImGui 1.90.1 and cpp-httplib 0.18.7"
    as_root tee "$list" >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    APT_UPDATED=0
}

fetch_debian_source() { # fetch_debian_source PACKAGE VERSION SUITE ORIG_TARBALL SHA256
    local package="$1" version="$2" suite="$3" tarball="$4" sha="$5"
    [ -f "$DOWNLOADS/$tarball" ] && { check_sha256 "$DOWNLOADS/$tarball" "$sha"; return 0; }
    ensure_deb_src
    apt_update_once
    mkdir -p "$DOWNLOADS"
    say "downloading Debian source $package $version"
    # apt's sandbox user cannot write into an arbitrary folder; download in a temporary one.
    local temporary
    temporary="$(mktemp -d)"
    chmod 777 "$temporary"
    if ! (cd "$temporary" && apt-get source -qq --download-only "$package=$version" >/dev/null 2>&1); then
        say "warning: $package $version is not in the archive; taking $package from $suite (the orig tarball is still checked)"
        (cd "$temporary" && apt-get source -qq --download-only "$package/$suite" >/dev/null 2>&1) \
            || die "could not download the Debian source package $package"
    fi
    [ -f "$temporary/$tarball" ] || die "$package: expected $tarball in the source package"
    check_sha256 "$temporary/$tarball" "$sha"
    mv "$temporary/$tarball" "$DOWNLOADS/$tarball"
    rm -rf "$temporary"
}

fetch_npm_tarball() { # fetch_npm_tarball NAME@VERSION TARBALL SHA256
    [ -f "$DOWNLOADS/$2" ] && { check_sha256 "$DOWNLOADS/$2" "$3"; return 0; }
    mkdir -p "$DOWNLOADS"
    say "downloading $1 from the npm registry"
    (cd "$DOWNLOADS" && npm pack --silent "$1" >/dev/null)
    check_sha256 "$DOWNLOADS/$2" "$3"
}

extract_once() { # extract_once TARBALL DESTINATION_MARKER_FILE [tar arguments...]
    local tarball="$1" marker="$2"
    shift 2
    [ -f "$marker" ] && return 0
    say "extracting $(basename "$tarball")"
    tar -xf "$tarball" -C "$THIRD_PARTY" "$@"
}

install_third_party_sources() {
    mkdir -p "$THIRD_PARTY"
    local imgui_tarball httplib_tarball sqlite_tarball
    imgui_tarball="$(lock_value imgui.tarball)"
    fetch_debian_source imgui "$(lock_value imgui.debian-version)" trixie "$imgui_tarball" "$(lock_value imgui.sha256)"
    extract_once "$DOWNLOADS/$imgui_tarball" "$THIRD_PARTY/imgui-1.90.1/imgui.cpp"

    httplib_tarball="$(lock_value cpp-httplib.tarball)"
    fetch_debian_source cpp-httplib "$(lock_value cpp-httplib.debian-version)" trixie "$httplib_tarball" \
        "$(lock_value cpp-httplib.sha256)"
    if [ ! -f "$THIRD_PARTY/cpp-httplib-0.18.7/httplib.h" ]; then
        say "extracting $httplib_tarball"
        mkdir -p "$THIRD_PARTY/cpp-httplib-0.18.7"
        tar -xf "$DOWNLOADS/$httplib_tarball" -C "$THIRD_PARTY/cpp-httplib-0.18.7" --strip-components=1 \
            --wildcards '*/httplib.h' '*/LICENSE'
    fi

    sqlite_tarball="$(lock_value sqlite.npm-tarball)"
    fetch_npm_tarball "$(lock_value sqlite.npm-package)" "$sqlite_tarball" "$(lock_value sqlite.npm-sha256)"
    if [ ! -f "$THIRD_PARTY/sqlite-3.53.2/sqlite3.c" ]; then
        say "extracting the SQLite amalgamation from $sqlite_tarball"
        mkdir -p "$THIRD_PARTY/sqlite-3.53.2"
        tar -xzf "$DOWNLOADS/$sqlite_tarball" -C "$THIRD_PARTY/sqlite-3.53.2" --strip-components=3 \
            package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
        check_sha256 "$THIRD_PARTY/sqlite-3.53.2/sqlite3.c" "$(lock_value sqlite.sqlite3c-sha256)"
    fi

    # Header-only libraries from Debian, exposed through a folder that holds nothing else, so the
    # WebAssembly build never puts /usr/include (glibc) ahead of Emscripten's own headers.
    mkdir -p "$THIRD_PARTY/include"
    ln -sfn /usr/include/nlohmann "$THIRD_PARTY/include/nlohmann"
    ln -sfn /usr/include/catch2 "$THIRD_PARTY/include/catch2"
}

# ---- npm: playwright-core ------------------------------------------------------------------------------
install_node_packages() {
    command -v node >/dev/null || die "node is missing; Roadbook needs Node.js 20 or newer (see README, Troubleshooting)"
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    [ "$major" -ge 20 ] || die "Node.js $(node --version) is too old; playwright-core needs 20 or newer"
    local stamp="$ROOT/node_modules/.roadbook-lock-sha256" want
    want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
    say "installing node packages from package-lock.json (npm ci; integrity checked by npm)"
    (cd "$ROOT" && npm ci --silent --no-audit --no-fund >/dev/null)
    printf '%s' "$want" >"$stamp"
}

main() {
    local started=$SECONDS
    install_debian_packages
    install_third_party_sources
    install_node_packages
    say "ready ($((SECONDS - started)) s)"
}

main "$@"
