"""Hostile inputs through the real command line: XML entities, escaping in every report, output paths.

XML is parsed without DTDs, entity expansion or external resources: XXE and entity bombs are
refused in one line (and fast), an external DTD is never fetched. Translated text is data in
every report: escaped in HTML and JUnit XML, encoded in GitHub workflow commands, stripped of
escape sequences in the terminal report. Names inside input files never become output paths.
"""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.test_robustness_inputs import assert_clean_error, run_batch, run_evalkit, snapshot

SECRET = "TOP-SECRET-7f3a"

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
{doctype}<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="zh" target-language="en" original="{original}" datatype="plaintext"><body>
    <trans-unit id="{unit}"><source>你好，世界。</source><target>{target}</target></trans-unit>
  </body></file>
</xliff>
"""
TMX = """<?xml version="1.0"?>
{doctype}<tmx version="1.4"><header srclang="zh" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"
 creationtool="t" creationtoolversion="1"/><body>
 <tu tuid="1"><tuv xml:lang="zh"><seg>你好，世界。</seg></tuv><tuv xml:lang="en"><seg>{target}</seg></tuv></tu>
</body></tmx>
"""


def xliff(doctype: str = "", target: str = "Hello, world.", original: str = "app.properties", unit: str = "u1") -> str:
    return XLIFF.format(doctype=doctype, target=target, original=original, unit=unit)


def billion_laughs(levels: int = 10) -> str:
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    ]
    return f"<!DOCTYPE xliff [{''.join(decls)}]>\n"


# id -> (file name, text with {secret} for the secret file's URI, words the message must hold)
XML_CASES = {
    "xliff-xxe-file": ("x.xlf", xliff('<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "{secret}">]>\n', "&xxe;"),
                       ("x.xlf", "entity", "not allowed")),
    "xliff-xxe-http": ("x.xlf", xliff('<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>\n', "&xxe;"),
                       ("x.xlf", "entity")),
    "xliff-parameter-entity": ("x.xlf", xliff('<!DOCTYPE xliff [<!ENTITY % p SYSTEM "{secret}"> %p;]>\n'),
                               ("x.xlf", "entity")),
    "xliff-billion-laughs": ("x.xlf", xliff(billion_laughs(), "&lol9;"), ("x.xlf", "entity", "not allowed")),
    "xliff-quadratic-blowup": ("x.xlf", xliff(f'<!DOCTYPE xliff [<!ENTITY a "{"a" * 50_000}">]>\n', "&a;" * 50_000),
                               ("x.xlf", "entity")),
    "xliff-external-dtd-entity": ("x.xlf", xliff('<!DOCTYPE xliff SYSTEM "{dtd}">\n', "&e;"),
                                  ("x.xlf", "external dtd")),
    "xliff-undefined-entity": ("x.xlf", xliff(target="&nbsp;"), ("x.xlf", "not well-formed")),
    "tmx-xxe-file": ("m.tmx", TMX.format(doctype='<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{secret}">]>\n', target="&xxe;"),
                     ("m.tmx", "entity")),
    "tmx-billion-laughs": ("m.tmx", TMX.format(doctype=billion_laughs().replace("xliff", "tmx"), target="&lol9;"),
                           ("m.tmx", "entity")),
}


def _write_secret(tmp: Path) -> dict[str, str]:
    (tmp / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp / "external.dtd").write_text(f'<!ENTITY e SYSTEM "{(tmp / "secret.txt").as_uri()}">', encoding="utf-8")
    return {"secret": (tmp / "secret.txt").as_uri(), "dtd": (tmp / "external.dtd").as_uri()}


@pytest.mark.parametrize("case", list(XML_CASES))
def test_xml_entities_and_external_resources_are_refused(case, tmp_path):
    name, text, needles = XML_CASES[case]
    uris = _write_secret(tmp_path)
    (tmp_path / name).write_text(text.replace("{secret}", uris["secret"]).replace("{dtd}", uris["dtd"]),
                                 encoding="utf-8")
    before = snapshot(tmp_path)
    started = time.monotonic()
    proc = run_evalkit("check", name, "--engine", "lexicon", "--format", "json", cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 20  # an entity bomb is refused, not expanded
    assert_clean_error(proc, *needles)
    assert SECRET not in proc.stdout + proc.stderr
    assert snapshot(tmp_path) == before


# -- runs that get through: one subprocess -------------------------------------------------------

HOSTILE = ('Hello hello <script>alert(1)</script> grass -roots "><img src=x onerror=alert(2)> ]]> & '
           "\u0000\u001b[31mred\u001b[0m\u001b]0;title\u0007 %0A\n::error file=/etc/passwd::pwned\r\n"
           "::add-mask::x ::stop-commands::tok {{ 7*7 }} | * _ ` .")

FORMATS = ("html", "junit", "sarif", "github", "markdown", "text", "json")


@pytest.fixture(scope="module")
def hostile_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    uris = _write_secret(tmp)
    rows = [
        {"id": "<b id='x'>../../../../evil</b>", "source": "你好，你好。", "target": HOSTILE},
        {"id": "../../etc/passwd", "source": "泗县是安徽省的一个县。", "target": "Si County is a typical typical county ."},
    ]
    (tmp / "hostile.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                       encoding="utf-8")
    # names inside the file that look like paths; an external DTD (never fetched); an XInclude (never followed)
    (tmp / "paths.xlf").write_text(xliff(
        doctype='<!DOCTYPE xliff SYSTEM "http://127.0.0.1:9/xliff.dtd">\n',
        target=f'Hello , world <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{uris["secret"]}" '
               'parse="text"/> .',
        original="../../../../../tmp/evil-original", unit="../../evil-unit"), encoding="utf-8")
    (tmp / "out").mkdir()
    before = snapshot(tmp)
    common = ["--engine", "lexicon", "--fail-on", "never"]
    invocations = [["check", "hostile.jsonl", *common, "--format", f, "--output", f"out/hostile.{f}"] for f in FORMATS]
    invocations += [["check", "paths.xlf", *common, "--format", f, "--output", f"out/paths.{f}"] for f in FORMATS]
    invocations.append(["check", "hostile.jsonl", *common, "--format", "text"])  # to standard output
    results = run_batch(invocations, cwd=tmp)
    after = snapshot(tmp)
    return tmp, results, before, after


def _out(tmp: Path, name: str) -> str:
    return (tmp / "out" / name).read_text(encoding="utf-8")


def test_hostile_runs_succeed_and_leave_the_inputs_alone(hostile_runs):
    tmp, results, before, after = hostile_runs
    for r in results:
        assert r.returncode == 0, r
        assert "Traceback" not in r.stderr and "error" not in r.stderr, r.stderr
    assert {k: after[k] for k in before} == before


def test_only_the_named_output_files_are_written(hostile_runs):
    tmp, _, before, after = hostile_runs
    written = sorted(set(after) - set(before))
    assert written == sorted(f"out/{stem}.{f}" for stem in ("hostile", "paths") for f in FORMATS)
    for root in (tmp, tmp.parent):
        assert not any(p.name.startswith(("evil", "passwd")) for p in root.iterdir())


def test_html_report_escapes_translated_text(hostile_runs):
    tmp, *_ = hostile_runs
    html = _out(tmp, "hostile.html")
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b id='x'>" not in html
    assert "&lt;script&gt;" in html and "onerror=alert(2)&gt;" in html


def test_junit_report_is_well_formed_xml_holding_the_text(hostile_runs):
    tmp, *_ = hostile_runs
    root = ET.fromstring(_out(tmp, "hostile.junit").encode("utf-8"))
    texts = " ".join(el.text or "" for el in root.iter()) + " ".join(v for el in root.iter() for v in el.attrib.values())
    assert "'<script>'" in texts and "onerror=alert(2)>" in texts  # escaped in the file, intact once parsed
    assert "\x00" not in texts and "\x1b" not in texts


def test_github_annotations_carry_text_only_as_encoded_data(hostile_runs):
    tmp, *_ = hostile_runs
    lines = _out(tmp, "hostile.github").splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines), lines
    assert not any(line.startswith(("::add-mask", "::stop-commands", "::error file=/etc/passwd")) for line in lines)
    assert all("\r" not in line for line in lines)


def test_terminal_report_has_no_escape_sequences_or_injected_lines(hostile_runs):
    tmp, results, *_ = hostile_runs
    for text in (_out(tmp, "hostile.text"), results[-1].stdout):
        assert "grass -roots" in text
        assert "\x1b" not in text and "\x00" not in text and "\x07" not in text
        assert not any(line.startswith("::") for line in text.splitlines())


def test_sarif_markdown_and_json_parse_and_point_at_the_input_file(hostile_runs):
    tmp, *_ = hostile_runs
    sarif = json.loads(_out(tmp, "paths.sarif"))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for run in sarif["runs"] for res in run["results"] for loc in res.get("locations", [])}
    assert uris and all(u.endswith("paths.xlf") and "evil" not in u for u in uris)
    for line in _out(tmp, "paths.github").splitlines():
        if " file=" in line:
            assert "paths.xlf" in line and "evil-original" not in line.split("::")[1]
    report = json.loads(_out(tmp, "paths.json"))
    assert report["segments"][0]["id"].endswith("evil-unit")  # kept as data, nothing more
    md = _out(tmp, "hostile.markdown")
    assert "<script>" not in md and "<img" not in md


def test_xml_external_dtd_and_xinclude_are_never_fetched(hostile_runs):
    tmp, *_ = hostile_runs
    for f in FORMATS:
        assert SECRET not in _out(tmp, f"paths.{f}")
    report = json.loads(_out(tmp, "paths.json"))
    assert "xi:include" in report["segments"][0]["target"]  # an inline tag, kept verbatim, not followed


# -- hostile file and folder names in the reports people read -------------------------------------

EVIL_NAME = "a|<img src=x onerror=alert(3)>`b`|"
# a name that would end a workflow command's file property and add its own (line, title, message)
PROPERTY_NAME = "p,line=99,title=forged::owned%0A"


@pytest.fixture(scope="module")
def hostile_name_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("names")
    folder = tmp / "in|<b onmouseover=alert(4)>"
    folder.mkdir()
    rows = [{"id": "<img src=y onerror=alert(5)>|x", "source": "泗县是安徽省的一个县。",
             "target": "Si County is a typical typical county ."}]
    for name in (EVIL_NAME, PROPERTY_NAME):
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                              encoding="utf-8")
    (tmp / "out").mkdir()
    common = ["--engine", "lexicon", "--fail-on", "minor", "--min-chrf", "99"]
    results = run_batch([["check", folder.name, *common, "--format", f, "--output", f"out/r.{f}"]
                         for f in ("markdown", "html", "github")], cwd=tmp)
    assert [r.returncode for r in results] == [1, 1, 1], results
    return tmp


def test_a_hostile_file_name_stays_text_in_the_rendered_markdown(hostile_name_runs):
    from markdown_it import MarkdownIt

    md = _out(hostile_name_runs, "r.markdown")
    assert "onerror=alert(3)" in md  # the name is there, as text
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    html = MarkdownIt("commonmark").enable("table").render(md)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    assert not kinds & {"html_inline", "html_block"}, kinds
    assert "<img" not in html and "<b " not in html and "&lt;img src=x onerror=alert(3)&gt;" in html
    for table in html.split("<table>")[1:]:  # every row of a table has as many cells as its header
        head, body = table.split("</thead>")
        cells = len(re.findall(r"<th[ >]", head))
        rows = body.split("</table>")[0].split("<tr>")[1:]
        assert rows and all(len(re.findall(r"<td[ >]", r)) == cells for r in rows), table


def test_a_hostile_file_name_and_id_stay_text_in_the_html_report(hostile_name_runs):
    from html.parser import HTMLParser

    tags: list[tuple[str, list]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, attrs))

    page = _out(hostile_name_runs, "r.html")
    Tags().feed(page)
    assert "img" not in {t for t, _ in tags}
    assert not [a for _, attrs in tags for a, _ in attrs if a.startswith("on")]
    assert "onerror=alert(3)&gt;" in page and "onerror=alert(5)&gt;" in page and "onmouseover=alert(4)&gt;" in page


def _workflow_properties(line: str) -> dict[str, str]:
    """The properties of a ``::level key=value,...::message`` line, each value decoded as GitHub does."""
    head = line[2:].split("::", 1)[0]
    fields = head.split(" ", 1)[1].split(",")
    keys = [f.split("=", 1)[0] for f in fields]
    assert len(keys) == len(set(keys)), line  # no property given twice
    decode = {"%2C": ",", "%3A": ":", "%0A": "\n", "%0D": "\r", "%25": "%"}
    return {k: re.sub("%(2C|3A|0A|0D|25)", lambda m: decode[m.group(0)], v)
            for k, v in (f.split("=", 1) for f in fields)}


def test_a_hostile_file_name_is_one_file_property_in_github_annotations(hostile_name_runs):
    lines = _out(hostile_name_runs, "r.github").splitlines()
    annotations = [line for line in lines if line.startswith(("::error ", "::warning "))]
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice")) for line in lines), lines
    files = set()
    for line in annotations:
        props = _workflow_properties(line)
        assert set(props) <= {"file", "line", "col", "endLine", "endColumn", "title"}, props
        assert props["line"].isdigit() and props["title"].startswith("evalkit "), props
        files.add(props["file"])
    folder = "in|<b onmouseover=alert(4)>"
    assert files == {f"{folder}/{EVIL_NAME}.jsonl", f"{folder}/{PROPERTY_NAME}.jsonl"}
