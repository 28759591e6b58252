#!/usr/bin/env python3
"""ftfy 6.3.1 (`ftfy.fix_encoding`, Apache-2.0) on the same cases as tests/mojibake_eval.rs:
per-category exact-repair rate and changes to clean texts, for comparison with mojifix
(`cargo test --release --test mojibake_eval -- --nocapture` prints mojifix's tables).

Run: pip install ftfy==6.3.1 && python3 scripts/mojibake_eval.py [CASES.jsonl ...]
(default: fixtures/mojibake/cases.jsonl and fixtures/mojibake/udhr_cases.jsonl)
"""
import collections
import json
import sys
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parent.parent
CJK = ["gbk", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr"]


def lossy(cat: str) -> bool:
    return cat.startswith("lossy") or cat.startswith("sloppy")


def evaluate(path: Path) -> None:
    table = collections.defaultdict(lambda: [0, 0])
    for line in filter(None, path.read_text("utf-8").split("\n")):
        case = json.loads(line)
        row = table[case["category"]]
        row[1] += 1
        row[0] += ftfy.fix_encoding(case["input"]) == case["expected"]
    ok = total = 0
    worst = 100.0
    print(f"\n{path.name}")
    print(f"{'category':<40} {'ok':>6} {'cases':>6} {'exact':>7}")
    for cat in sorted(table):
        k, n = table[cat]
        print(f"{cat:<40} {k:>6} {n:>6} {100 * k / n:>6.1f}%")
        if cat != "clean" and not lossy(cat):
            ok, total = ok + k, total + n
            if any(c in cat for c in CJK):
                worst = min(worst, 100 * k / n)
    print(f"{'all lossless garbled':<40} {ok:>6} {total:>6} {100 * ok / total:>6.1f}%")
    print(f"{'worst lossless CJK category':<40} {worst:>20.1f}%")
    k, n = table["clean"]
    print(f"clean texts changed: {n - k} of {n} ({100 * (n - k) / n:.2f}%)")


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or [
        ROOT / "fixtures" / "mojibake" / "cases.jsonl",
        ROOT / "fixtures" / "mojibake" / "udhr_cases.jsonl",
    ]
    for p in paths:
        evaluate(p)


if __name__ == "__main__":
    main()
