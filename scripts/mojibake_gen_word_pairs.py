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

Usage: python3 scripts/mojibake_gen_word_pairs.py FOLDER_WITH_THE_UNPACKED_PACKAGES
(each package unpacked as FOLDER/<name>-48.2.0/, e.g. with `npm pack <name>@48.2.0` and
`tar xzf`).
"""
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "plausibility" / "word_pairs.txt"
VERSION = "48.2.0"

# Alphabetic languages (CJK, Brahmic and Arabic-script ones are left out: their letters are
# judged otherwise).
LANGS = ["bg", "bs", "ca", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "hr", "hu",
         "id", "is", "it", "lt", "lv", "mk", "ms", "nb", "nl", "pl", "pt", "ro", "ru", "sk",
         "sl", "sr-Latn", "sv", "tr", "uk", "vi", "fil"]
# Package, folder under it, files.
SOURCES = [
    ("cldr-localenames-full", "main", ["languages", "territories", "scripts", "variants"]),
    ("cldr-dates-full", "main", ["ca-gregorian", "dateFields", "timeZoneNames"]),
    ("cldr-units-full", "main", ["units"]),
    ("cldr-annotations-full", "annotations", ["annotations"]),
    ("cldr-annotations-derived-full", "annotationsDerived", ["annotations"]),
]
EDGE = " "


def is_letter(c: str) -> bool:
    return unicodedata.category(c)[0] in "LM"


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def pairs_of(text: str):
    word = []
    for c in unicodedata.normalize("NFC", text).lower() + " ":
        if is_letter(c):
            word.append(c)
            continue
        if word:
            w = EDGE + "".join(word) + EDGE
            for a, b in zip(w, w[1:]):
                if not (a.isascii() and b.isascii()):
                    yield a + b
            word = []


def main() -> None:
    root = Path(sys.argv[1])
    keep = set()
    for lang in LANGS:
        for package, folder, files in SOURCES:
            for f in files:
                path = root / f"{package}-{VERSION}" / folder / lang / f"{f}.json"
                if not path.exists():
                    continue
                for s in strings(json.loads(path.read_text("utf-8"))):
                    keep.update(pairs_of(s))
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("".join(p + "\n" for p in sorted(keep)))
    print(f"{len(keep)} pairs -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
