"""Engines per language pair: the model auto picks, the lexicon only where it has a dictionary,
and no scores against text in the wrong language."""

from __future__ import annotations

import json

from evalkit.engines.lexicon import LexiconEngine
from evalkit.engines.pairs import M2M100_MODEL, NLLB_MODEL, candidate_models, nllb_code, opus_mt_model
from tests.helpers import run_cli

ROWS = [{"id": "1", "source": "3 files were deleted.", "target": "5 Dateien wurden gelöscht."},
        {"id": "2", "source": "Save the changes?", "target": "Änderungen speichern?"}]


def write_rows(path, rows=ROWS):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_pair_model_where_opus_mt_has_one_else_a_multilingual_model():
    assert candidate_models("en", "de") == ["Helsinki-NLP/opus-mt-en-de"]
    assert candidate_models("zh-CN", "en-US") == ["Helsinki-NLP/opus-mt-zh-en"]
    assert opus_mt_model("de", "ja") is None
    assert candidate_models("de", "ja") == [NLLB_MODEL, M2M100_MODEL]
    assert candidate_models("xx", "de") == [M2M100_MODEL]  # NLLB has no code for it
    assert nllb_code("he") == "heb_Hebr" and nllb_code("zh-TW") == "zho_Hant" and nllb_code("zh-CN") == "zho_Hans"


def test_the_lexicon_engine_serves_only_the_pair_it_has_a_dictionary_for():
    assert LexiconEngine.serves("zh-CN", "en") and not LexiconEngine.serves("en", "de")
    assert not LexiconEngine.serves("en", "zh")  # it glosses Chinese words; it cannot write Chinese


def test_auto_without_a_model_or_lexicon_gives_no_scores_and_says_why(tmp_path):
    data = write_rows(tmp_path / "de.jsonl")
    proc = run_cli("check", str(data), "--src-lang", "en", "--tgt-lang", "de", "--format", "json", cwd=tmp_path,
                   env={"HF_HOME": str(tmp_path / "hf")})
    assert proc.returncode == 1, proc.stderr
    assert "opus-mt-en-de" in proc.stderr and "zh" not in proc.stderr.split("warning:")[1].split(";")[0]
    report = json.loads(proc.stdout)
    assert report["engine"] == {"name": "none", "model": None} and report["signature"]["engine"] == "none"
    assert report["scores"]["bleu"] is None and report["scores"]["chrf"] is None and report["scores"]["ter"] is None
    assert "no MT model could be loaded for en→de" in report["scores_unavailable"]
    assert all(s["retranslation"] is None for s in report["segments"])
    assert [f["check"] for f in report["findings"]] == ["number-mismatch"]
    text = run_cli("check", str(data), "--src-lang", "en", "--tgt-lang", "de", cwd=tmp_path,
                   env={"HF_HOME": str(tmp_path / "hf")})
    assert "engine: none" in text.stdout and "BLEU, chrF++ and TER not available" in text.stdout
    assert "BLEU " not in text.stdout.split("findings")[0].split("not available")[1]


def test_a_reference_in_the_target_language_is_scored_without_a_re_translation(tmp_path):
    rows = [dict(r, reference=r["target"]) for r in ROWS]
    data = write_rows(tmp_path / "de.jsonl", rows)
    proc = run_cli("check", str(data), "--src-lang", "en", "--tgt-lang", "de", "--format", "json", cwd=tmp_path,
                   env={"HF_HOME": str(tmp_path / "hf")})
    report = json.loads(proc.stdout)
    assert report["scores"]["ref1_bleu"] == 100.0 and "scores_unavailable" not in report
    assert "bleu" not in report["scores"]  # nothing re-translated: no score against a re-translation


def test_the_lexicon_engine_for_another_pair_is_a_usage_error(tmp_path):
    data = write_rows(tmp_path / "de.jsonl")
    proc = run_cli("check", str(data), "--src-lang", "en", "--tgt-lang", "de", "--engine", "lexicon", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and "no lexicon re-translates en→de" in proc.stderr


def test_a_given_model_re_translates_any_pair(tmp_path, tiny_marian):
    data = write_rows(tmp_path / "de.jsonl")
    proc = run_cli("check", str(data), "--src-lang", "en", "--tgt-lang", "de", "--model", str(tiny_marian),
                   "--engine", "hf", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["engine"] == {"name": "hf", "model": str(tiny_marian)}
    assert isinstance(report["scores"]["bleu"], float) and "scores_unavailable" not in report
    assert all(isinstance(s["retranslation"], str) for s in report["segments"])
