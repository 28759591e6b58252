#!/usr/bin/env python3
"""Times ftfy.fix_text on the inputs of `cargo bench --bench fix`, for the ratio in notes.

Usage:
    mkdir -p target/bench-inputs
    MOJIFIX_BENCH_DUMP=target/bench-inputs cargo bench --bench fix
    pip install ftfy && python3 scripts/bench_ftfy.py target/bench-inputs

Prints MB/s per input (median of 5 runs) for ftfy.fix_text and ftfy.fix_encoding.
"""
import pathlib
import statistics
import sys
import time

import ftfy


def main() -> None:
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/bench-inputs")
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        mb = len(text.encode("utf-8")) / 1e6
        for fn in (ftfy.fix_text, ftfy.fix_encoding):
            runs = []
            for _ in range(5):
                t = time.perf_counter()
                fn(text)
                runs.append(time.perf_counter() - t)
            print(f"{path.stem:16} {fn.__name__:13} {mb / statistics.median(runs):8.2f} MB/s")


if __name__ == "__main__":
    main()
