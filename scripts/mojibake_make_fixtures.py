#!/usr/bin/env python3
"""Builds the mojibake fixtures from real-looking text in many languages.

Sources (nothing from the People's Daily 1998 corpus, which is reserved for evaluation):
- Faker 40.x (https://pypi.org/project/Faker/, MIT licence): its per-locale word lists
  (`lorem`), addresses and company names, which are real words of each language.
- ftfy 6.3.1's published test cases (https://pypi.org/project/ftfy/, Apache-2.0), copied
  verbatim from its sdist's `tests/test_cases.json` into fixtures/mojibake/ftfy_test_cases.json.

Writes:
- fixtures/mojibake/sentences.tsv: `lang<TAB>text`, the clean source texts.
- fixtures/mojibake/cases.jsonl: {"category", "lang", "input", "expected"} — every lossless way
  a text gets garbled (Python's own codecs do the garbling) plus clean controls.

Run: pip install faker ftfy && python3 scripts/mojibake_make_fixtures.py
"""
import random
import sys
from pathlib import Path

from faker import Faker
from mojibake_cases import Cases, garble

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "mojibake"

# Locales whose Faker word lists are real words of the language.
TEXT_LOCALES = ["fr_FR", "de_DE", "es_ES", "it_IT", "pl_PL", "cs_CZ", "ru_RU", "uk_UA", "el_GR",
                "he_IL", "ar_AA", "th_TH", "ja_JP", "zh_CN", "zh_TW", "vi_VN", "fa_IR", "hy_AM",
                "da_DK", "nl_NL", "bn_BD"]
# Locales whose addresses (street and town names) are in the language's script.
ADDRESS_LOCALES = ["ko_KR", "hi_IN", "ka_GE", "sk_SK", "ro_RO", "sv_SE", "hu_HU", "tr_TR",
                   "sl_SI", "hr_HR", "lt_LT", "fi_FI", "pt_BR", "ja_JP", "zh_CN", "zh_TW",
                   "ru_RU", "el_GR"]
PER_LOCALE = 24

# Legacy CJK bytes read as a Western codec: language -> right codec.
LEGACY = {"zh_CN": "gbk", "zh_TW": "big5", "ja_JP": "shift_jis", "ko_KR": "euc_kr"}


def sentences() -> list[tuple[str, str]]:
    out = []
    for loc in TEXT_LOCALES:
        f = Faker(loc)
        f.seed_instance(20261127)
        for _ in range(PER_LOCALE):
            out.append((loc, f.sentence(nb_words=random.randint(3, 9)).strip()))
    for loc in ADDRESS_LOCALES:
        f = Faker(loc)
        f.seed_instance(1127)
        for _ in range(PER_LOCALE // 2):
            out.append((loc, f.address().replace("\n", " ").strip()))
    return out


def main() -> None:
    random.seed(42)
    sents = sentences()
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "sentences.tsv", "w", encoding="utf-8") as fh:
        for lang, s in sents:
            fh.write(f"{lang}\t{s}\n")
    cases = Cases()
    for lang, s in sents:
        if s.isascii():
            continue
        cases.lossless(lang, s, LEGACY)
        # One word garbled inside clean text.
        words = s.split(" ")
        if len(words) >= 3:
            k = random.randrange(len(words))
            wrong = random.choice(["cp1252", "cp1251", "gbk", "latin-1"])
            g = garble(words[k], "utf-8", wrong)
            if g is not None and g != words[k]:
                cases.add(f"one span utf-8 as {wrong}", lang,
                    " ".join(words[:k] + [g] + words[k + 1:]), s)
        elif not any(c == " " for c in s) and len(s) >= 6:
            # Scripts without spaces: garble the middle third.
            a, b = len(s) // 3, 2 * len(s) // 3
            g = garble(s[a:b], "utf-8", "gbk")
            if g is not None:
                cases.add("one span utf-8 as gbk", lang, s[:a] + g + s[b:], s)
    cases.write(OUT / "cases.jsonl")
    print(f"{len(sents)} sentences, {len(cases.cases)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
