"""One content, one verdict: a page checked as plain text and as a PO file of the same sentences
draws the same major findings."""

from __future__ import annotations

import shutil

from evalkit.config import Settings
from evalkit.pipeline import check_inputs
from tests.helpers import SI_COUNTY


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _verdict(report) -> list[tuple[int, str, str, str]]:
    order = {s.id: i for i, s in enumerate(report.document.segments)}
    return sorted((order[f.segment], f.text, f.check, f.severity) for f in report.findings
                  if f.severity in ("major", "critical"))


def test_a_page_as_text_and_as_po_draws_the_same_major_findings(tmp_path):
    page = tmp_path / "page"
    page.mkdir()
    for name in ("source.zh.txt", "target.en.txt"):  # the same content: no references on either side
        shutil.copy(SI_COUNTY / name, page / name)
    settings = Settings(engine="lexicon", src_lang="zh", tgt_lang="en", cache=False)
    as_text = check_inputs([str(page)], settings, warn=lambda m: None)[0]
    # the sentences evalkit aligned, written as the units of a PO file
    units = [s for s in as_text.document.segments if s.source.strip() and s.target.strip()]
    assert len(units) == len(as_text.document.segments) > 20
    po = tmp_path / "page.po"
    body = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: en\\n"', ""]
    for s in units:
        body += [f"msgctxt {_po_string(s.id)}", f"msgid {_po_string(s.source)}", f"msgstr {_po_string(s.target)}", ""]
    po.write_text("\n".join(body), encoding="utf-8")
    as_po = check_inputs([str(po)], settings, warn=lambda m: None)[0]
    assert [s.source for s in as_po.document.segments] == [s.source for s in units]
    majors = _verdict(as_text)
    assert any(text == "Essence" for _, text, _, _ in majors)  # the stray token the page ends a sentence with
    assert _verdict(as_po) == majors
