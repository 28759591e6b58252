#!/usr/bin/env bash
# Whole-process timing, side by side in one run: `mojifix convert` vs OpenCC 1.4.2's native CLI from `pip install
# OpenCC==1.4.2`, same input, same configuration (tofu-risk dictionaries included on both).
# Usage: scripts/zh_time.sh SIMPLIFIED.txt TRADITIONAL.txt [RUNS]
# Prints the median wall time, MB/s and peak RSS of each, and the speed ratio.
set -euo pipefail
simp=$1 trad=$2 runs=${3:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
python3 -m pip install -q OpenCC==1.4.2
clib=$(python3 -c 'import opencc, os; print(os.path.join(os.path.dirname(opencc.__file__), "clib"))')
(cd "$root" && cargo build -q --release)
ours=$root/target/release/mojifix
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label input cmd... -> "median_seconds max_rss_kb"
  local input=$1; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" > "$tmp/out" ; cat "$tmp/t"
  done > "$tmp/all"
  echo "$(cut -d' ' -f1 "$tmp/all" | median) $(cut -d' ' -f2 "$tmp/all" | sort -n | tail -1)"
}
for pair in "t2s $trad" "s2t $simp" "s2twp $simp"; do
  set -- $pair; cfg=$1 input=$2
  mb=$(python3 -c "import os; print(os.path.getsize('$input')/1e6)")
  read -r ot orss < <(measure "$input" "$clib/bin/opencc" --include-tofu-risk-dictionaries -c "$clib/share/opencc/$cfg.json" -i "$input")
  read -r mt mrss < <(measure "$input" "$ours" convert -c "$cfg" "$input")
  python3 - "$cfg" "$mb" "$ot" "$orss" "$mt" "$mrss" <<'PY'
import sys
cfg, mb, ot, orss, mt, mrss = sys.argv[1], *map(float, sys.argv[2:])
print(f"{cfg:6} {mb:.1f} MB  opencc {ot:.3f}s {mb/ot:6.1f} MB/s {orss/1024:6.1f} MB RSS | "
      f"ours {mt:.3f}s {mb/mt:6.1f} MB/s {mrss/1024:6.1f} MB RSS | speed-up {ot/mt:.2f}x")
PY
done
