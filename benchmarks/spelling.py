"""evalkit's spelling check on real software translations with typos seeded by a script, beside a
same-run baseline; writes a section of reports/quality.md.

    python benchmarks/spelling.py [--django WHEEL] [--sphinx WHEEL] [--no-write]

The translations are professional ones: the PO catalogues of Django 5.2.19 (the development part:
the check was designed while its flags on them were read) and of Sphinx 8.2.3 (held out: a second
project, first run as it came), in ten languages written with spaces and capitals (fr, de, es, it,
pt_BR, nl, pl, ru, sv, cs). The wheels are fetched from PyPI with `pip download` unless named.
Units that are empty, fuzzy or plural are left out.

A script seeds one typo into about one unit in six, with a fixed random seed: in a word of five
letters or more that the source does not have, two letters swapped, one dropped or one doubled,
away from the word's first letter. A seeded typo is found when a finding overlaps it. Every other
flag lands on a professional translation: a false alarm, unless the translator made the slip (some
are real, and count against both alike).

The baseline flags every word of the target its language's word list (wordfreq) lacks, with the
same source words left out: what the one-letter rule and the check's other exclusions buy.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import write_section  # noqa: E402
from benchmarks.software_strings import REPORT  # noqa: E402

SECTION = "spelling"
PROJECTS = {"dev": ("django==5.2.19", "django/", "django.po"), "held-out": ("sphinx==8.2.3", "sphinx/locale/", "sphinx.po")}
LOCALES = ["fr", "de", "es", "it", "pt_BR", "nl", "pl", "ru", "sv", "cs"]
SEED_SHARE = 6
_WORD = re.compile(r"(?<![\w%{<&./\\@$-])[^\W\d_]{5,}(?![\w}>/@-])")


def _fetch(spec: str, tmp: Path) -> Path:
    name = spec.split("==")[0]
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp), spec],
                          capture_output=True, text=True)
    wheels = sorted(tmp.glob(f"{name}-*.whl"))
    if done.returncode != 0 or not wheels:
        raise SystemExit(f"cannot fetch {spec} from PyPI (name the wheel): {done.stderr.strip()[-300:]}")
    return wheels[0]


def typo(word: str, rng: random.Random) -> str:
    """``word`` with one slip: two letters swapped, one dropped or one doubled (never the first)."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i + 1:] if kind == 1 else word[:i] + word[i] + word[i:]


def units(wheel: Path, prefix: str, filename: str, locale: str) -> list[tuple[str, str]]:
    """The finished (source, target) units of ``locale``'s catalogues in ``wheel``."""
    import polib

    out = []
    with zipfile.ZipFile(wheel) as z:
        for name in sorted(z.namelist()):
            if name.startswith(prefix) and name.endswith(f"/{locale}/LC_MESSAGES/{filename}"):
                for e in polib.pofile(z.read(name).decode("utf-8")):
                    if e.msgstr.strip() and not e.fuzzy and not e.obsolete and not e.msgid_plural:
                        out.append((e.msgid, e.msgstr))
    return out


def seed(pairs: list[tuple[str, str]], rng: random.Random) -> tuple[list[tuple[str, str]], dict[int, tuple[int, int]]]:
    """``pairs`` with typos seeded, and the span of each by unit."""
    out, gold = [], {}
    for i, (source, target) in enumerate(pairs):
        words = [m for m in _WORD.finditer(target) if m.group().casefold() not in source.casefold()]
        if words and not rng.randrange(SEED_SHARE):
            m = rng.choice(words)
            new = typo(m.group(), rng)
            if new != m.group():
                target = target[:m.start()] + new + target[m.end():]
                gold[i] = (m.start(), m.start() + len(new))
        out.append((source, target))
    return out, gold


def evalkit_flags(pairs: list[tuple[str, str]], lang: str) -> list[tuple[int, int, int, str]]:
    """evalkit's spelling findings over one catalogue's units: (unit, start, end, suggestion)."""
    from evalkit.checks.base import CheckContext, run_checks, select_checks
    from evalkit.model import Document, Segment
    from evalkit.resources import Resources

    segments = [Segment(str(i), s, t) for i, (s, t) in enumerate(pairs)]
    doc = Document("catalogue", segments, kind="segments", src_lang="en", tgt_lang=lang)
    ctx = CheckContext(document=doc, resources=Resources(), settings={"src_lang": "en", "tgt_lang": lang})
    return [(int(f.segment), f.start, f.end, f.suggestion or "") for f in run_checks(select_checks(only=["spelling"]), ctx)]


def baseline_flags(pairs: list[tuple[str, str]], lang: str) -> list[tuple[int, int, int, str]]:
    """Every target word of four letters or more that the word list lacks and the source does not have."""
    from evalkit.lang import language

    tgt = language(lang)
    word = re.compile(r"(?<![\w%{<&./\\@$-])[^\W\d_]{4,}(?![\w}>/@-])")
    return [(i, m.start(), m.end(), "") for i, (s, t) in enumerate(pairs) for m in word.finditer(t)
            if m.group().casefold() not in s.casefold() and tgt.zipf(m.group()) == 0 and tgt.zipf(m.group().lower()) == 0]


def score(flags, gold: dict[int, tuple[int, int]]) -> dict:
    found = {u for u, s, e, _ in flags if u in gold and s < gold[u][1] and gold[u][0] < e}
    right = sum(1 for u, s, e, _ in flags if u in gold and s < gold[u][1] and gold[u][0] < e)
    return {"found": len(found), "right": right, "flags": len(flags)}


def run(wheels: dict[str, Path]) -> dict:
    from evalkit.lang import primary

    result: dict = {"wheels": {k: w.name for k, w in wheels.items()}, "splits": {}, "alarms": {}}
    for split, (_, prefix, filename) in PROJECTS.items():
        totals = {"units": 0, "gold": 0, "evalkit": {"found": 0, "right": 0, "flags": 0},
                  "baseline": {"found": 0, "right": 0, "flags": 0}}
        for locale in LOCALES:
            pairs = units(wheels[split], prefix, filename, locale)
            if not pairs:
                continue
            seeded, gold = seed(pairs, random.Random(f"{split} {locale} 1"))
            lang = primary(locale)
            totals["units"] += len(pairs)
            totals["gold"] += len(gold)
            ours = evalkit_flags(seeded, lang)
            for name, flags in (("evalkit", ours), ("baseline", baseline_flags(seeded, lang))):
                for k, v in score(flags, gold).items():
                    totals[name][k] += v
            result["alarms"].setdefault(split, []).extend(
                f"{locale}: {seeded[u][1][s:e]!r} → {fix!r}" for u, s, e, fix in ours
                if not (u in gold and s < gold[u][1] and gold[u][0] < e))
        result["splits"][split] = totals
    return result


def render(r: dict) -> str:
    lines = [
        "## Spelling: typos seeded into professional software translations",
        "",
        f"Measured by `python benchmarks/spelling.py`, on the PO catalogues of `{r['wheels']['dev']}` (the "
        f"development part: the check was designed while its flags there were read) and `{r['wheels']['held-out']}` "
        f"(held out: first run as it came), in {', '.join(LOCALES)}. A script seeded one typo (two letters "
        "swapped, one dropped or one doubled) into about one unit in six. Other flags land on professional "
        "translations: false alarms, unless the translator slipped. The baseline flags every word the "
        "target language's word list lacks. No MT model, no dictionary of evalkit's own: wordfreq's lists.",
        "",
        "| part | units | detector | found / seeded | recall | right / flags | precision | other flags per 1,000 units |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for split, t in r["splits"].items():
        for name in ("evalkit", "baseline"):
            s = t[name]
            label = "`spelling`" if name == "evalkit" else "baseline: every unknown word"
            other = s["flags"] - s["right"]
            lines.append(f"| {split} | {t['units']} | {label} | {s['found']} / {t['gold']} | "
                         f"{s['found'] / max(t['gold'], 1):.3f} | {s['right']} / {s['flags']} | "
                         f"{s['right'] / max(s['flags'], 1):.3f} | {1000 * other / max(t['units'], 1):.1f} |")
    for split, alarms in r["alarms"].items():
        lines += ["", f"`spelling`'s flags on words the script left alone, {split} ({len(alarms)}):", ""]
        lines += [f"- {a}" for a in alarms[:25]] + ([f"- ... and {len(alarms) - 25} more"] if len(alarms) > 25 else [])
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--django", type=Path, help="a django==5.2.19 wheel (default: fetched from PyPI)")
    parser.add_argument("--sphinx", type=Path, help="a sphinx==8.2.3 wheel (default: fetched from PyPI)")
    parser.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    args = parser.parse_args(argv)
    for given in (args.django, args.sphinx):
        if given is not None and not given.is_file():
            parser.error(f"{given}: no such file")
    with tempfile.TemporaryDirectory() as tmp:
        wheels = {"dev": args.django or _fetch(PROJECTS["dev"][0], Path(tmp)),
                  "held-out": args.sphinx or _fetch(PROJECTS["held-out"][0], Path(tmp))}
        text = render(run(wheels))
    if args.no_write:
        sys.stdout.write(text)
    else:
        write_section(REPORT, SECTION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
