#!/usr/bin/env python3
"""Differential test: our conversion vs OpenCC 1.4.2, byte for byte, all 16 configurations.

Usage: scripts/zh_diff.py CORPUSDIR
  CORPUSDIR holds simplified.txt and traditional.txt (make them with scripts/zh_corpus.py).
Installs the reference with `pip install OpenCC==1.4.2` (used only here, never a dependency)
and runs its Python binding, whose default includes the tofu-risk dictionaries exactly as
OpenCC's own test suite does. Our side is `mojifix convert -c CONFIG FILE` (release build).
Exit status 0 when every configuration matches on both corpora.
"""
import os
import subprocess
import sys

CONFIGS = ["s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "s2hkp", "hk2sp",
           "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t"]


def main():
    corpus = sys.argv[1]
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "OpenCC==1.4.2"], check=True)
    import opencc

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.run(["cargo", "build", "--release"], cwd=root, check=True)
    ours = os.path.join(root, "target/release/mojifix")
    failed = 0
    for name in ("simplified.txt", "traditional.txt"):
        path = os.path.join(corpus, name)
        # newline="": keep "\r\n" as it is, as both converters see it.
        text = open(path, encoding="utf-8", newline="").read()
        for config in CONFIGS:
            expected = opencc.OpenCC(config).convert(text).encode()
            got = subprocess.run([ours, "convert", "-c", config, path], check=True, capture_output=True).stdout
            if got == expected:
                changed = sum(a != b for a, b in zip(text.splitlines(), expected.decode().splitlines()))
                print(f"{name} {config}: identical ({len(got):,} bytes, {changed:,} lines changed)")
            else:
                failed += 1
                at = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b),
                          min(len(got), len(expected)))
                print(f"{name} {config}: DIFFERS at byte {at}: "
                      f"ours {got[at - 30:at + 30].decode(errors='replace')!r} "
                      f"opencc {expected[at - 30:at + 30].decode(errors='replace')!r}")
    print(f"{2 * len(CONFIGS) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
