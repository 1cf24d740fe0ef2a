"""Detection quality of evalkit against gold annotations; writes reports/quality.md.

    python benchmarks/quality.py --tsv path/to/mqm_ted_zhen.tsv   # ted/zhen/mqm_ted_zhen.tsv of google/wmt-mqm-human-evaluation

1. corpora/si-county, offline lexicon engine, no reference: span and character figures against
   gold.jsonl, beside baselines computed in the same run.
2. Clean translations (corpora/si-county/reference.en.txt, corpora/clean-news): findings per 100 words.
3. The WMT21 TED MQM annotations (google/wmt-mqm-human-evaluation, Apache-2.0), held-out talks only:
   each MT system's output is checked with the human translation ``refB`` as its re-translation
   (given in the JSONL, so no engine runs), and evaluated against the raters' spans and scores.

The TED split is by talk, fixed before any tuning: talks 5 and 6 are held out (160 segments);
talks 2, 7 and 9 are the development part (``--part dev`` reports them instead, for tuning).
Each (segment, system) pair was annotated by one rater in this set, so its gold is that rater's
spans and its human score is that rater's MQM penalty (Major 5, Minor 1, minor punctuation 0.1,
Non-translation 25; 'Source error' rows are not target errors).

Baselines: ``nothing`` flags no span; ``bag-of-words`` flags every target word absent from the
re-translation (case-insensitive); for segment correlation, ``chrF`` is sacrebleu's chrF of the
target against the same re-translation.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evalkit.evaluate import (  # noqa: E402
    Span,
    Unit,
    char_scores,
    correlation,
    evaluate,
    predictions_from_reports,
    read_gold,
    read_mqm_tsv,
    span_scores,
)
from evalkit.mqm import word_count  # noqa: E402

HELD_OUT = ("talk.5", "talk.6")
RETRANSLATION_SYSTEM = "refB"
HUMAN_SYSTEM = "ref"  # the human translation among the annotated systems
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


def run_check(args: list[str]) -> dict:
    """`evalkit check ... --format json` in a subprocess, as a user runs it; the parsed report."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "evalkit", "check", *args, "--format", "json", "--output", str(out),
               "--fail-on", "never", "--no-cache", "--quiet"]
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-800:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def bag_of_words(units: dict[str, Unit], retranslations: dict[str, str]) -> dict[str, Unit]:
    """Every target word absent from the re-translation, as a minor span."""
    out = {}
    for uid, u in units.items():
        retr = {w.lower() for w in _WORD.findall(retranslations.get(uid) or "")}
        spans = [Span(m.start(), m.end(), "minor", "accuracy/mistranslation", 1.0)
                 for m in _WORD.finditer(u.target) if m.group(0).lower() not in retr]
        out[uid] = Unit(uid, u.target, spans, float(len(spans)))
    return out


def nothing(units: dict[str, Unit]) -> dict[str, Unit]:
    return {uid: Unit(uid, u.target) for uid, u in units.items()}


def chrf_scores(units: dict[str, Unit], retranslations: dict[str, str]) -> dict[str, float]:
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    return {uid: chrf.sentence_score(u.target, [retranslations.get(uid) or ""]).score for uid, u in units.items()}


def figures(pred: dict[str, Unit], gold: dict[str, Unit], ids: list[str]) -> dict:
    span = span_scores(pred, gold, ids)
    char = char_scores(pred, gold, ids)
    return {"span": span, "char": char}


# ---------------------------------------------------------------- the corpora


def si_county() -> dict:
    t0 = time.perf_counter()
    report = run_check(["corpora/si-county", "--engine", "lexicon"])
    seconds = time.perf_counter() - t0
    pred = predictions_from_reports([report])
    gold = read_gold(ROOT / "corpora/si-county/gold.jsonl", pred)
    retr = {uid: u.meta.get("retranslation") or "" for uid, u in pred.items()}
    result = evaluate(pred, gold, {"chrF": chrf_scores(pred, retr)})
    ids = list(pred)
    result["baselines"] = {
        "nothing": figures(nothing(pred), gold, ids),
        "bag-of-words": figures(bag_of_words(pred, retr), gold, ids),
    }
    result["seconds"] = round(seconds, 1)
    result["findings"] = len(report["findings"])
    result["missed"] = [
        (g.severity, u.target[g.start : g.end]) for uid, u in gold.items() for g in u.spans
        if g.severity in ("major", "critical") and not any(p.start < g.end and g.start < p.end for p in pred[uid].spans)
    ]
    return result


def clean_case(args: list[str], target: Path) -> dict:
    report = run_check(args)
    words = word_count(target.read_text(encoding="utf-8"))
    findings = report["findings"]
    return {
        "words": words,
        "findings": len(findings),
        "per_100_words": round(100 * len(findings) / words, 2),
        "major_or_critical": sum(1 for f in findings if f["severity"] != "minor"),
        "list": [(f["check"], f["severity"], f["text"]) for f in findings],
    }


def ted_units(tsv: Path, part: str) -> tuple[dict[str, Unit], dict[str, str]]:
    """Gold units of the chosen part (MT outputs and ``ref``), and the re-translation of each."""
    units = read_mqm_tsv(tsv)
    retr_by_seg = {(u.meta["doc"], u.meta["seg_id"]): u.target for u in units.values()
                   if u.meta["system"] == RETRANSLATION_SYSTEM}
    keep, retr = {}, {}
    for uid, u in units.items():
        held = u.meta["doc"] in HELD_OUT
        if (part == "held-out") != held or u.meta["system"] == RETRANSLATION_SYSTEM:
            continue
        key = (u.meta["doc"], u.meta["seg_id"])
        if key not in retr_by_seg:
            continue
        keep[uid] = u
        retr[uid] = retr_by_seg[key]
    return keep, retr


def ted(tsv: Path, part: str) -> dict:
    gold, retr = ted_units(tsv, part)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / f"ted-{part}.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for uid, u in gold.items():
                fh.write(json.dumps({"id": uid, "source": u.meta["source"], "target": u.target,
                                     "retranslation": retr[uid]}, ensure_ascii=False) + "\n")
        t0 = time.perf_counter()
        report = run_check([str(jsonl)])
        seconds = time.perf_counter() - t0
    pred = predictions_from_reports([report])
    ids = [i for i in pred if i in gold]
    result = evaluate(pred, gold, {"chrF": chrf_scores(gold, retr)})
    bow = bag_of_words(gold, retr)
    result["baselines"] = {
        "nothing": figures(nothing(gold), gold, ids),
        "bag-of-words": figures(bow, gold, ids),
    }
    result["correlation"]["bag-of-words"] = correlation([-bow[i].penalty for i in ids], [-gold[i].penalty for i in ids])
    result["seconds"] = round(seconds, 1)
    # How quiet evalkit is on the human translation, beside what the rater marked in it.
    human = [i for i in ids if gold[i].meta["system"] == HUMAN_SYSTEM]
    result["human"] = {
        "translations": len(human),
        "words": sum(len(_WORD.findall(gold[i].target)) for i in human),
        "findings": sum(len(pred[i].spans) for i in human),
        "major": sum(1 for i in human for s in pred[i].spans if s.severity != "minor"),
        "gold": sum(len(gold[i].spans) for i in human),
        "gold_major": sum(1 for i in human for s in gold[i].spans if s.severity != "minor"),
    }
    result["talks"] = sorted({gold[i].meta["doc"] for i in ids})
    result["systems"] = len({gold[i].meta["system"] for i in ids})
    result["source_segments"] = len({(gold[i].meta["doc"], gold[i].meta["seg_id"]) for i in ids})
    return result


# ---------------------------------------------------------------- the report


def _row(name: str, span: dict, char: dict) -> str:
    a = span["all"]
    m = span["gold major+critical, any prediction"]
    c, s = char["plain"], char["severity"]
    return (f"| {name} | {a['precision']:.3f} | {a['recall']:.3f} | {a['f1']:.3f} | {m['recall']:.3f} | "
            f"{c['precision']:.3f} | {c['recall']:.3f} | {c['f1']:.3f} | {s['f1']:.3f} |")


def _table(result: dict) -> list[str]:
    lines = [
        "| | span P | span R | span F1 | recall of major+critical | char P | char R | char F1 | char F1, severity |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        _row("evalkit", result["span"], result["char"]),
    ]
    for name, b in result["baselines"].items():
        lines.append(_row(f"baseline: {name}", b["span"], b["char"]))
    return lines


def _corr(result: dict) -> list[str]:
    lines = ["| segment score | Pearson | Kendall tau-b | segments |", "| --- | ---: | ---: | ---: |"]
    for name, r in result["correlation"].items():
        lines.append(f"| {name} | {r['pearson']:.3f} | {r['kendall']:.3f} | {r['n']} |")
    return lines


def _categories(result: dict) -> list[str]:
    lines = ["| category | P | R | predicted | gold |", "| --- | ---: | ---: | ---: | ---: |"]
    for cat, r in result["span"]["by_category"].items():
        lines.append(f"| {cat} | {r['precision']:.3f} | {r['recall']:.3f} | {r['predicted']} | {r['gold']} |")
    return lines


def render(si: dict, clean: dict[str, dict], ted_result: dict | None, part: str, command: str,
           ceiling: str | None = None) -> str:
    sp = si["span"]
    lines = [
        "# Detection quality",
        "",
        "Regenerate this page (about half a minute on two cores) with:",
        "",
        f"    {command}",
        "",
        "How spans are matched: a predicted span is correct when it overlaps any gold span (precision);",
        "a gold span is found when any predicted span overlaps it (recall). Gold spans may overlap.",
        "Character level follows the WMT23 QE task 2: each character of each segment is an error or not,",
        "micro-averaged over all characters; the severity variant gives half credit to a character",
        "flagged with the other severity (critical counts as major). Segment correlation compares",
        "evalkit's MQM score (minus its penalty) with the human MQM score. `evalkit evaluate REPORT.json",
        "GOLD` computes all of these for any report and a gold.jsonl or MQM TSV.",
        "",
        "## corpora/si-county (offline lexicon engine, no reference)",
        "",
        f"{si['segments']} segments, {si['gold_spans']} gold spans, {si['findings']} findings, "
        f"`evalkit check` took {si['seconds']} s.",
        "",
        *_table(si),
        "",
        f"Targets: recall of major and critical gold spans ≥ 0.90 (by a finding of any severity): "
        f"**{sp['gold major+critical, any prediction']['recall']:.3f}**; span precision ≥ 0.80: "
        f"**{sp['all']['precision']:.3f}**. Findings that are themselves major or critical recall "
        f"{sp['major+critical']['recall']:.3f} of them at precision {sp['major+critical']['precision']:.3f}.",
        "",
        "By category (precision of findings of that category, recall of gold spans of that category):",
        "",
        *_categories(si),
        "",
        *_corr(si),
        "",
        "## Clean translations",
        "",
        "Target: no major finding and at most one minor finding per 100 words.",
        "",
        "| text | words | findings | per 100 words | major or critical |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, c in clean.items():
        lines.append(f"| {name} | {c['words']} | {c['findings']} | {c['per_100_words']:.2f} | {c['major_or_critical']} |")
    lines.append("")
    for name, c in clean.items():
        for check, sev, text in c["list"]:
            lines.append(f"- {name}: `{check}` ({sev}) on {text!r}")
    if ted_result is not None:
        t = ted_result
        bow = t["baselines"]["bag-of-words"]["char"]["plain"]["f1"]
        ours = t["char"]["plain"]["f1"]
        lines += [
            "",
            f"## WMT21 TED MQM, {part} part (zh→en, human annotations)",
            "",
            f"Talks {', '.join(t['talks'])}: {t['source_segments']} source segments × {t['systems']} systems = "
            f"{t['segments']} annotated translations, {t['gold_spans']} gold spans. The re-translation of every "
            f"segment is the second human translation (`{RETRANSLATION_SYSTEM}`), given in the JSONL; "
            f"`evalkit check` took {t['seconds']} s. Gold omissions are marked in the source and have no target "
            "span: they count in the human score only.",
            "",
            *_table(t),
            "",
            f"Target: character F1 at least 1.2× the bag-of-words baseline: {ours:.3f} / {bow:.3f} = "
            f"**{ours / bow if bow else float('nan'):.2f}×**.",
            "",
            *_corr(t),
            "",
            f"Target: Pearson at least 0.05 above chrF's: {t['correlation']['evalkit']['pearson']:.3f} − "
            f"{t['correlation']['chrF']['pearson']:.3f} = "
            f"**{t['correlation']['evalkit']['pearson'] - t['correlation']['chrF']['pearson']:+.3f}**.",
            "",
            *_categories(t),
        ]
        h = t["human"]
        if h["words"]:
            lines += [
                "",
                f"On the human translation (`{HUMAN_SYSTEM}`: {h['translations']} translations, {h['words']} words), "
                f"evalkit reports {h['findings']} findings ({100 * h['findings'] / h['words']:.1f} per 100 words, "
                f"{h['major']} major or critical); the rater marked {h['gold']} errors in it "
                f"({100 * h['gold'] / h['words']:.1f} per 100 words, {h['gold_major']} major or critical).",
            ]
        if ceiling:
            lines += ["", ceiling]
    lines += [
        "",
        "## How the figures come about, and what is not achieved",
        "",
        "- Every check is listed by `evalkit checks`. Artifacts no good translation has (spacing, pinyin,",
        "  run-together words, back-to-back repeats, hallucinated place names) are always reported. Weaker,",
        "  dictionary-only evidence (a word no sense supports, a compound rendered in part, a source phrase",
        "  left out, a term rendered two ways) is reported with the offline engine only in a document that",
        "  shows at least one such artifact per 100 words: to CC-CEDICT a paraphrase and a mistranslation",
        "  look alike, and the artifact rate says which is likelier. With a real re-translation (another MT",
        "  system, a human one) that evidence is always used. No rule names a word of the corpora.",
        "- si-county, serious gold spans no finding touches: "
        + ("; ".join(f"{text!r} ({sev})" for sev, text in si["missed"]) or "none") + ". Telling a wrong",
        "  reading of a compound CC-CEDICT lacks ('joint adjustment' for 联调, 'joint mediation') from a right",
        "  one is beyond a dictionary.",
        "- TED: the character-F1 target (1.2× bag-of-words) is **not met**. evalkit flags words that neither",
        "  the re-translation nor any dictionary sense of the source supports, and omissions; it favours",
        "  precision, because a reviewer must be able to trust a finding and a good translation must draw",
        "  at most one minor finding per 100 words (the clean-text target above). These annotations reward",
        "  the opposite: they are sparse and rater-specific, so character F1 favours flagging many words",
        "  (bag-of-words flags a quarter of all words; flagging every word scores not far below it). The",
        "  ceiling table above measures how far the same evidence can go: a logistic word model fitted on",
        "  the development talks stays well short of 1.2×, and an oracle that knows which translations",
        "  the rater faulted, flagging them whole, only just passes it. Closing the gap needs a learned",
        "  quality-estimation model over the re-translation model's own token probabilities (the hf and",
        "  ct2 engines' `score()`), which needs a real MT model, not available offline here. For the same",
        "  reason the number of bag-of-words flags correlates with the human scores better than evalkit's",
        "  penalty does (see the table), though evalkit's beats chrF's by the margin asked for.",
        "",
        "## Data",
        "",
        "- `corpora/si-county`, `corpora/clean-news`: see their README files.",
        "- TED: `mqm_ted_zhen.tsv` of google/wmt-mqm-human-evaluation (Freitag et al., 2021), Apache License 2.0,",
        "  read from the path given with `--tsv`. Split by talk (the TSV's `doc`; its `doc_id` is a segment's",
        f"  position in its talk): held out {', '.join(HELD_OUT)}; development talks 2, 7 and 9. Rules were",
        "  tuned on si-county and the development talks only. One rater annotated each (segment, system)",
        "  pair here, so gold spans and human scores are that rater's.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tsv", type=Path, help="mqm_ted_zhen.tsv (google/wmt-mqm-human-evaluation)")
    parser.add_argument("--part", choices=("held-out", "dev"), default="held-out")
    parser.add_argument("--output", type=Path, default=ROOT / "reports" / "quality.md")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)

    si = si_county()
    clean = {
        "si-county reference.en.txt": clean_case(
            ["corpora/si-county/source.zh.txt", "corpora/si-county/reference.en.txt", "--engine", "lexicon"],
            ROOT / "corpora/si-county/reference.en.txt"),
        "clean-news": clean_case(["corpora/clean-news", "--engine", "lexicon"], ROOT / "corpora/clean-news/target.en.txt"),
    }
    ted_result = ted(args.tsv, args.part) if args.tsv else None
    command = "python benchmarks/quality.py" + (f" --tsv path/to/{args.tsv.name}" if args.tsv else "") + (
        f" --part {args.part}" if args.part != "held-out" else "")
    ceiling = None
    if ted_result is not None and args.part == "held-out":
        from benchmarks import ted_ceiling

        ceiling = ted_ceiling.markdown(
            ted_ceiling.run(args.tsv),
            ted_result["baselines"]["bag-of-words"]["char"]["plain"]["f1"],
            ted_result["char"]["plain"]["f1"],
        )
    text = render(si, clean, ted_result, args.part, command, ceiling)
    if args.part == "held-out":
        from benchmarks.quality_pairs import kept_section, replace_section

        args.output.parent.mkdir(parents=True, exist_ok=True)
        from benchmarks.common import kept_sections

        old = kept_section(args.output)  # the pairs section quality_pairs.py wrote stays
        page = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        text = replace_section(text, old) if old else text
        args.output.write_text(kept_sections(page, text), encoding="utf-8")  # and the marked ones of others
    else:
        sys.stdout.write(text)
    if args.json:
        args.json.write_text(json.dumps({"si-county": si, "clean": clean, "ted": ted_result}, indent=2, default=list),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
