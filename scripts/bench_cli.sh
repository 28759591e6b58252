#!/usr/bin/env bash
# Whole-command timings of `mojifix fix` on a generated JSONL (issue: data-engineering tool).
# Usage: scripts/bench_cli.sh [SIZE_MB] [RUNS] — runs `-j 1` and `-j 2` alternately RUNS times
# each (default 3; alternating so that a slow spell of a shared host hits both modes), then prints
# wall time, MB/s and peak RSS of each mode's median run and the ratio of the two medians.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
runs=${2:-3}
input=target/bench-${size}m.jsonl
cargo build --release --quiet
[ -s "$input" ] || python3 scripts/gen_jsonl.py "$size" > "$input"
bytes=$(stat -c %s "$input")
log=target/bench-cli.log
: > "$log"
for run in $(seq "$runs"); do
  for jobs in 1 2; do
    /usr/bin/time -f "%e %M" -o target/time.out target/release/mojifix fix --jsonl --field text --field title -j "$jobs" "$input" > /dev/null
    read -r secs rss < target/time.out
    echo "run $run: -j $jobs $secs s, peak RSS $rss KB" >&2
    echo "$jobs $secs $rss" >> "$log"
  done
done
awk -v n="$runs" -v b="$bytes" '
  { s[$1, ++c[$1]] = $2; r[$1, c[$1]] = $3 }
  END {
    for (j = 1; j <= 2; j++) {
      # insertion sort of the runs of this mode by time, to take the median
      for (i = 1; i <= n; i++) { t[i] = s[j, i]; m[i] = r[j, i] }
      for (i = 2; i <= n; i++) for (k = i; k > 1 && t[k] < t[k-1]; k--) {
        x = t[k]; t[k] = t[k-1]; t[k-1] = x; x = m[k]; m[k] = m[k-1]; m[k-1] = x
      }
      med[j] = t[int((n + 1) / 2)]
      printf "-j %d: %.1f s, %.1f MB/s, peak RSS %.1f MB (median of %d)\n", j, med[j], b / med[j] / 1e6, m[int((n + 1) / 2)] / 1024, n
    }
    printf "ratio -j 2 / -j 1: %.2fx\n", med[1] / med[2]
  }' "$log"
