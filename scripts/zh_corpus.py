#!/usr/bin/env python3
"""Builds the differential-test corpus: >= 10 MB of real Simplified and of real Traditional
Chinese text, from public packages fetched with their ordinary clients.

Sources (both redistributable):
- npm package `chinese-poetry` 2.0.1 (https://github.com/chinese-poetry/chinese-poetry,
  MIT licence, Copyright (c) 2016 JackeyGao): classical poetry and prose.
  Traditional: 全唐詩 / 全宋詩 (`dist/quantangshi/poet.*.json`).
  Simplified: 宋词, 元曲, 诗经, 楚辞, 论语, 幽梦影, 纳兰性德, 曹操诗集, 水墨唐诗.
- Debian package `manpages-zh` (Chinese manual pages, GFDL/GPL per page; modern technical
  prose): `zh_CN` pages are Simplified, `zh_TW` pages Traditional.

Usage: scripts/zh_corpus.py OUTDIR  -> OUTDIR/simplified.txt, OUTDIR/traditional.txt
Needs: npm, apt-get (Debian), network access to the npm registry and Debian mirrors.
"""
import glob
import gzip
import json
import os
import subprocess
import sys
import tarfile


def strings(o):
    if isinstance(o, str):
        yield o
    elif isinstance(o, list):
        for x in o:
            yield from strings(x)
    elif isinstance(o, dict):
        for k, v in o.items():
            if k not in ("id", "strains", "dynasty"):
                yield from strings(v)


def poetry(work, dirs, pattern="*.json", limit=None):
    out = []
    size = 0
    for d in dirs:
        for f in sorted(glob.glob(os.path.join(work, "package/dist", d, "**", pattern), recursive=True)):
            try:
                out.append("\n".join(strings(json.load(open(f, encoding="utf-8")))))
            except (ValueError, UnicodeDecodeError):
                continue
            size += len(out[-1].encode())
            if limit is not None and size >= limit:
                return "\n".join(out) + "\n"
    return "\n".join(out) + "\n"


def manpages(work, lang):
    root = os.path.join(work, "manpages-zh")
    out = []
    for f in sorted(glob.glob(os.path.join(root, "usr/share/man", lang, "**/*.gz"), recursive=True)):
        try:
            out.append(gzip.open(f).read().decode("utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
    return "".join(out)


def main():
    outdir = sys.argv[1]
    work = os.path.join(outdir, "work")
    os.makedirs(work, exist_ok=True)
    tgz = os.path.join(work, "chinese-poetry-2.0.1.tgz")
    if not os.path.exists(tgz):
        subprocess.run(["npm", "pack", "chinese-poetry@2.0.1"], cwd=work, check=True)
    if not os.path.isdir(os.path.join(work, "package")):
        with tarfile.open(tgz) as t:
            t.extractall(work, filter="data")
    if not os.path.isdir(os.path.join(work, "manpages-zh")):
        subprocess.run(["apt-get", "download", "manpages-zh"], cwd=work, check=True)
        deb = glob.glob(os.path.join(work, "manpages-zh_*.deb"))[0]
        subprocess.run(["dpkg-deb", "-x", deb, os.path.join(work, "manpages-zh")], check=True)

    simp = poetry(work, ["songci", "yuanqu", "shijing", "chuci", "lunyu", "youmengying",
                         "nalanxingde", "caocaoshiji", "shuimotangshi"])
    simp += manpages(work, "zh_CN")
    # Manual pages first, then poems up to about 16 MB in all.
    trad = manpages(work, "zh_TW")
    trad += poetry(work, ["quantangshi"], "poet.*.json", limit=16_000_000 - len(trad.encode()))
    for name, text in (("simplified.txt", simp), ("traditional.txt", trad)):
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{name}: {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
