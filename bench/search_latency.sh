#!/usr/bin/env bash
# Whole-process latency of `newsdex search` (start, open the index, analyse the query, search,
# snippets, print, exit), the figure a terminal user feels. Target: p50 under 20 ms.
#   bench/search_latency.sh DB [RUNS]   (newsdex from build/tools unless NEWSDEX is set)
set -euo pipefail
db=${1:?usage: search_latency.sh DB [RUNS]}
runs=${2:-31}
newsdex=${NEWSDEX:-$(dirname "$0")/../build/tools/newsdex}
queries=('Києві' 'переговори' 'Київ' 'м’ясо' 'зерно експорт' '"Верховна Рада"' 'Зеленський NEAR/5 заява'
         'Москве' 'переговоры' 'negotiations' 'oil prices')
all=()
for q in "${queries[@]}"; do
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$newsdex" search --db "$db" --json "$q" >/dev/null || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  all+=("${times[@]}")
  printf '%-28s %s\n' "$q" "$(printf '%s\n' "${times[@]}" | sort -n |
    awk '{t[NR]=$1} END {printf "p50 %.1f ms  p95 %.1f ms", t[int((NR+1)/2)]/1000, t[int(NR*0.95+0.5)]/1000}')"
done
printf '%-28s %s\n' "all queries" "$(printf '%s\n' "${all[@]}" | sort -n |
  awk '{t[NR]=$1} END {printf "p50 %.1f ms  p95 %.1f ms (%d runs)", t[int((NR+1)/2)]/1000, t[int(NR*0.95+0.5)]/1000, NR}')"
