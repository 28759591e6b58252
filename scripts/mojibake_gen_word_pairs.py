#!/usr/bin/env python3
"""Generates `src/plausibility/word_pairs.txt`: the pairs of neighbouring letters (and of a word
edge and a letter) that real words of alphabetic languages contain, for the pairs that involve
a letter outside ASCII. `plausibility::word_pair_cost` charges the pairs missing from it: `ßj`
or a word starting with `ß` is no word of any language, `þj` is Icelandic.

Source: wordfreq 3.1.1's `small_XX` word lists (code Apache-2.0; the word frequency data is
CC BY-SA 4.0, https://github.com/rspeer/wordfreq), fetched with
`pip download wordfreq==3.1.1 --no-deps` and read with `msgpack`; so the generated table is
CC BY-SA 4.0 data. Each list holds words in frequency bins (bin i: frequency 10^(-i/100)).

wordfreq case-folds its words, which writes German `ß` as `ss` and Greek final `ς` as `σ`: German
words get a second reading with each inner `ss` as `ß`, and Greek words end in `ς` again.

A pair is kept when the words containing it make up at least MIN_SHARE of the running words
of one language (so one-off loanwords and names do not count).

Usage: pip download wordfreq==3.1.1 --no-deps -d /tmp/wf && pip install msgpack &&
       python3 scripts/mojibake_gen_word_pairs.py /tmp/wf/wordfreq-3.1.1-py3-none-any.whl
"""
import collections
import gzip
import io
import sys
import unicodedata
import zipfile
from pathlib import Path

import msgpack

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "plausibility" / "word_pairs.txt"

# Alphabetic languages of wordfreq's small lists (CJK, Brahmic and Arabic-script ones are
# left out: their letters are judged otherwise).
LANGS = ["bg", "ca", "cs", "da", "de", "el", "en", "es", "fi", "fr", "hu", "id", "is", "it",
         "lt", "lv", "mk", "ms", "nb", "nl", "pl", "pt", "ro", "ru", "sh", "sk", "sl", "sv",
         "tr", "uk", "vi", "fil"]
MIN_SHARE = 2e-6
EDGE = " "


def is_letter(c: str) -> bool:
    return unicodedata.category(c)[0] in "LM"


def pairs_of(word: str):
    w = EDGE + unicodedata.normalize("NFC", word.lower()) + EDGE
    for a, b in zip(w, w[1:]):
        if (a == EDGE or is_letter(a)) and (b == EDGE or is_letter(b)) and not (
                a.isascii() and b.isascii()):
            yield a + b


def main() -> None:
    whl = zipfile.ZipFile(sys.argv[1])
    keep = set()
    for lang in LANGS:
        raw = whl.read(f"wordfreq/data/small_{lang}.msgpack.gz")
        bins = msgpack.unpackb(gzip.decompress(raw), raw=False)[1:]
        share = collections.Counter()
        total = 0.0
        for i, words in enumerate(bins):
            f = 10 ** (-i / 100)
            for w in words:
                total += f
                forms = {w}
                if lang == "de" and "ss" in w[1:]:
                    # No German word starts with ß.
                    forms.add(w[:1] + w[1:].replace("ss", "ß"))
                if lang == "el" and w.endswith("σ"):
                    forms = {w[:-1] + "ς"}
                for p in {p for form in forms for p in pairs_of(form)}:
                    share[p] += f
        keep |= {p for p, f in share.items() if f / total >= MIN_SHARE}
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("".join(p + "\n" for p in sorted(keep)))
    print(f"{len(keep)} pairs -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
