"""benchmarks/quality_pairs.py: the held-out split by document, the TSV reader, and its section of quality.md."""

from __future__ import annotations

from benchmarks.quality_pairs import (
    PAIRS_BEGIN,
    PAIRS_END,
    held_out,
    kept_section,
    other_system,
    read_rows,
    replace_section,
)


def test_rows_spans_and_the_re_translation_of_another_system(tmp_path):
    tsv = tmp_path / "x.tsv"
    tsv.write_text(
        "hyp.A\tdoc1\t1\tr1\tThree files\tDrei Datein\t5 0\t11 4\tminor major\n"
        "hyp.B\tdoc1\t1\tr2\tThree files\tDrei Dateien\t-1\t-1\tno-error\n", encoding="utf-8")
    rows = read_rows(tsv)
    assert [(s.start, s.end, s.severity) for s in rows[0]["spans"]] == [(5, 11, "minor"), (0, 4, "major")]
    assert rows[1]["spans"] == []
    other_system(rows)
    assert rows[0]["retranslation"] == "Drei Dateien" and rows[1]["retranslation"] == "Drei Datein"


def test_the_split_is_by_document_and_fixed():
    docs = [f"doc{i}" for i in range(200)]
    kept = [d for d in docs if held_out(d)]
    assert 20 <= len(kept) <= 60 and kept == [d for d in docs if held_out(d)]


def test_its_section_is_replaced_in_place_and_kept_across_regeneration(tmp_path):
    page = "# Q\n\n## TED\n\nx\n\n## Data\n\n- d\n"
    section = f"{PAIRS_BEGIN}\n## Pairs\n\nfigures\n{PAIRS_END}"
    once = replace_section(page, section)
    assert once.index("## TED") < once.index("## Pairs") < once.index("## Data")
    again = replace_section(once, section.replace("figures", "new figures"))
    assert again.count(PAIRS_BEGIN) == 1 and "new figures" in again and "\nfigures" not in again
    path = tmp_path / "quality.md"
    path.write_text(again, encoding="utf-8")
    assert kept_section(path) == section.replace("figures", "new figures")
    assert kept_section(tmp_path / "missing.md") is None
