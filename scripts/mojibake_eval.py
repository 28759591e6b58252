#!/usr/bin/env python3
"""ftfy 6.3.1 (`ftfy.fix_encoding`, Apache-2.0) on the same cases as tests/mojibake_eval.rs:
per-category exact-repair rate and changes to clean texts, for comparison with mojifix
(`cargo test --release --test mojibake_eval -- --nocapture` prints mojifix's table).

Run: pip install ftfy && python3 scripts/mojibake_eval.py
"""
import collections
import json
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    table = collections.defaultdict(lambda: [0, 0])
    path = ROOT / "fixtures" / "mojibake" / "cases.jsonl"
    for line in filter(None, path.read_text("utf-8").split("\n")):
        case = json.loads(line)
        row = table[case["category"]]
        row[1] += 1
        row[0] += ftfy.fix_encoding(case["input"]) == case["expected"]
    ok = total = 0
    print(f"{'category':<32} {'ok':>6} {'cases':>6} {'exact':>7}")
    for cat in sorted(table):
        k, n = table[cat]
        print(f"{cat:<32} {k:>6} {n:>6} {100 * k / n:>6.1f}%")
        if cat != "clean":
            ok, total = ok + k, total + n
    print(f"{'all garbled':<32} {ok:>6} {total:>6} {100 * ok / total:>6.1f}%")


if __name__ == "__main__":
    main()
