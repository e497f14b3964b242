#!/usr/bin/env bash
# Configures and builds newsdex into ./build (or $NEWSDEX_BUILD_DIR); NEWSDEX_WERROR=ON makes
# compiler warnings errors.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NEWSDEX_BUILD_DIR:-$root/build}
bash "$root/tools/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSDEX_WERROR="${NEWSDEX_WERROR:-OFF}" >/dev/null
cmake --build "$build" -j "$(nproc)"
