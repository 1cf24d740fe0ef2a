"""PO/POT catalogues: context and plural ids, escapes, fuzzy and obsolete entries, charsets."""

from __future__ import annotations

from evalkit.formats.po import PoFormat
from evalkit.report.locate import segment_position
from tests.test_formats_contract import DATA, FormatContract


class TestPoContract(FormatContract):
    format_name = "po"
    sample = "app.en.po"
    expected = {
        "menu::打开": ("打开", "Open"),
        "dialog::打开": ("打开", "Open file"),
        "欢迎，%s！": ("欢迎，%s！", "Welcome, %s!"),
        "已删除 %d 个文件[0]": ("已删除 %d 个文件", "Deleted %d file"),
        "已删除 %d 个文件[1]": ("已删除 %d 个文件", "Deleted %d files"),
        "保存\t完成": ("保存\t完成", 'Saved\tdone "ok"'),
    }
    broken = b'msgid "a"\nmsgstr "b"\nbogus line\n'


def read(path):
    return PoFormat().read(path, encoding=None, src_lang="zh", tgt_lang="en")


def test_context_and_plural_forms_are_separate_segments():
    doc = read(DATA / "app.en.po")
    ids = [s.id for s in doc.segments]
    assert ids == ["menu::打开", "dialog::打开", "欢迎，%s！", "已删除 %d 个文件[0]", "已删除 %d 个文件[1]", "保存\t完成"]
    assert doc.segment("menu::打开").context == "menu"
    assert doc.segment("已删除 %d 个文件[1]").meta["plural_form"] == 1
    assert doc.segment("保存\t完成").meta["fuzzy"] is True  # fuzzy kept; obsolete (#~) dropped


def test_wrapped_plural_msgstr_is_located_over_two_lines():
    text = (DATA / "app.en.po").read_text(encoding="utf-8").splitlines()
    seg = read(DATA / "app.en.po").segment("已删除 %d 个文件[1]")
    line, col, _ = segment_position(seg, seg.target.index("files"))
    assert text[line - 1][col - 1:].startswith('files"')
    line, col, _ = segment_position(seg, seg.target.index("%d"))
    assert text[line - 1][col - 1:].startswith("%d")


def test_header_charset_is_used(tmp_path):
    p = tmp_path / "latin.po"
    p.write_bytes(
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        b'msgid "caf\xe9"\nmsgstr "Caf\xe9"\n'
    )
    assert read(p).segments[0].target == "Café"


def test_pot_templates_read_with_empty_targets(tmp_path):
    p = tmp_path / "app.pot"
    p.write_text('msgid ""\nmsgstr ""\n\nmsgid "保存"\nmsgstr ""\n', encoding="utf-8")
    doc = read(p)
    assert [(s.source, s.target) for s in doc.segments] == [("保存", "")]


def test_translator_comment_is_kept_as_a_note(tmp_path):
    p = tmp_path / "c.po"
    p.write_text('msgid ""\nmsgstr ""\n\n# evalkit-ignore: placeholder\nmsgid "你好 {name}"\nmsgstr "Hello"\n', encoding="utf-8")
    assert read(p).segments[0].meta["notes"] == ["evalkit-ignore: placeholder"]
