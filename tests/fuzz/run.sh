#!/usr/bin/env bash
# Builds the libFuzzer programs (clang, the project's code instrumented for coverage, ASan and
# UBSan) and runs them one after another, each for the given time, on the 2-core budget: one
# fuzzer process at a time. What each run finds stays in the build tree: the grown corpus under
# fuzz-corpus/<target>/, crash inputs under fuzz-artifacts/<target>/ (copy those worth keeping to
# tests/fuzz/regressions/<target>/, which ctest replays). A line per target goes to
# fuzz-summary.tsv: seconds, executions, cov, ft, corpus files, crash inputs.
#   tests/fuzz/run.sh [-t SECONDS_PER_TARGET] [TARGET...]     (default 900 s; all targets)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${NEWSDEX_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=900
if [[ ${1:-} == -t ]]; then seconds=$2; shift 2; fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(query json html warc feed charset archive)

# NEWSDEX_FUZZ_NO_BUILD=1 runs the fuzzers as built, e.g. to go on after a crash was fixed.
if [[ ${NEWSDEX_FUZZ_NO_BUILD:-0} != 1 ]]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSDEX_FUZZ=ON >/dev/null || exit 2
    cmake --build "$build" -j 2 --target "${targets[@]/%/_fuzzer}" || exit 2
fi

supp=$root/tests/sanitizers
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$supp/lsan.supp}

# Seed material beside the committed seeds: the sample corpus, read where it lies.
extra_seeds() {
    case $1 in
    json) echo "$root/corpus/json" ;;
    html) echo "$root/corpus/html" ;;
    charset) echo "$root/corpus/html/ru" ;;
    esac
}

summary=$build/fuzz-summary.tsv
[[ -f $summary ]] || printf 'target\tseconds\texecutions\tcov\tft\tcorpus_files\tcrashes\n' >"$summary"
for t in "${targets[@]}"; do
    work=$build/fuzz-corpus/$t
    artifacts=$build/fuzz-artifacts/$t/
    log=$build/fuzz-logs/$t-$(date +%Y%m%d-%H%M%S)-$$.log # one per run: two runs may share a target
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    seeds=("$root/tests/fuzz/corpus/$t")
    [[ -d $root/tests/fuzz/regressions/$t ]] && seeds+=("$root/tests/fuzz/regressions/$t")
    for d in $(extra_seeds "$t"); do seeds+=("$d"); done
    echo "== $t: $seconds s" >&2
    start=$(date +%s)
    stamp=$(mktemp) # crash inputs of this run are the ones newer than it
    # One process (what -jobs=1 amounts to), its output in our log rather than fuzz-0.log. A
    # crash ends the run; the summary line still records it.
    "$build/tests/${t}_fuzzer" -rss_limit_mb=2048 -timeout=10 -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$artifacts" "$work" "${seeds[@]}" >"$log" 2>&1
    status=$?
    elapsed=$(($(date +%s) - start))
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | awk '{print $2}')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | awk '{print $2}')
    files=$(find "$work" -type f | wc -l)
    crashes=$(find "$artifacts" -type f -newer "$stamp" | wc -l)
    rm -f "$stamp"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$elapsed" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$files" "$crashes" | tee -a "$summary"
    [[ $status -eq 0 ]] || echo "$t: fuzzer exited $status; see $log" >&2
done
