"""corpora/ui-en-de: every seeded error is found, and the correct German is left alone."""

from __future__ import annotations

import json

from tests.helpers import ROOT, run_cli

CORPUS = ROOT / "corpora" / "ui-en-de" / "strings.jsonl"
# The errors seeded into the corpus (its README lists them), by string id.
SEEDED = {
    "files.deleted": "accuracy/number",
    "trash.empty": "accuracy/number",
    "error.open": "accuracy/untranslated",
    "greeting": "accuracy/omission",
    "settings.title": "fluency/punctuation",
    "sync.status": "fluency/repetition",
    "help.link": "fluency/punctuation",
}


def test_every_seeded_error_is_found_and_nothing_else(tmp_path):
    proc = run_cli("check", str(CORPUS), "--src-lang", "en", "--tgt-lang", "de", "--format", "json", cwd=tmp_path,
                   env={"HF_HOME": str(tmp_path / "hf")})
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    found = {f["segment"]: f["category"] for f in report["findings"]}
    assert found == SEEDED
    assert len(report["findings"]) == len(SEEDED)
    assert report["scores"]["bleu"] is None and report["engine"]["name"] == "none"
