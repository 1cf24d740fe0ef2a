"""Windows and --jobs: an input checked in worker processes gives the report one process gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import evalkit.pipeline as pipeline
from evalkit.config import Settings
from evalkit.pipeline import check_inputs
from evalkit.report.json import JsonReporter
from evalkit.scoring import score_segments
from evalkit.model import Segment
from tests.helpers import write_corpus_memory



@pytest.fixture(scope="module")
def jsonl(tmp_path_factory) -> Path:
    """The bundled corpus's aligned sentences, twice over (52 segments), as a JSONL translation memory."""
    return write_corpus_memory(tmp_path_factory.mktemp("tm") / "tm.jsonl")


def _json(path: Path, jobs: int) -> tuple[str, list]:
    settings = Settings(engine="lexicon", format="json", cache=False, jobs=jobs)
    reports = check_inputs([str(path)], settings, warn=lambda m: None)
    return JsonReporter().render(reports, settings), reports


def test_jobs_give_the_same_report_byte_for_byte(jsonl, monkeypatch):
    monkeypatch.setattr(pipeline, "WINDOW_SEGMENTS", 8)  # seven windows, for two and for three workers
    one, reports = _json(jsonl, 1)
    assert len(pipeline.windows(reports[0].document)) == 7
    assert json.loads(one)["findings"]  # the corpus has errors to find
    assert _json(jsonl, 2)[0] == one
    assert _json(jsonl, 3)[0] == one


def test_corpus_scores_of_windows_are_the_scores_of_the_whole(jsonl, monkeypatch):
    monkeypatch.setattr(pipeline, "WINDOW_SEGMENTS", 8)
    _, reports = _json(jsonl, 2)
    segs = reports[0].document.segments
    whole = score_segments([Segment(s.id, s.source, s.target, retranslation=s.retranslation) for s in segs])
    for metric in ("bleu", "chrf", "ter"):
        assert reports[0].scores[metric] == whole["scores"][metric]
    # summed statistics, not an average of the windows' scores
    windows = [score_segments([Segment(s.id, s.source, s.target, retranslation=s.retranslation) for s in segs[i:i + 8]])
               for i in range(0, len(segs), 8)]
    mean_bleu = sum(w["scores"]["bleu"] for w in windows) / len(windows)
    assert abs(mean_bleu - whole["scores"]["bleu"]) > 0.01


def test_window_level_checks_see_their_window_only(jsonl, monkeypatch):
    # the same 26 sentences twice: in one window, a term rendered two ways is inconsistent across
    # the copies; in windows of 26, each copy is judged on its own and finds what one copy finds
    monkeypatch.setattr(pipeline, "WINDOW_SEGMENTS", 26)
    _, reports = _json(jsonl, 1)
    found = reports[0].findings
    first = [(f.segment[2:], f.start, f.check) for f in found if f.segment.startswith("0-")]
    second = [(f.segment[2:], f.start, f.check) for f in found if f.segment.startswith("1-")]
    assert first == second and first


def test_bad_jobs_is_a_usage_error(jsonl):
    out = subprocess.run([sys.executable, "-m", "evalkit", "check", str(jsonl), "--engine", "lexicon", "--jobs", "0"],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == ["evalkit: error: jobs = 0: give a whole number of worker processes, at least 1"]
