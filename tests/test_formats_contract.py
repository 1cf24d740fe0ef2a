"""The contract every bilingual file format keeps; each format's test module subclasses FormatContract."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evalkit.errors import InputError
from evalkit.formats.base import FORMATS, format_class, format_for
from evalkit.model import Document
from evalkit.report.locate import segment_position
from evalkit.textpos import LineIndex

DATA = Path(__file__).parent / "data" / "formats"


class FormatContract:
    """Subclasses set ``format_name``, ``sample`` (a file under tests/data/formats) and
    ``expected`` (id -> (source, target) for some of its segments)."""

    format_name: str = ""
    sample: str = ""
    expected: dict[str, tuple[str, str]] = {}
    broken: bytes = b""  # a malformed file of this format, when it has a notion of malformed

    def read(self, path: Path) -> Document:
        return format_class(self.format_name)().read(path, encoding=None, src_lang="zh", tgt_lang="en")

    @pytest.fixture
    def doc(self) -> Document:
        return self.read(DATA / self.sample)

    def test_registered_by_extension(self):
        assert self.format_name in FORMATS
        fmt = format_for(DATA / self.sample)
        assert fmt is not None and fmt.name == self.format_name

    def test_document_shape(self, doc):
        assert doc.kind == "segments"
        assert doc.format == self.format_name
        assert doc.path == str(DATA / self.sample)
        assert doc.segments
        ids = [s.id for s in doc.segments]
        assert len(ids) == len(set(ids)), "segment ids are unique"
        for seg in doc.segments:
            assert isinstance(seg.id, str) and seg.id
            assert seg.line is not None and seg.line >= 1
            assert seg.target_start == 0

    def test_expected_segments(self, doc):
        for seg_id, (source, target) in self.expected.items():
            seg = doc.segment(seg_id)
            assert (seg.source, seg.target) == (source, target)

    def test_every_target_character_is_located_in_the_file(self, doc):
        text = (DATA / self.sample).read_bytes().decode("utf-8")
        index = LineIndex(text)
        located = 0
        for seg in doc.segments:
            if not seg.target:
                continue
            for t in range(len(seg.target) + 1):
                line, col, raw = segment_position(seg, t)
                assert raw is not None
                assert index.position(raw) == (line, col), (seg.id, t)
                if t < len(seg.target):
                    ch = text[raw]
                    # a character is either copied from the file or decoded from an escape there
                    assert ch == seg.target[t] or ch in "&\\\"\r", (seg.id, t, ch, seg.target[t])
            line, col, raw = segment_position(seg, 0)
            assert seg.line == line
            located += 1
        assert located

    def test_missing_file_is_an_input_error(self, tmp_path):
        with pytest.raises(InputError, match="no such file"):
            self.read(tmp_path / ("missing" + Path(self.sample).suffix))

    def test_empty_file_is_an_input_error(self, tmp_path):
        p = tmp_path / ("empty" + Path(self.sample).suffix)
        p.write_text("", encoding="utf-8")
        with pytest.raises(InputError):
            self.read(p)

    def test_malformed_file_is_an_input_error(self, tmp_path):
        assert self.broken, "every format needs a malformed sample"
        p = tmp_path / ("broken" + Path(self.sample).suffix)
        p.write_bytes(self.broken)
        with pytest.raises(InputError):
            self.read(p)

    def test_not_utf8_without_encoding_is_an_encoding_error_and_with_it_reads(self, tmp_path):
        raw = (DATA / self.sample).read_bytes().decode("utf-8")  # GB18030 encodes every code point
        p = tmp_path / ("gb" + Path(self.sample).suffix)
        p.write_bytes(raw.encode("gb18030"))
        doc = format_class(self.format_name)().read(p, encoding="gb18030", src_lang="zh", tgt_lang="en")
        assert [s.target for s in doc.segments] == [s.target for s in self.read(DATA / self.sample).segments]


def test_every_registered_format_is_covered():
    import tests.test_formats_csv  # noqa: F401
    import tests.test_formats_po  # noqa: F401
    import tests.test_formats_tmx  # noqa: F401
    import tests.test_formats_xliff  # noqa: F401

    covered = {cls.format_name for cls in _subclasses(FormatContract)}
    bilingual = {n for n in FORMATS if getattr(format_class(n), "bilingual", True) and n != "jsonl"}
    assert bilingual <= covered


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_a_folder_checks_every_supported_file_with_per_file_and_total_summaries(tmp_path):
    for name in ("app.en.xlf", "app.en.xlf2", "app.en.po", "memory.tmx", "strings.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "README.md").write_text("# not a bilingual file\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored\n", encoding="utf-8")
    from evalkit.formats.loader import load_inputs
    from tests.test_report_contract import run_main

    docs = load_inputs([str(tmp_path)])
    assert sorted(Path(d.path).name for d in docs) == sorted(
        ["app.en.xlf", "app.en.xlf2", "app.en.po", "memory.tmx", "strings.csv"])
    assert {d.format for d in docs} == {"xliff", "po", "tmx", "csv"}
    proc = run_main("check", str(tmp_path), "--engine", "lexicon", "--format", "markdown", "--fail-on", "never",
                   "--quiet", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "**total**" in proc.stdout
    for name in ("app.en.xlf", "app.en.po", "memory.tmx"):
        assert name in proc.stdout


def test_several_bilingual_files_are_checked_each_on_its_own():
    from evalkit.errors import UsageError
    from evalkit.formats.loader import load_inputs

    paths = [str(DATA / n) for n in ("app.en.xlf", "app.en.po", "strings.csv")]
    docs = load_inputs(paths)
    assert [d.format for d in docs] == ["xliff", "po", "csv"]
    with pytest.raises(UsageError, match="single input"):
        load_inputs(paths, retranslation=str(DATA / "gate.retranslation.txt"))
