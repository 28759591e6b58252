"""What the two mojibake fixture generators share: the codec lists, the garbling itself and
the lossless categories every clean text is turned into.

Used by `mojibake_make_fixtures.py` (Faker word lists) and `mojibake_make_udhr.py` (real UDHR
sentences); each keeps its own source, its own "one span garbled" rule and its own extra
categories.
"""
import json
from pathlib import Path

# UTF-8 read as a single-byte or double-byte codec (Python codec names).
UTF8_AS = ["cp1252", "latin-1", "cp1250", "cp1251", "koi8_r", "koi8_u", "iso8859_2",
           "iso8859_15", "mac_roman", "cp437", "cp850", "gbk", "gb18030", "big5", "shift_jis",
           "euc_jp", "euc_kr"]
# The Western codecs legacy CJK bytes are read as.
LEGACY_WRONG = ["cp1252", "latin-1"]


def garble(text: str, right: str, wrong: str, errors: str = "strict") -> str | None:
    """`text` encoded with `right` and decoded with `wrong` by Python's own codecs; None where
    the round trip is not defined."""
    try:
        return text.encode(right).decode(wrong, errors)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


class Cases:
    """The cases written so far, as {category, lang, input, expected}."""

    def __init__(self) -> None:
        self.cases: list[dict] = []

    def add(self, cat: str, lang: str, inp: str | None, exp: str) -> None:
        # A garbling that is undefined, or that changes nothing, is no case (controls aside).
        if inp is not None and (inp != exp or cat == "clean"):
            self.cases.append({"category": cat, "lang": lang, "input": inp, "expected": exp})

    def lossless(self, lang: str, text: str, legacy: dict[str, str]) -> None:
        """The clean control and every lossless garbling of `text`: UTF-8 read as each codec
        of UTF8_AS, the legacy bytes of its language (`legacy`: language -> right codec) read
        as a Western codec, and two layers of UTF-8 read as windows-1252."""
        self.add("clean", lang, text, text)
        for wrong in UTF8_AS:
            self.add(f"utf-8 as {wrong}", lang, garble(text, "utf-8", wrong), text)
        right = legacy.get(lang)
        if right is not None:
            for wrong in LEGACY_WRONG:
                self.add(f"{right} as {wrong}", lang, garble(text, right, wrong), text)
        once = garble(text, "utf-8", "cp1252")
        if once is not None:
            self.add("two layers utf-8 as cp1252", lang, garble(once, "utf-8", "cp1252"), text)

    def write(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            for c in self.cases:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
