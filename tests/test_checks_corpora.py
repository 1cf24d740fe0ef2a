"""The targets of the detection work on the bundled corpora, checked end to end."""

from __future__ import annotations

import json

import pytest

from evalkit.evaluate import evaluate, predictions_from_reports, read_gold
from evalkit.mqm import word_count
from tests.helpers import CLEAN_NEWS, SI_COUNTY, run_cli


def check_json(tmp_path, *args):
    out = tmp_path / "report.json"
    proc = run_cli("check", *args, "--engine", "lexicon", "--format", "json", "--output", str(out),
                   "--fail-on", "never", "--no-cache")
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_si_county_serious_errors_are_found_precisely(tmp_path):
    report = check_json(tmp_path, str(SI_COUNTY))
    pred = predictions_from_reports([report])
    result = evaluate(pred, read_gold(SI_COUNTY / "gold.jsonl", pred))
    assert result["span"]["gold major+critical, any prediction"]["recall"] >= 0.90
    assert result["span"]["all"]["precision"] >= 0.80
    by_text = {f["text"]: f for f in report["findings"]}
    assert by_text["Shenzhen Village"]["severity"] == "critical"
    assert any(f["suggestion"] and f["suggestion"].lower().startswith("five-star") for f in report["findings"])
    for f in report["findings"]:
        assert f["text"] == (SI_COUNTY / "target.en.txt").read_text(encoding="utf-8")[f["start"]:f["end"]]


@pytest.mark.parametrize("args, target", [
    ((str(SI_COUNTY / "source.zh.txt"), str(SI_COUNTY / "reference.en.txt")), SI_COUNTY / "reference.en.txt"),
    ((str(CLEAN_NEWS),), CLEAN_NEWS / "target.en.txt"),
])
def test_good_translations_stay_nearly_silent(tmp_path, args, target):
    report = check_json(tmp_path, *args)
    words = word_count(target.read_text(encoding="utf-8"))
    assert not [f for f in report["findings"] if f["severity"] != "minor"]
    assert len(report["findings"]) <= words / 100
    assert report["segments"][0]["scores"]["mqm_score"] <= 100
