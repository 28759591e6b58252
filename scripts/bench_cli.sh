#!/usr/bin/env bash
# Whole-command timings of `mojifix fix` on a generated JSONL (issue: data-engineering tool).
# Usage: scripts/bench_cli.sh [SIZE_MB] [RUNS] — prints wall time, MB/s and peak RSS for -j 1 and
# -j 2, the median of RUNS (default 3) runs each, measured in the same run, and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1024}
runs=${2:-3}
input=target/bench-${size}m.jsonl
cargo build --release --quiet
[ -s "$input" ] || python3 scripts/gen_jsonl.py "$size" > "$input"
bytes=$(stat -c %s "$input")
for jobs in 1 2; do
  for run in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o target/time.out target/release/mojifix fix --jsonl --field text --field title -j "$jobs" "$input" > /dev/null
    read -r secs rss < target/time.out
    echo "$jobs $secs $rss"
  done | sort -k2 -n | sed -n "$(( (runs + 1) / 2 ))p" | while read -r j secs rss; do
    awk -v n="$runs" -v j="$j" -v s="$secs" -v r="$rss" -v b="$bytes" \
      'BEGIN { printf "-j %s: %.1f s, %.1f MB/s, peak RSS %.1f MB (median of %d)\n", j, s, b / s / 1e6, r / 1024, n }'
  done
done
