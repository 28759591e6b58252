#!/usr/bin/env python3
"""Times mojifix's mojibake repair and ftfy 6.3.1 (`ftfy.fix_encoding`) on the same inputs in
the same run, line by line, and prints MB/s and the ratio.

Inputs (see benches/mojibake.rs, which builds the same lists): the clean sentences of
fixtures/mojibake/sentences.tsv and udhr_sentences.tsv, the garbled inputs of
fixtures/mojibake/cases.jsonl and every eighth garbled input of udhr_cases.jsonl.

Run: pip install ftfy && python3 scripts/mojibake_bench.py
"""
import json
import re
import statistics
import subprocess
import time
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures" / "mojibake"


def sentences(name):
    return [l.split("\t", 1)[1] for l in (FIX / name).read_text("utf-8").split("\n") if l]


def garbled(name, step):
    out = []
    for line in filter(None, (FIX / name).read_text("utf-8").split("\n")):
        c = json.loads(line)
        if c["category"] != "clean":
            out.append(c["input"])
    return out[::step]


def inputs():
    return {"clean": sentences("sentences.tsv"), "garbled": garbled("cases.jsonl", 1),
            "clean_udhr": sentences("udhr_sentences.tsv"),
            "garbled_udhr": garbled("udhr_cases.jsonl", 8)}


def time_ftfy(lines, repeats=5):
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        for l in lines:
            ftfy.fix_encoding(l)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def time_mojifix():
    out = subprocess.run(["cargo", "bench", "--bench", "mojibake"], cwd=ROOT, text=True,
                         capture_output=True, check=True).stdout
    res = {}
    for name, value, unit in re.findall(
            r"mojibake/(\w+)\s+time:[^\n]*\n\s+thrpt:\s+\[\S+ \S+ (\S+) (\S+)", out):
        scale = {"KiB/s": 1 / 1024, "MiB/s": 1.0, "GiB/s": 1024.0}[unit]
        res[name] = float(value) * scale * 1.048576  # MiB/s -> MB/s
    return res


def main():
    data = inputs()
    ours = time_mojifix()
    print(f"{'input':<14} {'MB':>7} {'mojifix MB/s':>13} {'ftfy MB/s':>10} {'ratio':>7}")
    for name, lines in data.items():
        mb = sum(len(l.encode()) for l in lines) / 1e6
        theirs = mb / time_ftfy(lines)
        print(f"{name:<14} {mb:>7.2f} {ours.get(name, float('nan')):>13.1f} {theirs:>10.2f} "
              f"{ours.get(name, float('nan')) / theirs:>6.1f}x")


if __name__ == "__main__":
    main()
