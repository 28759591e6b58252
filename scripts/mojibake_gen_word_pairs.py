#!/usr/bin/env python3
"""Generates `src/plausibility/word_pairs.txt`: the pairs of neighbouring letters (and of a word
edge and a letter) that real words of alphabetic languages contain, for the pairs that involve
a letter outside ASCII. `plausibility::word_pair_cost` charges the pairs missing from it: `ßj`
or a word starting with `ß` is no word of any language, `þj` is Icelandic.

Source: Unicode CLDR 48 (Unicode License V3, https://www.unicode.org/license.txt; the generated
table is derived from it): the display names that scripts/detect_gen_bigrams.py reads (npm
`cldr-localenames-full`, `cldr-dates-full`, `cldr-units-full`) and the emoji names and keywords
(npm `cldr-annotations-full`, `cldr-annotations-derived-full`), all @48.2.0: some thousands of
everyday words per language.

Usage: python3 scripts/mojibake_gen_word_pairs.py [FOLDER_WITH_THE_UNPACKED_PACKAGES] (see
scripts/cldr.py).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cldr  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "plausibility" / "word_pairs.txt"

# Alphabetic languages (CJK, Brahmic and Arabic-script ones are left out: their letters are
# judged otherwise).
LANGS = ["bg", "bs", "ca", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "hr", "hu",
         "id", "is", "it", "lt", "lv", "mk", "ms", "nb", "nl", "pl", "pt", "ro", "ru", "sk",
         "sl", "sr-Latn", "sv", "tr", "uk", "vi", "fil"]
SOURCES = cldr.DISPLAY_NAMES + cldr.EMOJI_NAMES


def main() -> None:
    folder = cldr.root([package for package, _, _ in SOURCES])
    keep = set()
    for lang in LANGS:
        for s in cldr.texts(folder, lang, SOURCES):
            for w in cldr.words(s):
                keep.update(a + b for a, b in cldr.pairs(w) if not (a.isascii() and b.isascii()))
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("".join(p + "\n" for p in sorted(keep)))
    print(f"{len(keep)} pairs -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
