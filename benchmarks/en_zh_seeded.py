"""English→Chinese with CC-CEDICT: names and numbers seeded into human translations, held-out documents.

    python benchmarks/en_zh_seeded.py --data path/to/mqm-spans   # writes its section of reports/quality.md

There is no annotated English→Chinese MT in the data, so the pairs are made from the zh→en news
(WMT21): each human English translation (``ref.A``, ``ref.B``) is a source, the Chinese original its target,
an expert translation. Into a fixed share of them one error is seeded, deterministically (a seed
per row id):

- name: a Chinese name that renders a source name (CC-CEDICT) is replaced by another name of the
  same data that renders a different one (柏林 for 巴黎);
- number: a number of the target that the source states is changed (25 -> 35), or its digits
  transposed.

Rows left alone measure false alarms on expert translations. ``evalkit check --src-lang en
--tgt-lang zh`` runs as a user runs it (no MT model: no re-translation). Beside it, in the same
run, the naive detector for each kind: every Chinese proper noun of the target, every target
number. Documents are split as everywhere (evalkit.decide.data.held_out); only held-out ones are
reported. The checks were developed looking at the fitting part's false alarms only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import write_section  # noqa: E402
from benchmarks.quality import run_check  # noqa: E402
from evalkit.decide import data  # noqa: E402

REPORT = ROOT / "reports" / "quality.md"
SECTION = "en-zh-seeded"
SEED_SHARE = {"name": 0.25, "number": 0.25}  # of the rows where such an error can be seeded
CHECKS = {"name": ("name-not-in-source",), "number": ("number-mismatch",)}
_DIGITS = re.compile(r"\d+")


def _rng(uid: str) -> random.Random:
    return random.Random(int(hashlib.sha1(uid.encode("utf-8")).hexdigest()[:12], 16))


def pairs(data_dir: Path, part: str) -> dict[str, dict]:
    units = data.load(data_dir, part, files=("2021_zh-en.tsv",))
    return {uid: {"id": uid, "source": u.target, "target": u.meta["source"], "doc": u.meta["doc_id"]}
            for uid, u in units.items() if u.meta["system"].startswith("ref.")}


def _name_renderings(rows: dict[str, dict]):
    """(row id, start, end, source name) of each target name that renders a source name, and the
    pool of (Chinese name, English name) seen rendering one."""
    from evalkit.checks.names import _source_names
    from evalkit.dictionary import Dictionary

    d = Dictionary.load()
    found, pool = {}, {}
    for uid, r in rows.items():
        for name, heads in _source_names(r["source"], d):
            for h in heads:
                at = r["target"].find(h)
                if at >= 0 and len(h) >= 2:
                    found.setdefault(uid, []).append((at, at + len(h), name))
                    pool.setdefault(h, name.lower())
                    break
    return found, sorted(pool.items())


def seed(rows: dict[str, dict]) -> tuple[dict[str, dict], dict[str, dict]]:
    """The rows with errors seeded, and the gold: row id -> {kind, start, end, text}."""
    names, pool = _name_renderings(rows)
    out, gold = {}, {}
    for uid, r in rows.items():
        rng = _rng(uid)
        roll = rng.random()
        target = r["target"]
        nums = [m for m in _DIGITS.finditer(target) if m.group(0) in r["source"].replace(",", "")]
        if roll < SEED_SHARE["name"] and uid in names:
            start, end, english = rng.choice(names[uid])
            others = [zh for zh, en in pool if en != english and zh not in target and en not in r["source"].lower()]
            new = rng.choice(others)
            target = target[:start] + new + target[end:]
            gold[uid] = {"kind": "name", "start": start, "end": start + len(new), "text": new}
        elif roll < SEED_SHARE["name"] + SEED_SHARE["number"] and nums:
            m = rng.choice(nums)
            old = m.group(0)
            new = old[::-1] if len(old) > 1 and old[::-1] != old and rng.random() < 0.5 else str(int(old) + rng.randint(1, 9))
            target = target[: m.start()] + new + target[m.end():]
            gold[uid] = {"kind": "number", "start": m.start(), "end": m.start() + len(new), "text": new}
        out[uid] = {**r, "target": target}
    return out, gold


def naive(rows: dict[str, dict]) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """Every Chinese proper noun, and every number, of each target."""
    from evalkit.dictionary import Dictionary
    from evalkit.lang import language

    d = Dictionary.load()
    zh = language("zh")
    out: dict[str, dict[str, list[tuple[int, int]]]] = {"name": {}, "number": {}}
    for uid, r in rows.items():
        out["name"][uid] = [(w.start, w.end) for w in zh.words(r["target"]) if len(w.text) >= 2 and d.is_name(w.text)]
        out["number"][uid] = [(m.start(), m.end()) for m in _DIGITS.finditer(r["target"])]
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(pred: dict[str, list[tuple[int, int]]], gold: dict[str, dict], kind: str) -> dict[str, float]:
    """Span precision and recall of one kind's predictions against that kind's seeded errors."""
    want = {u: (g["start"], g["end"]) for u, g in gold.items() if g["kind"] == kind}
    spans = [(u, s) for u, ss in pred.items() for s in ss]
    correct = sum(1 for u, s in spans if u in want and _overlap(s, want[u]))
    found = sum(1 for u, g in want.items() if any(_overlap(s, g) for s in pred.get(u, [])))
    p = correct / len(spans) if spans else 0.0
    r = found / len(want) if want else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "predicted": len(spans), "gold": len(want)}


def run(data_dir: Path, part: str = "held-out") -> dict:
    rows, gold = seed(pairs(data_dir, part))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "en-zh.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in rows.values():
                fh.write(json.dumps({"id": r["id"], "source": r["source"], "target": r["target"]}, ensure_ascii=False) + "\n")
        t0 = time.perf_counter()
        report = run_check([str(path), "--src-lang", "en", "--tgt-lang", "zh", "--engine", "auto"])
        seconds = time.perf_counter() - t0
    by_kind: dict[str, dict[str, list[tuple[int, int]]]] = {k: {} for k in CHECKS}
    clean_major = 0
    for f in report["findings"]:
        checks = f["check"].split("+")
        for kind, ids in CHECKS.items():
            if any(c in ids for c in checks):
                by_kind[kind].setdefault(f["segment"], []).append((f["start"], f["end"]))
        if f["segment"] not in gold and f["severity"] in ("major", "critical"):
            clean_major += 1
    base = naive(rows)
    clean = len(rows) - len(gold)
    return {
        "part": part, "rows": len(rows), "documents": len({r["doc"] for r in rows.values()}), "seeded": len(gold),
        "seconds": round(seconds, 1),
        "evalkit": {k: score(by_kind[k], gold, k) for k in CHECKS},
        "naive": {k: score(base[k], gold, k) for k in CHECKS},
        "clean_rows": clean, "clean_rows_major_findings": clean_major,
    }  # fmt: skip


def markdown(result: dict, command: str) -> str:
    lines = [
        "## English→Chinese, names and numbers seeded into expert translations (CC-CEDICT, no MT model)",
        "",
        f"Produced by `{command}`. {result['rows']} {result['part']} pairs of {result['documents']} documents (the WMT21",
        "zh→en human translations `ref.A` and `ref.B` as English sources, the Chinese original as the target); one",
        f"error seeded into {result['seeded']} of them (see the script). `evalkit check` took {result['seconds']} s.",
        "",
        "| seeded error | detector | P | R | F1 | predicted | seeded |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in CHECKS:
        for who in ("evalkit", "naive"):
            s = result[who][kind]
            name = f"`{'`, `'.join(CHECKS[kind])}`" if who == "evalkit" else f"baseline: every target {kind}"
            lines.append(f"| {kind} | {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                         f"{s['predicted']} | {s['gold']} |")
    lines += ["", f"Major or critical findings of any check on the {result['clean_rows']} rows left as the expert "
                  f"wrote them: {result['clean_rows_major_findings']}."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the directory of the error-span TSV files")
    ap.add_argument("--part", choices=("held-out", "fit"), default="held-out", help="which documents (default: held-out)")
    ap.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    args = ap.parse_args(argv)
    result = run(args.data, args.part)
    part = "" if args.part == "held-out" else " --part fit"
    text = markdown(result, f"python benchmarks/en_zh_seeded.py --data path/to/{args.data.name}{part}")
    if args.no_write or args.part != "held-out":
        print(text)
    else:
        write_section(REPORT, SECTION, text)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
