"""evalkit beside pofilter on real software strings (Django's own catalogues) with errors seeded by a
script; writes a section of reports/quality.md.

    python benchmarks/real_strings.py [--wheel django-5.2.19-py3-none-any.whl] [--no-write]

The translations are Django's, as its translators wrote them for release 5.2.19 (the wheel is
fetched from PyPI with `pip download` unless ``--wheel`` names one): the fr, de, zh_Hans and ja
catalogues of the core and of several contrib applications, en→fr, en→de, en→zh-CN and en→ja, and
the zh_Hans catalogues read the other way round (the Chinese strings as the source, Django's English
as the target) for zh→en. Units that are empty, fuzzy or plural are left out, so that every unit
left is a finished translation.

A script, not a person, then seeds one error into about one unit in six, chosen with a fixed
random seed, of a kind drawn evenly among those the unit allows: a placeholder or printf
conversion dropped or changed, a number changed, a tag or a
URL broken, the final mark dropped, a bracket dropped, a word doubled, a space added at the end,
or the source copied over the target. `gold.jsonl` of the run lists them. The kinds are what the
script knows how to seed, so recall says how evalkit and pofilter catch those; precision is the
more telling figure: every other flag of a seeded kind lands on a professional translation, where
it is a false alarm unless the translator made that slip (a few are real, and count against both
tools alike). Scoring is software_strings.py's: per unit and kind, over the kinds both tools handle.

The core and admin catalogues are the development part (evalkit's checks were mended while their
findings were read); the other contrib applications are the held-out part, scored as they come.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import write_section  # noqa: E402
from benchmarks.software_strings import (  # noqa: E402
    EVALKIT_KINDS, POFILTER_KINDS, REPORT, code_chunks, run_evalkit, run_pofilter, score, unit_of,
)

SECTION = "real-strings"
DJANGO = "django==5.2.19"
# (catalogue folder in the wheel, split)
CATALOGUES = [
    ("django/conf/locale", "dev"),
    ("django/contrib/admin/locale", "dev"),
    ("django/contrib/auth/locale", "held-out"),
    ("django/contrib/contenttypes/locale", "held-out"),
    ("django/contrib/humanize/locale", "held-out"),
    ("django/contrib/flatpages/locale", "held-out"),
    ("django/contrib/sites/locale", "held-out"),
    ("django/contrib/redirects/locale", "held-out"),
]
# (locale folder, source language, target language, reversed: the msgstr is the source)
PAIRS = [("fr", "en", "fr", False), ("de", "en", "de", False), ("zh_Hans", "en", "zh-CN", False),
         ("ja", "en", "ja", False), ("zh_Hans", "zh", "en", True)]
SEED_SHARE = 6  # about one unit in this many gets an error
KINDS = {**EVALKIT_KINDS, "untranslated": ("untranslated",), "repeated-word": ("double-word",)}
PO_KINDS = {**POFILTER_KINDS, "unchanged": ("untranslated",)}

_PRINTF = re.compile(r"%\(\w+\)[sd]|%[sd]")
_BRACE = re.compile(r"\{\w*\}")
_TAG = re.compile(r"</?[a-z]+[^<>]*>")
_URL = re.compile(r"https?://[^\s\"'<>]+")
_DIGITS = re.compile(r"(?<![\w%])\d+(?![\w])")
_END = re.compile(r"[.!?:。！？：]$")
_WORD = re.compile(r"(?<![\w%{<])[^\W\d_]{3,}(?![\w}>])")


def _fetch_wheel(tmp: Path) -> Path:
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp), DJANGO],
                          capture_output=True, text=True)
    wheels = sorted(tmp.glob("django-*.whl"))
    if done.returncode != 0 or not wheels:
        raise SystemExit(f"cannot fetch {DJANGO} from PyPI (give --wheel FILE): {done.stderr.strip()[-300:]}")
    return wheels[0]


def _masked(text: str) -> str:
    """``text`` with its placeholders, tags and URLs blanked out, so that a bracket or a word seeded
    into prose is no part of one."""
    for rx in (_PRINTF, _BRACE, _TAG, _URL):
        text = rx.sub(lambda m: " " * len(m.group()), text)
    return text


def _mutations(source: str, target: str) -> list[tuple[str, int, int, str]]:
    """The errors that can be seeded into ``target``: (kind, start, end, new target text of the span)."""
    out: list[tuple[str, int, int, str]] = []
    prose, prose_source = _masked(target), _masked(source)
    tags = [(m.start(), m.end()) for m in _TAG.finditer(target)]
    for m in _PRINTF.finditer(target):
        if m.group() in source:
            out.append(("printf", m.start(), m.end(), ""))
            swapped = m.group()[:-1] + ("d" if m.group().endswith("s") else "s")
            out.append(("printf", m.start(), m.end(), swapped))
    for m in _BRACE.finditer(target):
        if m.group() in source:
            out.append(("placeholder", m.start(), m.end(), ""))
    for m in _TAG.finditer(target):
        if m.group() in source or "href" in m.group():
            out.append(("xml-tag", m.start(), m.end(), ""))
    for m in _URL.finditer(target):
        url = m.group()  # a link of a tag is part of the tag: pofilter's xmltags and evalkit's tags compare it
        kind = "xml-tag" if any(a <= m.start() < b for a, b in tags) else "url"
        out.append((kind, m.start(), m.end(), url.replace("://", "://w", 1)))
    for m in _DIGITS.finditer(target):
        if m.group() in _DIGITS.findall(source):
            out.append(("number", m.start(), m.end(), str(int(m.group()) + 1)))
    end = _END.search(target)
    if end and _END.search(source):
        out.append(("end-punctuation", end.start(), end.end(), ""))
    for ch in ")]":
        i = prose.rfind(ch)
        if i >= 0 and ch in prose_source:
            out.append(("brackets", i, i + 1, ""))
    spaced = " " in target.strip() and not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", target)
    words = list(_WORD.finditer(prose)) if spaced else []  # words of a language written with spaces
    if words:
        w = words[len(words) // 2]
        out.append(("double-word", w.start(), w.end(), f"{w.group()} {w.group()}"))
    if not target.endswith((" ", "\n")):
        out.append(("whitespace", len(target), len(target), " "))
    if len(_WORD.findall(source)) >= 2:
        out.append(("untranslated", 0, len(target), source))
    return out


def seed(entries: list, rng: random.Random, file: str, split: str) -> list[dict]:
    """Seed errors into about one in SEED_SHARE of ``entries`` (polib entries, changed in place)."""
    gold = []
    for entry in entries:
        if rng.randrange(SEED_SHARE):
            continue
        options = _mutations(entry.msgid, entry.msgstr)
        if not options:
            continue
        kind = rng.choice(sorted({o[0] for o in options}))  # each kind the unit allows alike
        kind, start, end, new = rng.choice([o for o in options if o[0] == kind])
        target = entry.msgstr[:start] + new + entry.msgstr[end:]
        if target == entry.msgstr:
            continue
        entry.msgstr = target
        seg = f"{entry.msgctxt}::{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        gold.append({"file": file, "segment": seg, "kind": kind, "start": start, "end": start + len(new),
                     "text": new, "split": split})
    return gold


def build(wheel: Path, out: Path) -> tuple[list[tuple[str, str, str, str]], list[dict]]:
    """The seeded PO files under ``out``: their (file, source, target, split), and the gold."""
    import polib

    files, gold = [], []
    with zipfile.ZipFile(wheel) as z:
        for folder, split in CATALOGUES:
            for locale, src, tgt, reverse in PAIRS:
                name = f"{folder}/{locale}/LC_MESSAGES/django.po"
                if name not in z.namelist():
                    continue
                po = polib.pofile(z.read(name).decode("utf-8"))
                app = folder.split("/")[-2]
                kept = polib.POFile(wrapwidth=0)
                kept.metadata = dict(po.metadata, Language=tgt.replace("-", "_"))
                seen = set()
                for e in po:
                    if not e.msgstr.strip() or e.fuzzy or e.obsolete or e.msgid_plural:
                        continue
                    msgid, msgstr = (e.msgstr, e.msgid) if reverse else (e.msgid, e.msgstr)
                    if (e.msgctxt, msgid) in seen:
                        continue  # read the other way, two strings may share a translation
                    seen.add((e.msgctxt, msgid))
                    flags = [f for f in e.flags if f.endswith("-format")]
                    kept.append(polib.POEntry(msgctxt=e.msgctxt, msgid=msgid, msgstr=msgstr, flags=flags))
                file = f"{src}-{tgt}/{app}.po"
                rng = random.Random(f"{file} 1")
                gold += seed(list(kept), rng, file, split)
                (out / file).parent.mkdir(parents=True, exist_ok=True)
                kept.save(str(out / file))
                files.append((file, src, tgt, split))
    return files, gold


def run(wheel: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        wheel = wheel or _fetch_wheel(tmp)
        corpus = tmp / "corpus"
        files, gold = build(wheel, corpus)
        (tmp / "empty.txt").write_text("", encoding="utf-8")
        evalkit_flags: dict[tuple[str, str], set[str]] = defaultdict(set)
        pofilter_flags: dict[tuple[str, str], set[str]] = {}
        on_code: list[str] = []
        units = findings = 0
        for file, src, tgt, _ in files:
            report = run_evalkit(corpus / file, src, tgt, tmp, [], [])
            segments = {s["id"]: s for s in report["segments"]}
            units += len(segments)
            for f in report["findings"]:
                findings += 1
                evalkit_flags[(file, unit_of(f["segment"]))].update(f["check"].split("+"))
                seg = segments[f["segment"]]
                if (f["start"], f["end"]) == (0, len(seg["target"])) and f["check"].startswith("untranslated"):
                    continue  # about the whole unit, not a token in it
                if any(s < f["end"] and f["start"] < e for s, e in code_chunks(seg["source"], seg["target"])):
                    on_code.append(f"{file} {f['segment']!r}: [{f['check']}] {f['text']!r}")
            for uid, checks in run_pofilter(corpus / file, tgt, None, tmp, tmp / "empty.txt", tmp / "empty.txt").items():
                pofilter_flags[(file, uid)] = checks
    shared = {g["kind"] for g in gold}
    split_of = {f[0]: f[3] for f in files}
    result = {"wheel": wheel.name, "files": len(files), "units": units, "gold": len(gold), "findings": findings,
              "on_code": on_code, "kinds": sorted(shared), "splits": {}, "seeded": gold}
    for split in ("dev", "held-out", "all"):
        def part(flags):
            return {u: c for u, c in flags.items() if split in ("all", split_of[u[0]])}
        g = [x for x in gold if split in ("all", x["split"])]
        result["splits"][split] = {
            "gold": len(g),
            "evalkit": score(g, part(evalkit_flags), KINDS, shared),
            "pofilter": score(g, part(pofilter_flags), PO_KINDS, shared),
        }
    return result


def render(r: dict) -> str:
    lines = [
        "## Real software strings: Django's catalogues with seeded errors, evalkit beside pofilter",
        "",
        f"Measured by `python benchmarks/real_strings.py`, both tools in the same run, on {r['units']} units of "
        f"{r['files']} PO files made from `{r['wheel']}`: the translations Django's translators wrote, en→fr, en→de, "
        "en→zh-CN and en→ja, and the zh_Hans ones read the other way for zh→en; empty, fuzzy and plural units "
        f"left out. A script seeded {r['gold']} errors into them (see its docstring). Every flag of a seeded kind on "
        "a unit the script left alone lands on a professional translation, so precision here is mostly a "
        "false-alarm rate on real work. The core and admin catalogues are the development part; the other "
        "contrib applications are held out. No engine ran (no MT model offline for these pairs, and the lexicon "
        "engine is for zh→en only, which ran it).",
        "",
        "The held-out part's first run gave evalkit 130 of 131 found and 130 of 185 flags right, pofilter 128 of "
        "131 and 128 of 225. One false finding seen there led to a general fix (a typographic quote ends a URL: "
        "'“https://”'), so the held-out figures below are no longer blind. Later, three fixes came from "
        "development files only: a unit left as its source is reported even where a placeholder stands "
        "beside its one word ('%(app)s administration') or its script has no spaces ('更改选中的%(model)s'); "
        "a title the file translates elsewhere is no name ('Mexican Spanish' where 'Spanish' is translated); "
        "the name inside a placeholder or a tag is no word of the text ('“%(value)s” value').",
        "",
        f"Kinds seeded: {', '.join(r['kinds'])}.",
        "",
        "| files | tool | found / seeded | recall | right / flags | precision |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for split in ("dev", "held-out", "all"):
        for name in ("evalkit", "pofilter"):
            s = r["splits"][split][name]
            lines.append(f"| {split} | {name} | {s['found']} / {s['gold']} | {s['recall']:.3f} | {s['right']} / "
                         f"{s['right'] + s['wrong']} | {s['precision']:.3f} |")
    e, p = r["splits"]["all"]["evalkit"], r["splits"]["all"]["pofilter"]
    lines += ["", "Per kind, all files (found / seeded):", "", "| kind | evalkit | pofilter |", "| --- | ---: | ---: |"]
    for kind in r["kinds"]:
        ef, eg = e["per_kind"].get(kind, [0, 0])
        pf, _ = p["per_kind"].get(kind, [0, 0])
        lines.append(f"| {kind} | {ef} / {eg} | {pf} / {eg} |")
    for name, s in (("evalkit", e), ("pofilter", p)):
        by_check: dict[str, int] = defaultdict(int)
        for w in s["wrong_flags"]:
            by_check[w.rsplit(": ", 1)[1]] += 1
        counts = ", ".join(f"{c} {n}" for c, n in sorted(by_check.items(), key=lambda x: (-x[1], x[0])))
        lines += ["", f"{name}'s flags on units without a seeded error of their kind, by check: {counts or 'none'}."]
    lines += ["", f"evalkit findings on a code token the translation kept unchanged (findings that a whole unit is "
              f"untranslated aside): **{len(r['on_code'])}** of {r['findings']}."]
    lines += [f"- {x}" for x in r["on_code"][:10]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"a {DJANGO} wheel (default: fetched from PyPI)")
    parser.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    parser.add_argument("--json", type=Path, help="also write the raw figures and the gold here")
    args = parser.parse_args(argv)
    if args.wheel is not None and not args.wheel.is_file():
        parser.error(f"--wheel {args.wheel}: no such file")
    result = run(args.wheel)
    text = render(result)
    if args.no_write:
        sys.stdout.write(text)
    else:
        write_section(REPORT, SECTION, text)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
