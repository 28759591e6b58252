#!/usr/bin/env python3
"""Generate the character n-gram models `src/plausibility/ngram_zh.bin` and `ngram_ja.bin`.

Sources (both data only, no code is copied):
- jieba 0.42.1 `jieba/dict.txt` (MIT licence, https://github.com/fxsjy/jieba, fetched with
  `pip download jieba==0.42.1 --no-deps`): 349,046 words with corpus frequencies. Character
  unigram counts are the frequency-weighted character counts of all words; bigram counts are
  the frequency-weighted adjacent pairs inside words (the list has no cross-word statistics, so
  pairs across word boundaries are left to the unigram back-off).
- OpenCC 1.4.2 `dictionary/TSCharacters.txt` (Apache-2.0, https://github.com/BYVoid/OpenCC):
  Traditional -> Simplified character map, so that Traditional text is scored through its
  Simplified form (the first listed value is used).
- Japanese: IPADIC 2.7.0-20070801 (NAIST, BSD-3-Clause-style licence with the ICOT terms,
  https://taku910.github.io/mecab/; fetched as Debian's `mecab-ipadic` package with
  `apt-get download mecab-ipadic`): 392k words in EUC-JP CSV files, each with MeCab's word
  cost, a scaled negative log-likelihood (mecab-dict-index's default cost factor is 700 per
  nat). A word's weight is exp(-cost / 700); the same unigram and in-word bigram counts are
  taken from the weighted words.

Usage: scripts/gen_ngram.py [--jieba-dict PATH] [--ipadic-dir PATH] [--opencc-dir PATH]

Binary layout (all integers little endian), read by `src/plausibility/ngram.rs`:
    b"NGZH"  u32 version=1
    u32 n_chars, u32 n_bigrams, u32 n_t2s
    n_chars   x u32  code points, sorted (index = position)
    n_chars   x u8   unigram cost, -ln P(c) in units of 1/8 nat, saturated at 255
    n_bigrams x u32  keys (left index << 16 | right index), sorted
    n_bigrams x u8   conditional cost -ln P(right | left) in units of 1/8 nat
    n_t2s     x (u32 traditional, u32 simplified), sorted by traditional
"""
import argparse
import collections
import math
import os
import struct
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCALE = 8.0  # cost units per nat
MIN_BIGRAM = 3  # in units of the rarest word's count


def is_han(c):
    o = ord(c)
    return (0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3FFFF)


def fetch_jieba_dict():
    tmp = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", "jieba==0.42.1", "--no-deps",
                    "--no-binary", ":all:", "-d", tmp], check=True)
    archive = os.path.join(tmp, "jieba-0.42.1.tar.gz")
    with tarfile.open(archive) as tar:
        member = tar.getmember("jieba-0.42.1/jieba/dict.txt")
        return tar.extractfile(member).read().decode("utf-8")


def fetch_ipadic():
    """Unpacks Debian's mecab-ipadic package; returns the folder of its CSV sources."""
    tmp = tempfile.mkdtemp()
    subprocess.run(["apt-get", "download", "mecab-ipadic"], cwd=tmp, check=True)
    deb = next(f for f in os.listdir(tmp) if f.endswith(".deb"))
    subprocess.run(["dpkg-deb", "-x", os.path.join(tmp, deb), os.path.join(tmp, "x")], check=True)
    return os.path.join(tmp, "x", "usr", "share", "mecab", "dic", "ipadic")


# MeCab word costs are -ln(likelihood) times this factor (mecab-dict-index's default).
IPADIC_COST_FACTOR = 700.0


def ipadic_words(folder):
    """(word, weight) pairs of IPADIC's CSV files, the weight scaled to counts."""
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(folder, name), encoding="euc_jp", errors="strict") as f:
            for line in f:
                fields = line.split(",")
                word, cost = fields[0], int(fields[3])
                yield word, max(1, round(1e9 * math.exp(-cost / IPADIC_COST_FACTOR)))


def is_kana(c):
    return "\u3041" <= c <= "\u30ff"


def big5_level1(c):
    try:
        code = int.from_bytes(c.encode("big5"), "big")
    except UnicodeEncodeError:
        return False
    return 0xA440 <= code <= 0xC67E


def load_t2s(opencc_dir):
    t2s = {}
    with open(os.path.join(opencc_dir, "dictionary", "TSCharacters.txt"), encoding="utf-8") as f:
        for line in f:
            key, _, values = line.rstrip("\n").partition("\t")
            first = values.split(" ")[0]
            # Only common Traditional characters (Big5 level 1, A440..C67E) borrow the
            # statistics of their Simplified form: rare variants (衕 for 同) would otherwise
            # score like the common character.
            if len(key) == 1 and len(first) == 1 and key != first and big5_level1(key):
                t2s[key] = first
    return t2s


def quant(cost_nats):
    return max(0, min(255, round(cost_nats * SCALE)))


def build(words, t2s, keep, floor, out_path):
    """Counts character unigrams and in-word bigrams of (word, frequency) pairs and writes the
    binary model. `keep(c)` selects the characters modelled; pairs counted less than `floor`
    are left to back-off, which keeps the table small."""
    uni = collections.Counter()
    left = collections.Counter()
    bi = collections.Counter()
    for word, freq in words:
        # Simplified form, as the model is queried through the same map.
        word = "".join(t2s.get(c, c) for c in word)
        if not word or not all(keep(c) for c in word):
            continue
        for c in word:
            uni[c] += freq
        for a, b in zip(word, word[1:]):
            left[a] += freq
            bi[(a, b)] += freq

    chars = sorted(uni, key=ord)
    if len(chars) >= 1 << 16:
        sys.exit("too many characters for 16-bit indices")
    index = {c: i for i, c in enumerate(chars)}
    total = sum(uni.values())
    uni_cost = [quant(-math.log(uni[c] / total)) for c in chars]
    keys = sorted(((index[a] << 16) | index[b], quant(-math.log(n / left[a])))
                  for (a, b), n in bi.items() if n >= floor)
    t2s_pairs = sorted((ord(t), ord(s)) for t, s in t2s.items())

    out = bytearray(b"NGZH")
    out += struct.pack("<IIII", 1, len(chars), len(keys), len(t2s_pairs))
    out += b"".join(struct.pack("<I", ord(c)) for c in chars)
    out += bytes(uni_cost)
    out += b"".join(struct.pack("<I", k) for k, _ in keys)
    out += bytes(c for _, c in keys)
    out += b"".join(struct.pack("<II", t, s) for t, s in t2s_pairs)
    with open(out_path, "wb") as f:
        f.write(out)
    print(f"{out_path}: {len(chars)} chars, {len(keys)} bigrams, {len(t2s_pairs)} t2s, "
          f"{len(out)} bytes", file=sys.stderr)


def jieba_words(text):
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) >= 2:
            # A frequency of 0..2 is jieba's "seen once" floor; count it as 1.
            yield parts[0], max(int(parts[1]), 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jieba-dict")
    ap.add_argument("--ipadic-dir", help="folder of IPADIC's CSV files")
    ap.add_argument("--opencc-dir", default="/work/shared/opencc-1.4.2")
    ap.add_argument("--out-dir", default=os.path.join(ROOT, "src", "plausibility"))
    args = ap.parse_args()

    if args.jieba_dict:
        with open(args.jieba_dict, encoding="utf-8") as f:
            text = f.read()
    else:
        text = fetch_jieba_dict()
    build(jieba_words(text), load_t2s(args.opencc_dir), is_han, MIN_BIGRAM,
          os.path.join(args.out_dir, "ngram_zh.bin"))

    ipadic = args.ipadic_dir or fetch_ipadic()
    build(ipadic_words(ipadic), {}, lambda c: is_han(c) or is_kana(c), MIN_BIGRAM,
          os.path.join(args.out_dir, "ngram_ja.bin"))


if __name__ == "__main__":
    main()
