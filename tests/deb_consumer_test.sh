#!/usr/bin/env bash
# Packages the build as .debs with CPack, installs them with dpkg into a scratch root whose package
# database holds only the host's packages they depend on (so dpkg itself checks every Depends,
# including what dpkg-shlibdeps computed), then runs the packaged command line and builds and runs
# an example against the packaged libraries with pkg-config. Needs no root.
#   deb_consumer_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
scratch=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-deb-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cpack -G DEB -B "$scratch/packages" --config "$build/CPackConfig.cmake" >/dev/null
debs=("$scratch"/packages/*.deb)
[[ ${#debs[@]} == 2 ]] || { echo "FAIL: expected two packages, got: ${debs[*]}" >&2; exit 1; }
for deb in "${debs[@]}"; do
    echo "$(dpkg-deb -f "$deb" Package): Depends: $(dpkg-deb -f "$deb" Depends)"
done
cli=$(ls "$scratch"/packages/newsdex_*.deb)
# dpkg-shlibdeps found the shared libraries the binary links, with their versions.
depends=$(dpkg-deb -f "$cli" Depends)
for library in libxapian30 libicu72 libarchive13 libc6 libstdc++6; do
    [[ $depends == *"$library ("* ]] || { echo "FAIL: newsdex Depends lacks $library" >&2; exit 1; }
done

root=$scratch/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
# Every package named in a Depends (alternatives included), as the host has it installed, and the
# installed packages that provide one of those names (libspdlog1.10 provides libspdlog1.10-fmt9).
names=$(for deb in "${debs[@]}"; do dpkg-deb -f "$deb" Depends; done | tr ',|' '\n\n' | sed 's/(.*)//; s/[[:space:]]//g' | sort -u)
installed=$(dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Provides}\n' | awk -F'|' -v want="$(echo $names)" '
    BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) wanted[w[i]] = 1 }
    $1 ~ /^ii/ {
        if ($2 in wanted) { print $2; next }
        provides = $3; gsub(/\([^)]*\)/, "", provides); m = split(provides, p, /[ ,]+/)
        for (i = 1; i <= m; i++) if (p[i] in wanted) { print $2; break }
    }')
[[ -n $installed ]] || { echo "FAIL: none of the packages the .debs depend on is installed" >&2; exit 1; }
# shellcheck disable=SC2086  # one name per word
dpkg-query --status $installed >"$root/var/lib/dpkg/status"
# Their file lists, empty: the scratch root holds none of their files, and dpkg need not say so.
# shellcheck disable=SC2086
for package in $(dpkg-query -W -f='${binary:Package}\n' $installed); do : >"$root/var/lib/dpkg/info/$package.list"; done
touch "$root/var/lib/dpkg/available"
PATH=$PATH:/usr/sbin:/sbin dpkg --root="$root" --force-not-root --log=/dev/null --install "${debs[@]}" >/dev/null

"$root/usr/bin/newsdex" --version
test -f "$root/usr/share/man/man1/newsdex.1"
pc=$(find "$root/usr" -name newsdex.pc)
export PKG_CONFIG_PATH=$(dirname "$pc")
# shellcheck disable=SC2046  # the flags are words
c++ -std=c++20 "$source/examples/embed.cpp" -o "$scratch/embed" $(pkg-config --cflags --libs newsdex)
out=$("$scratch/embed" "$scratch/db")
grep -q '^1\. У Києві відкрили пішохідний міст' <<<"$out" || { echo "FAIL: embed printed: $out" >&2; exit 1; }
echo ".deb: installed with dpkg, the command line runs, an example builds and runs against the packaged libraries"
