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
# Every package named in a Depends (alternatives included), as the host has it installed.
names=$(for deb in "${debs[@]}"; do dpkg-deb -f "$deb" Depends; done | tr ',|' '\n\n' | sed 's/(.*)//; s/[[:space:]]//g' | sort -u)
# shellcheck disable=SC2086  # one name per word
dpkg-query --status $names >"$root/var/lib/dpkg/status" 2>/dev/null || true
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
