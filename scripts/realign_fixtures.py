#!/usr/bin/env python3
"""Extract the clean paragraphs that `tests/realign_*.rs` damage, into `fixtures/realign/`.

Sources (read from the project's shared corpus, /work/shared; see fixtures/realign/README.md):
- Chinese Wikipedia article "日本" (GB2312, from PyYoshi/cChardet tests/samples), CC BY-SA 3.0.
- The US Constitution in Simplified Chinese and OpenCC's s2tw conversion of it (OpenCC test
  data, Apache-2.0).
- 孫子兵法 (Sunzi, classical Chinese), Traditional Big5 and Simplified GBK, public domain
  (Project Gutenberg #23864, via golang/text testdata, BSD-3-Clause).
- 羅生門 by 芥川龍之介 (Shift_JIS), public domain (Project Gutenberg #1982, via golang/text).

Usage: scripts/realign_fixtures.py [--shared /work/shared]
"""
import argparse
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "realign")
HAN = re.compile(r"[\u3400-\u9fff]")


def paragraphs(text, min_han, max_chars, joiner=None):
    """Paragraphs (blank-line or line separated) with at least `min_han` Han characters."""
    text = text.replace("\r\n", "\n")
    # Rashomon's paragraphs start with an ideographic space and wrap over several lines.
    blocks = re.split(r"\n\u3000", text) if joiner is not None else text.split("\n")
    out = []
    for b in blocks:
        p = (joiner or "").join(line.strip("\u3000 \t") for line in b.split("\n")).strip()
        if len(HAN.findall(p)) >= min_han and len(p) <= max_chars and "?" not in p:
            out.append(p)
    return out


def write(name, paras, limit):
    paras = paras[:limit]
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("\n".join(paras) + "\n")
    print(f"{name}: {len(paras)} paragraphs, {sum(map(len, paras))} chars")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="/work/shared")
    args = ap.parse_args()
    det = os.path.join(args.shared, "corpus", "detect", "files")
    gold = os.path.join(args.shared, "corpus", "opencc-testcases", "golden")

    def read(path, enc):
        with open(path, "rb") as f:
            return f.read().decode(enc)

    wiki = read(os.path.join(det, "GBK", "cchardet__wikipediaTw_Japan_GB2312.txt"), "gbk")
    write("zh_hans_wiki.txt", paragraphs(wiki, 30, 400), 60)
    hans = read(os.path.join(gold, "us_constitution_zhs.txt"), "utf-8")
    write("zh_hans_constitution.txt", paragraphs(hans, 30, 400), 40)
    hant = read(os.path.join(gold, "output", "us_constitution_zhs.s2tw.txt"), "utf-8")
    write("zh_hant_constitution.txt", paragraphs(hant, 30, 400), 40)
    sunzi_t = read(os.path.join(det, "Big5", "golang-text__sunzi-bingfa-traditional-big5.txt"), "big5hkscs")
    write("zh_hant_classical_sunzi.txt", paragraphs(sunzi_t, 20, 400), 60)
    sunzi_s = read(os.path.join(det, "GBK", "golang-text__sunzi-bingfa-simplified-gbk.txt"), "gbk")
    write("zh_hans_classical_sunzi.txt", paragraphs(sunzi_s, 20, 400), 60)
    rashomon = read(os.path.join(det, "Shift_JIS", "golang-text__rashomon-shift-jis.txt"), "cp932")
    write("ja_rashomon.txt", paragraphs(rashomon, 20, 600, joiner=""), 40)


if __name__ == "__main__":
    main()
