#!/usr/bin/env python3
"""Generate src/decode/ascii_pairs.bin: how often each language writes each pair of ASCII
letters, from Unicode CLDR; the unaccented part of a text then tells its language.

Source: the same Unicode CLDR 48 display names as scripts/detect_gen_bigrams.py (npm
packages `cldr-localenames-full`, `cldr-dates-full`, `cldr-units-full` @48.2.0). Licence of
the data: Unicode License V3 (https://www.unicode.org/license.txt); the generated table is
derived from it.

Usage: python3 scripts/detect_gen_ascii_pairs.py [FOLDER_WITH_THE_UNPACKED_PACKAGES] (see
scripts/cldr.py).

Format: for each language of src/decode/exemplars.rs, in the same order, 27 x 27 bytes: the
cost of letter `b` following `a` (index 0 = a word edge, 1..26 = `a`..`z`), in quarter bits,
-4 log2 P(b | a) with add-one smoothing, at most 255. Pairs with a non-ASCII letter on either
side are not counted (src/decode/bigrams.rs has those); a word is a run of letters of the
lower-cased NFC text.
"""
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import cldr  # noqa: E402


def index(c):
    if c == " ":
        return 0
    if "a" <= c <= "z":
        return ord(c) - ord("a") + 1
    return None


def main():
    folder = cldr.root([package for package, _, _ in cldr.DISPLAY_NAMES])
    out = bytearray()
    for lang in cldr.LANGS:
        counts = [[0] * 27 for _ in range(27)]
        for s in cldr.texts(folder, lang, cldr.DISPLAY_NAMES):
            for w in cldr.words(s):
                for a, b in cldr.pairs(w):
                    ia, ib = index(a), index(b)
                    if ia is not None and ib is not None:
                        counts[ia][ib] += 1
        for row in counts:
            total = sum(row) + 27
            for n in row:
                out.append(min(255, round(-4 * math.log2((n + 1) / total))))
    dest = pathlib.Path(__file__).resolve().parent.parent / "src/decode/ascii_pairs.bin"
    dest.write_bytes(bytes(out))
    print(f"wrote {dest} ({len(out)} bytes, {len(cldr.LANGS)} languages)")


if __name__ == "__main__":
    main()
