#!/usr/bin/env python3
"""Generate the Chinese character n-gram model `src/plausibility/ngram_zh.bin`.

Sources (both data only, no code is copied):
- jieba 0.42.1 `jieba/dict.txt` (MIT licence, https://github.com/fxsjy/jieba, fetched with
  `pip download jieba==0.42.1 --no-deps`): 349,046 words with corpus frequencies. Character
  unigram counts are the frequency-weighted character counts of all words; bigram counts are
  the frequency-weighted adjacent pairs inside words (the list has no cross-word statistics, so
  pairs across word boundaries are left to the unigram back-off).
- OpenCC 1.4.2 `dictionary/TSCharacters.txt` (Apache-2.0, https://github.com/BYVoid/OpenCC):
  Traditional -> Simplified character map, so that Traditional text is scored through its
  Simplified form (the first listed value is used).

Usage: scripts/gen_ngram.py [--jieba-dict PATH] [--opencc-dir PATH] [--out PATH]

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
MIN_BIGRAM = 3  # frequency-weighted count below which a pair is left to back-off (keeps the table small)


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


def load_t2s(opencc_dir):
    t2s = {}
    with open(os.path.join(opencc_dir, "dictionary", "TSCharacters.txt"), encoding="utf-8") as f:
        for line in f:
            key, _, values = line.rstrip("\n").partition("\t")
            first = values.split(" ")[0]
            if len(key) == 1 and len(first) == 1 and key != first:
                t2s[key] = first
    return t2s


def quant(cost_nats):
    return max(0, min(255, round(cost_nats * SCALE)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jieba-dict")
    ap.add_argument("--opencc-dir", default="/work/shared/opencc-1.4.2")
    ap.add_argument("--out", default=os.path.join(ROOT, "src", "plausibility", "ngram_zh.bin"))
    args = ap.parse_args()

    if args.jieba_dict:
        with open(args.jieba_dict, encoding="utf-8") as f:
            text = f.read()
    else:
        text = fetch_jieba_dict()
    t2s = load_t2s(args.opencc_dir)

    uni = collections.Counter()
    left = collections.Counter()
    bi = collections.Counter()
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) < 2:
            continue
        word, freq = parts[0], int(parts[1])
        # Simplified form, as the model is queried through the same map.
        word = "".join(t2s.get(c, c) for c in word)
        if not all(is_han(c) for c in word):
            continue
        # A frequency of 0..2 is jieba's "seen once" floor; count it as 1.
        freq = max(freq, 1)
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

    keys = []
    for (a, b), n in bi.items():
        if n < MIN_BIGRAM:
            continue
        keys.append(((index[a] << 16) | index[b], quant(-math.log(n / left[a]))))
    keys.sort()

    t2s_pairs = sorted((ord(t), ord(s)) for t, s in t2s.items())

    out = bytearray(b"NGZH")
    out += struct.pack("<IIII", 1, len(chars), len(keys), len(t2s_pairs))
    out += b"".join(struct.pack("<I", ord(c)) for c in chars)
    out += bytes(uni_cost)
    out += b"".join(struct.pack("<I", k) for k, _ in keys)
    out += bytes(c for _, c in keys)
    out += b"".join(struct.pack("<II", t, s) for t, s in t2s_pairs)
    with open(args.out, "wb") as f:
        f.write(out)
    print(f"{args.out}: {len(chars)} chars, {len(keys)} bigrams, {len(t2s_pairs)} t2s, "
          f"{len(out)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
