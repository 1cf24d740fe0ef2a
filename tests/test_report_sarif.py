"""SARIF 2.1.0: valid against the official schema, rules from the registry, exact regions, stable fingerprints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from evalkit.report.sarif import sarif_dict
from tests.helpers import run_cli
from tests.test_report_contract import DATA, ReporterContract, gate_report, hostile_report

SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"


def validate(log: dict) -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # every format jsonschema knows, uri-reference (artifactLocation.uri) among them: rfc3986-validator
    # checks it, so a file name that is not a valid URI reference fails here
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    assert "uri-reference" in validator.format_checker.checkers
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


class TestSarifReporter(ReporterContract):
    name = "sarif"

    def check_output(self, text, reports):
        log = json.loads(text)
        validate(log)
        run = log["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        assert len(run["results"]) == sum(len(r.findings) for r in reports)
        for result in run["results"]:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            region = result["locations"][0]["physicalLocation"]["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
            assert result["partialFingerprints"]["evalkit/v1"]
            assert result["level"] in ("error", "warning", "note")


def test_schema_file_is_the_oasis_one():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_schema_rejects_what_it_should():
    log = sarif_dict([hostile_report()])
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(AssertionError, match="startLine"):
        validate(log)


def test_rules_carry_metadata_and_levels_follow_severity():
    run = sarif_dict([hostile_report()])["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["placeholder"]["shortDescription"]["text"].startswith("Placeholders")
    assert rules["placeholder"]["properties"]["category"] == "accuracy/mistranslation"
    levels = {r["properties"]["severity"]: r["level"] for r in run["results"]}
    assert levels == {"critical": "error", "major": "error", "minor": "warning"}
    merged = next(r for r in run["results"] if r["properties"]["severity"] == "minor")
    assert merged["ruleId"] == "spaced-hyphen" and merged["properties"]["checks"] == ["spaced-hyphen", "repeated-word"]


def test_document_regions_use_offsets_of_the_target_file():
    report = hostile_report()
    run = sarif_dict([report])["runs"][0]
    text = report.document.target_text
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        start, length = region["charOffset"], region["charLength"]
        line = text.splitlines()[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:].startswith(text[start:start + length])


def _results(proc) -> list[tuple[str, int, int, int, int]]:
    assert proc.returncode in (0, 1), proc.stderr
    log = json.loads(proc.stdout)
    validate(log)
    out = []
    for r in log["runs"][0]["results"]:
        reg = r["locations"][0]["physicalLocation"]["region"]
        out.append((r["ruleId"], reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]))
    return sorted(out, key=lambda x: x[1])


def test_cli_acceptance_three_results_with_lines_and_columns(tmp_path):
    for name in ("gate.xlf", "gate.retranslation.txt"):
        shutil.copy(DATA / name, tmp_path / name)
    proc = run_cli("check", "gate.xlf", "--retranslation", "gate.retranslation.txt", "--format", "sarif",
                   "--fail-on", "minor", cwd=tmp_path)
    assert proc.returncode == 1
    results = _results(proc)
    assert results == [  # exactly one result per error: a check that reports one error twice fails here
        ("number-mismatch", 11, 30, 11, 32),  # "52" for 25
        ("spaced-hyphen", 15, 25, 15, 37),  # "grass -roots"
        ("placeholder", 19, 37, 19, 37),  # {name} dropped: the end of the target
    ]
    lines = (tmp_path / "gate.xlf").read_text(encoding="utf-8").splitlines()
    assert lines[10][29:31] == "52"
    assert lines[14][24:36] == "grass -roots"
    assert lines[18][:36].endswith("Hello! Welcome back.")
    uri = json.loads(proc.stdout)["runs"][0]["artifacts"][0]["location"]["uri"]
    assert uri == "gate.xlf"

    # the same units, translated correctly: no results, exit 0
    fixed = (tmp_path / "gate.xlf").read_text(encoding="utf-8")
    fixed = fixed.replace("52 yuan", "25 yuan").replace("grass -roots", "grassroots").replace(
        "Hello! Welcome back.", "Hello, {name}! Welcome back.")
    (tmp_path / "fixed.xlf").write_text(fixed, encoding="utf-8")
    proc = run_cli("check", "fixed.xlf", "--retranslation", "gate.retranslation.txt", "--format", "sarif",
                   "--fail-on", "minor", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert _results(proc) == []


def test_fingerprints_survive_edits_elsewhere_in_the_file(tmp_path):
    from evalkit.checks.base import select_checks
    from evalkit.formats.xliff import XliffFormat
    from evalkit.pipeline import check_document

    reports, settings = gate_report()
    text = (DATA / "gate.xlf").read_text(encoding="utf-8").replace(
        "<body>", '<body>\n      <trans-unit id="new"><source>新的</source><target>New</target></trans-unit>\n')
    p = tmp_path / "gate.xlf"
    p.write_text(text, encoding="utf-8")
    doc = XliffFormat().read(p, src_lang="zh", tgt_lang="en")
    for seg in doc.segments:
        seg.retranslation = seg.target
    doc.path = reports[0].document.path = "gate.xlf"  # one file, before and after the edit
    reports2 = [check_document(doc, settings, None, warn=lambda m: None, checks=select_checks(
        only=["number-mismatch", "spaced-hyphen", "placeholder"]))]
    before = {r["ruleId"]: r["partialFingerprints"] for r in sarif_dict(reports)["runs"][0]["results"]}
    after = {r["ruleId"]: r["partialFingerprints"] for r in sarif_dict(reports2)["runs"][0]["results"]}
    assert before == after
    assert len({fp["evalkit/v1"] for fp in before.values()}) == 3


ODD_NAMES = ["zh CN/消息.jsonl", "we,ird:name%.jsonl", "#hash?q[1].jsonl"]
ODD_LINE = '{"id": "1", "source": "价格是100元。", "target": "The price is 200 yuan."}\n'


def test_odd_file_names_give_uri_references_that_resolve_to_the_file(tmp_path):
    from urllib.parse import unquote, urlsplit

    for name in ODD_NAMES:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(ODD_LINE, encoding="utf-8")
    proc = run_cli("check", *ODD_NAMES, "--engine", "lexicon", "--format", "sarif", "--fail-on", "never",
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    log = json.loads(proc.stdout)
    validate(log)
    run = log["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    for uri, name in zip(uris, ODD_NAMES):
        parts = urlsplit(uri)
        # a relative reference (no scheme: 'we,ird:name%' must not read as scheme 'we,ird'), whose
        # path is the whole name: '#' and '?' do not start a fragment or a query
        assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", "")
        assert unquote(parts.path) == name
    assert uris[0] == "zh%20CN/%E6%B6%88%E6%81%AF.jsonl"
    assert run["results"], "the wrong number is found in each file"
    located = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert located == set(uris)


def test_a_file_outside_the_working_folder_is_a_file_uri(tmp_path):
    from urllib.parse import unquote, urlsplit

    (tmp_path / "out side").mkdir()
    target = tmp_path / "out side" / "a%b.jsonl"
    target.write_text(ODD_LINE, encoding="utf-8")
    (tmp_path / "work").mkdir()
    proc = run_cli("check", str(target), "--engine", "lexicon", "--format", "sarif", "--fail-on", "never",
                   cwd=tmp_path / "work")
    assert proc.returncode == 0, proc.stderr
    log = json.loads(proc.stdout)
    validate(log)
    parts = urlsplit(log["runs"][0]["artifacts"][0]["location"]["uri"])
    assert parts.scheme == "file" and unquote(parts.path) == str(target.resolve())


def test_driver_names_where_to_learn_about_the_tool():
    driver = sarif_dict([hostile_report()])["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    assert driver["informationUri"].rstrip("/").endswith("evalkit-l10n")


def test_a_rule_name_is_never_its_id_in_another_case():
    rules = sarif_dict([hostile_report()])["runs"][0]["tool"]["driver"]["rules"]
    assert any("name" not in r for r in rules)  # 'placeholder' would be 'Placeholder'
    assert all(r["name"].lower() != r["id"].lower() for r in rules if "name" in r)
