#!/usr/bin/env python3
"""Writes a JSON Lines benchmark input of about SIZE_MB megabytes to stdout.

Records mix clean and scrape-damaged text made from the repository's own fixtures (the seed
scrape, its cleaned forms, OpenCC's US-constitution translation): about one record in three
needs fixing, like a real scrape dump. Deterministic (fixed seed).

    python3 scripts/gen_jsonl.py 1024 > target/bench-1g.jsonl
"""
import json
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> None:
    size = int(float(sys.argv[1] if len(sys.argv) > 1 else 64) * 1e6)
    rng = random.Random(1998)
    texts = []
    for name in [
        "fixtures/seed/000_6fd33c8f2af833de.txt",
        "fixtures/seed/000_6fd33c8f2af833de.expected-hant.txt",
        "fixtures/seed/000_6fd33c8f2af833de.expected-hans.txt",
        "fixtures/clean/zh-hans.us-constitution.txt",
        "fixtures/clean/LICENSE-OpenCC-Apache-2.0.txt",
    ]:
        paras = [p for p in (ROOT / name).read_text(encoding="utf-8").split("\n") if p.strip()]
        texts.extend(paras)
    out = sys.stdout
    written = 0
    i = 0
    while written < size:
        text = rng.choice(texts)
        rec = {
            "id": i,
            "url": f"http://example.com/article/{i}",
            "title": rng.choice(texts)[:40],
            "text": text,
            "meta": {"score": round(rng.random(), 4), "tags": ["news", None, i % 7]},
        }
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        out.write(line)
        written += len(line.encode("utf-8"))
        i += 1


if __name__ == "__main__":
    main()
