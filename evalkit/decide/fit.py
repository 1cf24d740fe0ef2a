"""Refit the shipped error model from annotated data: ``python -m evalkit.decide.fit --data DIR``.

DIR holds the WMT error-span TSV files (evalkit.decide.data.ZH_EN_FILES). Only the fitting part is
read (documents whose ``doc_id`` hash is not held out). Every row is checked twice, as evalkit
checks a user's file: reference-free (the offline lexicon engine re-translates) and, where another
strong system translated the segment, with that translation as the re-translation. Rows are
grouped into documents of one system, so the document-level evidence is what a user's file shows.

Two LightGBM boosters are fitted on one row per target word: P(inside an annotated error) and
P(inside a major one). The thresholds are chosen on document-grouped cross-validation of the
fitting part: a word is major only where, out of fold, most words with its P(major) are in a
major error (major_threshold); the error threshold maximises the severity-aware character F1 of
the whole decision (evalkit's own findings and the model's, as ``evalkit check --error-model``
reports them). The fit is deterministic: the same
data gives the same artifact, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from evalkit.decide import data
from evalkit.decide.features import FEATURES, segment_rows
from evalkit.decide.model import MODEL_VERSION, artifact_name
from evalkit.evaluate import Span, Unit, char_scores
from evalkit.model import Document, Finding, Segment

# LightGBM settings: small trees, deterministic single-threaded training.
PARAMS = {
    "objective": "binary", "learning_rate": 0.05, "num_leaves": 15, "min_data_in_leaf": 200,
    "feature_fraction": 0.9, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "seed": 7, "deterministic": True, "force_col_wise": True, "num_threads": 1, "verbose": -1,
}  # fmt: skip
ROUNDS = 100
FOLDS = 4
MODELS_DIR = Path(__file__).resolve().parent / "models"


@dataclass
class Table:
    """Feature rows of every target word, with what the decision needs to score them."""

    rows: list[list[float]] = field(default_factory=list)
    error: list[int] = field(default_factory=list)
    major: list[int] = field(default_factory=list)
    doc: list[str] = field(default_factory=list)
    # per segment: (unit id, its target words, its checks' findings, first row index)
    segments: list[tuple[str, list, list[Finding], int, str]] = field(default_factory=list)


def documents(units: dict[str, Unit], retr: dict[str, str] | None) -> list[Document]:
    """The rows as documents, one per (file, system), segments in document order (only the rows
    with a re-translation when ``retr`` is given)."""
    if retr is not None:
        units = {i: u for i, u in units.items() if i in retr}
    return [Document(f"{name}:{system}", [Segment(i, units[i].meta["source"], units[i].target,
                                                  retranslation=retr[i] if retr else None) for i in ids],
                     src_lang="zh", tgt_lang="en")
            for (name, system), ids in data.by_system(units).items()]  # fmt: skip


def _inside(w, spans: Iterable[Span], severities: tuple[str, ...]) -> int:
    return int(any(s.start < w.end and w.start < s.end for s in spans if s.severity in severities))


def collect(units: dict[str, Unit], retr: dict[str, str] | None, table: Table | None = None) -> Table:
    """Run the checks over the rows, as a window of `evalkit check` runs them, and add a feature row
    per target word (labelled from the gold spans) to ``table``."""
    from evalkit.checks.base import CheckContext, for_pair, run_checks, select_checks, strong_ids
    from evalkit.config import Settings
    from evalkit.pipeline import check_settings, make_engine, retranslate, windows
    from evalkit.resources import Resources

    table = table or Table()
    docs = documents(units, retr)
    settings = Settings(engine="lexicon", cache=False)
    engine = make_engine(settings, docs, warn=lambda m: None)
    checks, _ = for_pair(select_checks(), "zh", "en")
    strong = strong_ids()
    resources = Resources()
    for doc in docs:
        for window in windows(doc):
            retranslate(window, engine, settings, lambda m: None, None)
            ctx = CheckContext(document=window, resources=resources, settings={**check_settings(window), "error_model": True})
            found = list(run_checks(checks, ctx))
            by_seg: dict[str, list[Finding]] = {}
            for f in found:
                by_seg.setdefault(f.segment, []).append(f)
            for seg in window.segments:
                if not seg.target or not seg.source:
                    continue
                a, rows = segment_rows(seg, ctx, by_seg.get(seg.id, []), strong)
                gold = units[seg.id].spans
                table.segments.append((seg.id, a.target_words, by_seg.get(seg.id, []), len(table.rows), units[seg.id].meta["doc_id"]))
                for w, row in zip(a.target_words, rows):
                    table.rows.append(row)
                    table.error.append(_inside(w, gold, ("minor", "major", "critical")))
                    table.major.append(_inside(w, gold, ("major", "critical")))
                    table.doc.append(units[seg.id].meta["doc_id"])
            resources.memo.clear()
    return table


def _train(x, y):
    import lightgbm

    return lightgbm.train(PARAMS, lightgbm.Dataset(x, label=y, free_raw_data=False), num_boost_round=ROUNDS)


def cross_validated(table: Table):
    """Out-of-fold P(error) and P(major) of every row, folds by document."""
    import numpy as np

    x = np.asarray(table.rows, dtype=float)
    err, maj = np.asarray(table.error), np.asarray(table.major)
    fold = np.array([int(hashlib.sha1(d.encode()).hexdigest()[:8], 16) % FOLDS for d in table.doc])
    p_err, p_maj = np.zeros(len(x)), np.zeros(len(x))
    for k in range(FOLDS):
        out = fold == k
        p_err[out] = _train(x[~out], err[~out]).predict(x[out], num_threads=1)
        p_maj[out] = _train(x[~out], maj[~out]).predict(x[out], num_threads=1)
    return p_err, p_maj


def decided_units(table: Table, targets: dict[str, str], p_err, p_maj, th) -> dict[str, Unit]:
    """What ``evalkit check`` would report under thresholds ``th``, as evaluation units."""
    from evalkit.decide.apply import decide_segment
    from evalkit.evaluate import evalkit_weight

    def write_up(seg, words, ps, severity):
        return Finding(words[0].start, words[-1].end, "", "accuracy/mistranslation", severity, "error-model", "", seg.id)

    out = {}
    for uid, words, found, first, _ in table.segments:
        n = len(words)
        seg = Segment(uid, "", targets[uid])
        kept = decide_segment(seg, words, found, p_err[first : first + n], p_maj[first : first + n], th, write_up)
        spans = [Span(f.start, f.end, f.severity, f.category, evalkit_weight(f.severity, f.category))
                 for f in kept if f.end > f.start]
        out[uid] = Unit(uid, targets[uid], spans, sum(s.weight for s in spans))
    return out


MAJOR_PRECISION = 0.5  # a word is major when, out of fold, most words at its P(major) are in a major error
MAJOR_GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
ERROR_GRID = (0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.25, 0.3, 0.4, 0.5)


def major_threshold(p_maj, major) -> float:
    """The lowest P(major) at which, out of fold, at least MAJOR_PRECISION of the words at or above
    it lie inside a major gold error: a model finding fails a `--fail-on major` gate only when that
    is more likely than not. 1.0 (nothing is major) when no threshold of the grid gets there."""
    import numpy as np

    p, y = np.asarray(p_maj), np.asarray(major)
    for t in MAJOR_GRID:
        above = p >= t
        if above.sum() >= 100 and y[above].mean() >= MAJOR_PRECISION:
            return t
    return 1.0


def choose_thresholds(table: Table, gold: dict[str, Unit], p_err, p_maj):
    """The major threshold by precision (major_threshold), then the error threshold with the best
    severity-aware character F1 of the out-of-fold decision (evalkit's own findings and the model's,
    as ``evalkit check --error-model`` reports them)."""
    from evalkit.decide.model import Thresholds

    targets = {uid: gold[uid].target for uid, *_ in table.segments}
    ids = list(targets)
    major = major_threshold(p_maj, table.major)
    best = None
    for error in ERROR_GRID:
        th = Thresholds(error=error, major=major, keep=error)
        f1 = char_scores(decided_units(table, targets, p_err, p_maj, th), {i: gold[i] for i in ids}, ids)["severity"]["f1"]
        if best is None or f1 > best[0]:
            best = (f1, th)
    return best


def fit(data_dir: Path) -> dict:
    """The artifact's content, fitted on the fitting part of ``data_dir``."""
    import numpy as np

    gold = data.load(data_dir, "fit")
    if not gold:
        raise SystemExit(f"no fitting data under {data_dir} (expected {', '.join(data.ZH_EN_FILES)})")
    table = collect(gold, None)
    table = collect(gold, data.retranslations(gold), table)
    # a unit checked twice (with and without a re-translation) is scored twice: ids must differ
    p_err, p_maj = cross_validated(table)
    cv_table = _distinct(table)
    gold2 = {uid: gold[uid.split("#", 1)[0]] for uid, *_ in cv_table.segments}
    f1, th = choose_thresholds(cv_table, gold2, p_err, p_maj)
    x = np.asarray(table.rows, dtype=float)
    return {
        "version": MODEL_VERSION, "pair": "zh-en", "features": list(FEATURES),
        "thresholds": {"error": th.error, "major": th.major, "keep": th.keep},
        "fitted_on": {"files": [n for n in data.ZH_EN_FILES if (data_dir / n).exists()], "part": "fit",
                      "translations": len({uid for uid, *_ in table.segments}), "words": len(table.rows),
                      "cross_validated_char_f1_severity": round(f1, 4), "folds": FOLDS},
        "params": PARAMS, "rounds": ROUNDS,
        "error": _train(x, np.asarray(table.error)).model_to_string(),
        "major": _train(x, np.asarray(table.major)).model_to_string(),
    }  # fmt: skip


def _distinct(table: Table) -> Table:
    """The table with the second reading of each unit given its own id (``id#2``)."""
    seen: set[str] = set()
    segs = []
    for uid, words, found, first, doc in table.segments:
        key = uid if uid not in seen else f"{uid}#2"
        seen.add(uid)
        segs.append((key, words, found, first, doc))
    return Table(table.rows, table.error, table.major, table.doc, segs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evalkit.decide.fit", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the directory of the error-span TSV files")
    ap.add_argument("--output", type=Path, default=MODELS_DIR / artifact_name("zh", "en"), help="where to write the artifact")
    args = ap.parse_args(argv)
    artifact = fit(args.data)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(artifact, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: thresholds {artifact['thresholds']}, cross-validated char F1 (severity) "
          f"{artifact['fitted_on']['cross_validated_char_f1_severity']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
