"""Baselines and suppressions: stable fingerprints, only new findings fail, accepted findings stay quiet."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from evalkit.baseline import (Baseline, Fingerprinter, apply_baseline, baseline_dict, inline_checks, load_baseline,
                              load_suppressions, normalise, suppress)
from evalkit.errors import ConfigError, InputError
from evalkit.model import Document, Finding, Report, Segment
from evalkit.report.json import report_dict
from tests.helpers import assert_config_error
from tests.test_report_contract import DATA, gate_report, run_main


def test_normalise():
    assert normalise("  Grass  -Roots, ") == "grass -roots"
    assert normalise("ＡＢＣ。") == "abc"


def test_baseline_file_and_json_report_give_the_same_fingerprints(tmp_path):
    reports, _ = gate_report()
    data = baseline_dict(reports)
    assert len(data["findings"]) == 3 and all(len(f["fingerprint"]) == 20 for f in data["findings"])
    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "r.json").write_text(json.dumps(report_dict(reports[0])), encoding="utf-8")
    assert load_baseline(str(tmp_path / "b.json")).counts == load_baseline(str(tmp_path / "r.json")).counts


def test_each_baselined_fingerprint_accepts_as_many_findings_as_it_had():
    reports, _ = gate_report()
    fp = Fingerprinter(reports[0].document)
    first = reports[0].findings[0]
    reports[0].findings.append(first)  # the same error twice now
    dropped = apply_baseline(reports, Baseline("b", Counter(fp(f) for f in reports[0].findings[:3])))
    assert dropped == 3
    assert reports[0].findings == [first]
    assert any("known finding" in n for n in reports[0].notes)


def _doc_report(target_text: str, sentence: str) -> Report:
    start = target_text.index(sentence)
    seg = Segment(id=str(target_text[:start].count("\n") + 1), source="基层干部。", target=sentence, target_start=start)
    doc = Document(name="t.txt", segments=[seg], kind="document", target_text=target_text, path="t.txt")
    s = target_text.index("grass -roots")
    f = Finding(s, s + 12, "grass -roots", "fluency/punctuation", "minor", "spaced-hyphen", "m", seg.id)
    return Report(document=doc, findings=[f], scores={}, engine={})


def test_document_fingerprints_ignore_segment_numbers_and_offsets():
    a = _doc_report("Intro.\nThe grass -roots came.", "The grass -roots came.")
    b = _doc_report("New first line.\nIntro.\nThe grass -roots came.", "The grass -roots came.")
    assert a.findings[0].segment != b.findings[0].segment
    assert Fingerprinter(a.document)(a.findings[0]) == Fingerprinter(b.document)(b.findings[0])


def test_unreadable_baseline_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="evalkit baseline"):
        load_baseline(str(tmp_path / "none.json"))
    (tmp_path / "x.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError):
        load_baseline(str(tmp_path / "x.json"))


def test_cli_baseline_same_run_passes_and_a_new_error_fails(tmp_path):
    for name in ("gate.xlf", "gate.retranslation.txt"):
        shutil.copy(DATA / name, tmp_path / name)
    args = ["gate.xlf", "--retranslation", "gate.retranslation.txt", "--fail-on", "minor", "--quiet"]
    proc = run_main("baseline", *args, "--output", "base.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))["findings"]) >= 3
    proc = run_main("check", *args, "--format", "json", "--output", "report.json", cwd=tmp_path)
    assert proc.returncode == 1

    for baseline in ("base.json", "report.json"):  # a baseline file, or the JSON report of the run
        proc = run_main("check", *args, "--baseline", baseline, cwd=tmp_path)
        assert proc.returncode == 0, (baseline, proc.stdout, proc.stderr)

    # one new error: the placeholder of an unrelated unit dropped; a unit inserted above shifts every line
    text = (tmp_path / "gate.xlf").read_text(encoding="utf-8")
    text = text.replace("Saved %d changes.", "Saved changes.").replace(
        "<body>", '<body>\n      <trans-unit id="intro"><source>介绍</source><target>Introduction</target></trans-unit>')
    (tmp_path / "gate.xlf").write_text(text, encoding="utf-8")
    (tmp_path / "gate.retranslation.txt").write_text(
        "Introduction\n" + (DATA / "gate.retranslation.txt").read_text(encoding="utf-8"), encoding="utf-8")
    proc = run_main("check", *args, "--baseline", "base.json", "--format", "sarif", cwd=tmp_path)
    assert proc.returncode == 1
    results = json.loads(proc.stdout)["runs"][0]["results"]
    assert {r["properties"]["segment"] for r in results} == {"save"}  # only the new error is reported
    assert "placeholder" in {r["ruleId"] for r in results}


def test_suppression_rules(tmp_path):
    reports, _ = gate_report()
    fp = Fingerprinter(reports[0].document)
    number = next(f for f in reports[0].findings if f.check == "number-mismatch")
    p = tmp_path / "s.toml"
    p.write_text(
        '[[suppress]]\ncheck = "spaced-hyphen"\nfile = "*.xlf"\nreason = "house style"\n\n'
        f'[[suppress]]\nfingerprint = "{fp(number)}"\n',
        encoding="utf-8")
    assert suppress(reports[0], load_suppressions(str(p))) == 2
    assert [f.check for f in reports[0].findings] == ["placeholder"]
    j = tmp_path / "s.json"
    j.write_text(json.dumps([{"segment": "hello", "text": "{name}", "check": "placeholder"}]), encoding="utf-8")
    assert suppress(reports[0], load_suppressions(str(j))) == 1


@pytest.mark.parametrize("body, error", [
    ('[[suppress]]\ncheck = "no-such-check"\n', "unknown check"),
    ('[[suppress]]\nchek = "placeholder"\n', "unknown key"),
    ('[[suppress]]\nreason = "all"\n', "matches everything"),
    ("suppress = 3\n", "list"),
])
def test_bad_suppression_files_are_config_errors(tmp_path, body, error):
    assert_config_error(load_suppressions, tmp_path / "s.toml", body, error)


def test_inline_markers():
    assert inline_checks(["evalkit-ignore"], "x") == {"*"}
    assert inline_checks(["Reviewed. evalkit-ignore: placeholder, spaced-hyphen"], "x") == {"placeholder", "spaced-hyphen"}
    assert inline_checks(["just a note"], "x") is None
    with pytest.raises(ConfigError, match="unknown check"):
        inline_checks(["evalkit-ignore: nonsense"], "x")


def test_inline_marker_in_an_xliff_note_and_a_markdown_comment(tmp_path):
    reports, _ = gate_report()
    reports[0].document.segment("hello").meta["notes"] = ["evalkit-ignore: placeholder"]
    reports[0].document.segment("price").meta["notes"] = ["evalkit-ignore: spaced-hyphen"]  # another check
    assert suppress(reports[0], []) == 1
    assert {f.segment for f in reports[0].findings} == {"price", "cadres"}

    text = "Intro.\n<!-- evalkit-ignore: spaced-hyphen -->\nThe grass -roots came."
    report = _doc_report(text, "The grass -roots came.")
    assert suppress(report, []) == 1


def test_cli_suppressions_file_inline_po_comment_and_unknown_check(tmp_path):
    po = tmp_path / "app.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '# evalkit-ignore: placeholder\nmsgid "你好，{name}！"\nmsgstr "Hello!"\n\n'
        'msgid "再见，{name}！"\nmsgstr "Bye!"\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text("Hello, {name}!\nBye, {name}!\n", encoding="utf-8")
    args = ["check", "app.po", "--retranslation", "r.txt", "--format", "json", "--quiet"]
    proc = run_main(*args, cwd=tmp_path)
    assert proc.returncode == 1
    assert [f["segment"] for f in json.loads(proc.stdout)["findings"]] == ["再见，{name}！"]
    (tmp_path / ".evalkit-ignore.toml").write_text('[[suppress]]\nsegment = "再见，{name}！"\n', encoding="utf-8")
    proc = run_main(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (tmp_path / "bad.toml").write_text('[[suppress]]\ncheck = "nope"\n', encoding="utf-8")
    proc = run_main(*args, "--suppressions", "bad.toml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "unknown check 'nope'" in proc.stderr and "Traceback" not in proc.stderr
