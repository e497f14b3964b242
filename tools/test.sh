#!/usr/bin/env bash
# README command 2: install, build, run the whole test suite; then build a second tree with
# AddressSanitizer and UndefinedBehaviorSanitizer and run the whole suite again there, so that
# memory errors and undefined behaviour fail the tests too. NEWSDEX_SANITIZED=0 skips the second run.
# NEWSDEX_WERROR=ON (CI sets it, .ci/run) makes any compiler warning fail both builds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${NEWSDEX_BUILD_DIR:-$root/build}
bash "$root/tools/build.sh"
(cd "$build" && ctest --output-on-failure -j "$(nproc)")
[[ ${NEWSDEX_SANITIZED:-1} == 0 ]] && exit 0
sanitized=${NEWSDEX_ASAN_BUILD_DIR:-$build-asan}
echo "== the whole suite again under ASan+UBSan, in $sanitized"
cmake -S "$root" -B "$sanitized" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DNEWSDEX_SANITIZE=address,undefined -DNEWSDEX_WERROR="${NEWSDEX_WERROR:-OFF}" >/dev/null
cmake --build "$sanitized" -j "$(nproc)"
cd "$sanitized"
# The sanitizer options come from the build tree (cmake/sanitizers.cmake), so plain ctest uses them.
ctest --output-on-failure -j "$(nproc)"
