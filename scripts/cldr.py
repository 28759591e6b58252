"""What the CLDR table generators share: fetching the npm packages of Unicode CLDR 48, walking
their JSON, and cutting text into words.

Source: Unicode CLDR 48 as published on npm (`cldr-*-full@48.2.0`). Licence of the data:
Unicode License V3 (https://www.unicode.org/license.txt); every generated table is derived
from it and carries the notice.

A generator takes one optional argument, a folder holding the packages unpacked as
`FOLDER/<name>-48.2.0/`; without it the packages it needs are fetched with `npm pack` into a
temporary folder.
"""
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile
import unicodedata

VERSION = "48.2.0"

# Display names: a few thousand real words per language. (package, folder, files)
DISPLAY_NAMES = [
    ("cldr-localenames-full", "main", ["languages", "territories", "scripts", "variants"]),
    ("cldr-dates-full", "main", ["ca-gregorian", "dateFields", "timeZoneNames"]),
    ("cldr-units-full", "main", ["units"]),
]
# Emoji names and keywords: everyday words.
EMOJI_NAMES = [
    ("cldr-annotations-full", "annotations", ["annotations"]),
    ("cldr-annotations-derived-full", "annotationsDerived", ["annotations"]),
]

# The languages detection judges (src/decode/exemplars.rs; bit i of a mask = LANGS[i]): those
# written in some legacy 8-bit encoding that encoding_rs decodes.
LANGS = """af az br bs ca cs cy da de en eo es et eu fi fo fr ga gd gl hr hu id is it ku lb lt
lv ms mt nb nl nn oc pl pt ro sk sl sq sr-Latn sv tk tr uz vi
ba be bg kk ky mk mn ru sr tg tt uk
el he yi ar fa ur ps th""".split()


def root(packages: list[str]) -> pathlib.Path:
    """The folder of unpacked packages: the command's argument, or `packages` fetched."""
    if len(sys.argv) > 1:
        return pathlib.Path(sys.argv[1])
    tmp = pathlib.Path(tempfile.mkdtemp())
    for name in packages:
        subprocess.run(["npm", "pack", f"{name}@{VERSION}"], cwd=tmp, check=True,
                       capture_output=True)
        with tarfile.open(tmp / f"{name}-{VERSION}.tgz") as t:
            t.extractall(tmp / "x", filter="data")
        (tmp / "x" / "package").rename(tmp / f"{name}-{VERSION}")
    return tmp


def strings(node):
    """Every string value of a JSON tree, in document order."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def texts(folder: pathlib.Path, lang: str, sources):
    """The strings of language `lang` in the files of `sources` (package, folder, files);
    files a language lacks are skipped."""
    for package, sub, files in sources:
        for f in files:
            path = folder / f"{package}-{VERSION}" / sub / lang / f"{f}.json"
            if path.exists():
                yield from strings(json.loads(path.read_text("utf-8")))


def is_letter(c: str) -> bool:
    return unicodedata.category(c)[0] in "LM"


def words(text: str):
    """The words of `text`: runs of letters and marks of its lower-cased NFC form."""
    word = []
    for c in unicodedata.normalize("NFC", text).lower():
        if is_letter(c):
            word.append(c)
        elif word:
            yield "".join(word)
            word = []
    if word:
        yield "".join(word)


def pairs(word: str):
    """Neighbouring characters of a word, a space standing for its start and end."""
    padded = " " + word + " "
    return zip(padded, padded[1:])
