"""The check registry and runner."""

from __future__ import annotations

import dataclasses

from evalkit.checks.base import CheckContext, all_checks, run_checks, segment_findings
from evalkit.checks.support import document_noise
from evalkit.model import Document, Segment
from evalkit.resources import Resources


def _doc() -> Document:
    return Document(name="d", kind="segments", segments=[
        Segment("1", "基层组织。", "The grass -roots organisations ."),
        Segment("2", "我们去公园。", "We went to the park."),
    ])


def test_strong_checks_are_registered_as_such():
    checks = all_checks()
    assert checks["spaced-hyphen"].strong and checks["pinyin"].strong
    assert not checks["omission"].strong


def test_a_document_s_artifact_rate_and_the_run_share_one_computation_of_each_finding():
    calls: list[str] = []
    real = all_checks()["spaced-hyphen"]

    def counted(spec, seg, ctx):
        calls.append(seg.id)
        return real.func(spec, seg, ctx)

    spec = dataclasses.replace(real, func=counted)
    doc = _doc()
    ctx = CheckContext(document=doc, resources=Resources())
    first = segment_findings(spec, doc.segments[0], ctx)
    found = list(run_checks([spec], ctx))
    assert calls == ["1", "2"]  # segment 1 computed once, reused by the run
    assert [f.text for f in found] == [f.text for f in first] == ["grass -roots"]


def test_artifact_rate_counts_strong_findings_per_100_words():
    doc = _doc()
    ctx = CheckContext(document=doc, resources=Resources())
    rate = document_noise(ctx)
    # 'grass -roots' and ' .' are two strong artifacts in 9 words
    assert round(rate, 1) == round(100 * 2 / 9, 1)


def test_the_checks_table_keeps_its_columns_aligned_for_any_id(monkeypatch):
    from evalkit.checks import base

    real = all_checks()["spaced-hyphen"]
    long_one = dataclasses.replace(real, id="a-check-with-a-much-longer-id-than-the-others")
    monkeypatch.setitem(base.REGISTRY, long_one.id, long_one)
    lines = dict(zip(all_checks(), base.check_table()))
    for spec in all_checks().values():
        line = lines[spec.id]
        assert line.startswith(spec.id + " ")
    # each column starts at one offset on every line: after the longest entry of the one before
    for field in ("severity", "category", "languages", "title"):
        starts = {lines[s.id].index(getattr(s, field), len(s.id)) for s in all_checks().values()
                  if field != "title" or s.title}
        assert len(starts) == 1, field
    assert lines[long_one.id].index(long_one.severity, len(long_one.id)) == len(long_one.id) + 1
