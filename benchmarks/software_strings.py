"""evalkit beside translate-toolkit's pofilter on corpora/software-strings; writes a section of reports/quality.md.

    python benchmarks/software_strings.py [--no-write]

Both tools run in this one run on the same files: evalkit as a user runs it (`evalkit check FILE
--format json`, the corpus word lists in its settings; `--engine lexicon` for zh->en, `auto` for the
other pairs, which runs no engine where no MT model can be loaded), pofilter with the target
language, the accelerator style of each project (`--kde` where '&' marks them) and the same word
lists (`--notranslatefile`, `--musttranslatefile`).

Scoring is per unit and per kind of error, as pofilter reports units, not spans: each check of
either tool is mapped to the kinds of error it is about (below). A gold error is found when the tool
flags its unit with a check of its kind; a flag (unit, check) is right when its unit has a gold
error of a kind of that check. Precision and recall are over the kinds both tools handle; the
kinds only evalkit handles are reported apart, and checks of neither list (pofilter's acronyms,
isfuzzy, ...; evalkit's prose checks) are not counted for either.

Code-token safety: every evalkit finding whose span overlaps a code-like chunk of the source that
the target repeats unchanged (an ASCII run with '-', '_', '/', '.', ':', '@', '%', '{', '<', '$',
'=', '\\', an inner capital or a digit beside a letter) is a finding on a code token the translation
kept. Those chunks are found here by that plain rule, not by evalkit's own recogniser.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "software-strings"
REPORT = ROOT / "reports" / "quality.md"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import write_section  # noqa: E402

SECTION = "software-strings"
# (file, source language, target language, pofilter's project style or None, split). The checks were
# mended while the development files were looked at; the held-out files were written after that, and
# their figures are as the first run gave them.
FILES = [
    ("en-fr/tally.fr.po", "en", "fr", None, "dev"),
    ("en-de/photoframe.de.xlf", "en", "de", "--kde", "dev"),
    ("en-zh-CN/tasks.zh_CN.po", "en", "zh-CN", None, "dev"),
    ("zh-en/notes.en.xlf", "zh", "en", "--kde", "dev"),
    ("en-ja/libris.ja.po", "en", "ja", "--gnome", "dev"),
    ("en-fr/vault.fr.po", "en", "fr", None, "held-out"),
    ("en-de/courier.de.po", "en", "de", "--gnome", "held-out"),
    ("en-zh-CN/quill.zh_CN.xlf", "en", "zh-CN", "--kde", "held-out"),
    ("zh-en/market.en.po", "zh", "en", "--kde", "held-out"),
    ("en-ja/huddle.ja.xlf", "en", "ja", "--kde", "held-out"),
]
SPLITS = ("dev", "held-out")
CODE_KINDS = ("url", "email", "option", "path", "function", "format-code", "version", "identifier", "locale",
              "extension")
EVALKIT_KINDS = {
    "placeholder": ("placeholder", "printf", "xml-tag"),
    "code-token": CODE_KINDS,
    "accelerator": ("accelerator",),
    "brackets": ("brackets",),
    "escapes": ("escapes",),
    "newlines": ("newlines",),
    "edge-whitespace": ("whitespace",),
    "end-punctuation": ("end-punctuation",),
    "start-punctuation": ("start-punctuation",),
    "start-capital": ("start-capital",),
    "sentence-count": ("sentence-count",),
    "length-ratio": ("length",),
    "max-width": ("max-width",),
    "number-mismatch": ("number", "version"),
    "number-missing": ("number", "version"),
    "repeated-word": ("double-word",),
    "do-not-translate": ("do-not-translate",),
    "must-translate": ("must-translate",),
}
POFILTER_KINDS = {
    "printf": ("printf",),
    "pythonbraceformat": ("placeholder",),
    "variables": ("placeholder", "printf"),
    "xmltags": ("xml-tag",),
    "urls": ("url",),
    "emails": ("email",),
    "options": ("option",),
    "filepaths": ("path",),
    "functions": ("function",),
    "accelerators": ("accelerator",),
    "brackets": ("brackets",),
    "escapes": ("escapes",),
    "newlines": ("newlines",),
    "tabs": ("newlines",),
    "startwhitespace": ("whitespace",),
    "endwhitespace": ("whitespace",),
    "endpunc": ("end-punctuation",),
    "startpunc": ("start-punctuation",),
    "startcaps": ("start-capital",),
    "sentencecount": ("sentence-count",),
    "long": ("length",),
    "short": ("length",),
    "numbers": ("number", "version"),
    "doublewords": ("double-word",),
    "notranslatewords": ("do-not-translate",),
    "musttranslatewords": ("must-translate",),
}
_PLURAL = re.compile(r"\[\d+\]$")


def unit_of(seg_id: str) -> str:
    """A unit's id from a segment's: plural forms are one unit, as pofilter reports them."""
    return _PLURAL.sub("", seg_id)


def word_lists(tmp: Path) -> tuple[Path, Path, list[str], list[str]]:
    dnt = (CORPUS / "do-not-translate.txt").read_text(encoding="utf-8").split("\n")
    must = (CORPUS / "must-translate.txt").read_text(encoding="utf-8").split("\n")
    dnt, must = [w for w in dnt if w.strip()], [w for w in must if w.strip()]
    return CORPUS / "do-not-translate.txt", CORPUS / "must-translate.txt", dnt, must


def run_evalkit(path: Path, src: str, tgt: str, tmp: Path, dnt: list[str], must: list[str]) -> dict:
    config = tmp / "evalkit.toml"
    config.write_text(f"do_not_translate = {json.dumps(dnt)}\nmust_translate = {json.dumps(must)}\n", encoding="utf-8")
    out = tmp / "report.json"
    cmd = [sys.executable, "-m", "evalkit", "check", str(path), "--src-lang", src, "--tgt-lang", tgt,
           "--engine", "lexicon" if src == "zh" else "auto", "--format", "json", "--output", str(out), "--fail-on", "never", "--quiet",
           "--config", str(config)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"evalkit failed on {path.name}: {done.stderr.strip()}")
    return json.loads(out.read_text(encoding="utf-8"))


def run_pofilter(path: Path, tgt: str, style: str | None, tmp: Path, dnt_file: Path, must_file: Path) -> dict[str, set[str]]:
    """pofilter's checks per unit id of the file at ``path``."""
    from translate.storage import factory

    out = tmp / ("pofilter" + path.suffix)
    # the pofilter installed with this interpreter's packages, even where its folder is not on PATH
    here = Path(sys.executable).parent / "pofilter"
    cmd = [str(here) if here.exists() else "pofilter", "-i", str(path), "-o", str(out), f"--language={tgt}", "--progress=none",
           f"--notranslatefile={dnt_file}", f"--musttranslatefile={must_file}"] + ([style] if style else [])
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"pofilter failed on {path.name}: {done.stderr.strip()}")
    flags: dict[str, set[str]] = defaultdict(set)
    if not out.exists():
        return flags  # pofilter writes no file when no unit fails a test
    for unit in factory.getobject(str(out)).units:
        if unit.isheader():
            continue
        uid = str(unit.getid())  # a plural unit's id is its msgid
        uid = uid.split("\x04")[-1] if path.suffix == ".xlf" else uid.replace("\x04", "::")
        for m in re.finditer(r"(?:^|\n)(?:\(pofilter\) )?([a-z]+): ", unit.getnotes()):
            flags[uid].add(m.group(1))
    return flags


def _chunks(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in re.finditer(r"[\x21-\x7e]+", text):
        chunk = m.group().strip(".,;:!?()[]\"'")
        if len(chunk) >= 2 and re.search(r"[-_/.:@%{<$=\\]|[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]", chunk):
            start = m.start() + m.group().index(chunk)
            out.append((start, start + len(chunk), chunk))
    return out


def code_chunks(source: str, target: str) -> list[tuple[int, int]]:
    """Spans of ``target``'s code-like ASCII chunks that the source has as they are (see the module doc)."""
    wanted = {c for _, _, c in _chunks(source)}
    return [(s, e) for s, e, c in _chunks(target) if c in wanted]


def score(gold: list[dict], flags: dict[tuple[str, str], set[str]], kinds_of: dict[str, tuple[str, ...]],
          kinds: set[str]) -> dict:
    """Recall per kind, and recall and precision over ``kinds``, of one tool's flags."""
    gold_kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g in gold:
        gold_kinds[(g["file"], g["segment"])].add(g["kind"])
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for g in gold:
        if g["kind"] not in kinds:
            continue
        checks = flags.get((g["file"], g["segment"]), set())
        found = any(g["kind"] in kinds_of.get(c, ()) for c in checks)
        per_kind[g["kind"]][0] += found
        per_kind[g["kind"]][1] += 1
    right = wrong = 0
    wrong_flags = []
    for unit, checks in sorted(flags.items()):
        for c in sorted(checks):
            mine = set(kinds_of.get(c, ())) & kinds
            if not mine or (set(kinds_of[c]) - kinds) & gold_kinds.get(unit, set()):
                continue  # not about these kinds, or right about another kind ('HH: MM' to code-token)
            if mine & gold_kinds.get(unit, set()):
                right += 1
            else:
                wrong += 1
                wrong_flags.append(f"{unit[0]} {unit[1]!r}: {c}")
    found = sum(v[0] for v in per_kind.values())
    total = sum(v[1] for v in per_kind.values())
    return {"per_kind": dict(per_kind), "found": found, "gold": total, "recall": found / total if total else 0.0,
            "right": right, "wrong": wrong, "precision": right / (right + wrong) if right + wrong else 0.0,
            "wrong_flags": wrong_flags}


def run() -> dict:
    gold = [json.loads(line) for line in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    evalkit_flags: dict[tuple[str, str], set[str]] = defaultdict(set)
    pofilter_flags: dict[tuple[str, str], set[str]] = defaultdict(set)
    on_code: list[str] = []
    findings = units = 0
    engines: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        dnt_file, must_file, dnt, must = word_lists(tmp)
        for file, src, tgt, style, _ in FILES:
            report = run_evalkit(CORPUS / file, src, tgt, tmp, dnt, must)
            engines.add(f"{src}→{tgt}: {report['engine']['name']}")
            segments = {s["id"]: s for s in report["segments"]}
            units += len({unit_of(s) for s in segments})
            for f in report["findings"]:
                findings += 1
                evalkit_flags[(file, unit_of(f["segment"]))].update(f["check"].split("+"))
                seg = segments[f["segment"]]
                if any(s < f["end"] and f["start"] < e for s, e in code_chunks(seg["source"], seg["target"])):
                    on_code.append(f"{file} {f['segment']!r}: [{f['check']}] {f['text']!r}: {f['message']}")
            for uid, checks in run_pofilter(CORPUS / file, tgt, style, tmp, dnt_file, must_file).items():
                pofilter_flags[(file, uid)] = checks
    handled_e = {k for ks in EVALKIT_KINDS.values() for k in ks}
    handled_p = {k for ks in POFILTER_KINDS.values() for k in ks}
    gold_kinds = {g["kind"] for g in gold}
    shared = gold_kinds & handled_e & handled_p
    only_evalkit = gold_kinds & handled_e - handled_p
    split_of = {f[0]: f[4] for f in FILES}
    result = {"engines": sorted(engines), "units": units, "gold": len(gold), "findings": findings, "on_code": on_code,
              "shared": sorted(shared), "only_evalkit": sorted(only_evalkit), "splits": {}}
    for split in SPLITS + ("all",):
        def part(flags):
            return {u: c for u, c in flags.items() if split in ("all", split_of[u[0]])}
        g = [x for x in gold if split in ("all", x["split"])]
        result["splits"][split] = {
            "gold": len(g),
            "evalkit": score(g, part(evalkit_flags), EVALKIT_KINDS, shared),
            "pofilter": score(g, part(pofilter_flags), POFILTER_KINDS, shared),
            "evalkit_only": score(g, part(evalkit_flags), EVALKIT_KINDS, only_evalkit),
        }
    return result


def render(r: dict) -> str:
    everything = r["splits"]["all"]
    e, p = everything["evalkit"], everything["pofilter"]
    lines = [
        "## Software strings: evalkit beside pofilter (corpora/software-strings)",
        "",
        f"Measured by `python benchmarks/software_strings.py`, both tools in the same run. {r['units']} units "
        "in ten files written for evalkit in the style of real projects (command-line tools' PO en→fr, a "
        "desktop application's XLIFF 1.2 and a mail client's PO en→de, a web application's PO with one plural "
        "form and an editor's XLIFF en→zh-CN, an e-book manager's PO and a meeting application's XLIFF "
        "en→ja, a mobile application's XLIFF and a shop's PO zh→en), with "
        f"{r['gold']} errors **seeded by evalkit's authors** (`gold.jsonl`, one a line, each with a kind). A "
        "seeded corpus measures what its authors thought of seeding, written by the hands that wrote the "
        "checks; it says nothing of the errors real translators make. The checks were mended while the five "
        "development files were looked at; the five held-out files were written afterwards (their "
        "first run is given below). pofilter is translate-toolkit's, run with its target language, the "
        "project's accelerator style (`--kde`, `--gnome`) and the same word lists. Scored per unit and kind "
        "of error, as pofilter reports units, not spans (see the script's docstring).",
        "",
        "The held-out files' first run (commit 760005a, before the language packs landed on main) gave evalkit "
        "34 of 35 found and 35 of 39 flags right, pofilter 28 of 35 and 29 of 67. What it showed led to two "
        "fixes since, both general and so no longer blind: digits inside a code token the source has "
        "('HMAC-SHA256', 'Version 3.2.1') are no numbers of the text, and a written-out '\\n' is no part of "
        "the name after it ('install.\\nRestart'). Two false number findings on held-out files later led to "
        "two more general fixes, so they too are no longer blind: a numeral written as the source writes it "
        "is that number ('Courier 46.1' in German, where '.' groups thousands), and a hexadecimal constant "
        "('0x80070005') is a code token.",
        "",
        "The en→ja pair came later: the checks were mended on `en-ja/libris.ja.po`, then `en-ja/huddle.ja.xlf` "
        "was written and its figures here are its first run (evalkit 13 of 13 found and 13 of 18 flags right, "
        "pofilter 11 of 13 and 11 of 21, on the shared kinds).",
        "",
        f"evalkit's engines in this run: {', '.join(r['engines'])}. Kinds both tools handle: "
        f"{', '.join(r['shared'])}.",
        "",
        "| files | tool | found / seeded | recall | right / flags | precision |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for split in SPLITS + ("all",):
        for name in ("evalkit", "pofilter"):
            s = r["splits"][split][name]
            lines.append(f"| {split} | {name} | {s['found']} / {s['gold']} | {s['recall']:.3f} | {s['right']} / "
                         f"{s['right'] + s['wrong']} | {s['precision']:.3f} |")
    lines += ["", "Per kind, all files (found / seeded):", "", "| kind | evalkit | pofilter |", "| --- | ---: | ---: |"]
    for kind in r["shared"]:
        ef, eg = e["per_kind"].get(kind, [0, 0])
        pf, _ = p["per_kind"].get(kind, [0, 0])
        lines.append(f"| {kind} | {ef} / {eg} | {pf} / {eg} |")
    lines += ["", f"Kinds only evalkit handles ({', '.join(r['only_evalkit'])}):", ""]
    for split in SPLITS:
        only = r["splits"][split]["evalkit_only"]
        lines.append(f"- {split}: {only['found']} of {only['gold']} found, {only['right']} of "
                     f"{only['right'] + only['wrong']} flags right.")
    lines += [
        "",
        f"Findings on a code token the translation kept unchanged: **{len(r['on_code'])}** of evalkit's "
        f"{r['findings']} findings on the corpus (every check counted, prose checks included).",
    ]
    lines += [f"- {x}" for x in r["on_code"][:20]]
    for name, s in (("evalkit", e), ("pofilter", p)):
        if not s["wrong_flags"]:
            continue
        by_check: dict[str, int] = defaultdict(int)
        for w in s["wrong_flags"]:
            by_check[w.rsplit(": ", 1)[1]] += 1
        counts = ", ".join(f"{c} {n}" for c, n in sorted(by_check.items(), key=lambda x: (-x[1], x[0])))
        lines += ["", f"{name}'s wrong flags on the shared kinds, by check: {counts}."]
        if len(s["wrong_flags"]) <= 10:
            lines += [""] + [f"- {w}" for w in s["wrong_flags"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    result = run()
    text = render(result)
    if args.no_write:
        sys.stdout.write(text)
    else:
        write_section(REPORT, SECTION, text)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
