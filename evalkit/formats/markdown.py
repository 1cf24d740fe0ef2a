"""Markdown document pairs: translatable blocks aligned by structure, then sentences inside each block."""

from __future__ import annotations

import re
from pathlib import Path

from evalkit.errors import UsageError
from evalkit.formats.base import read_text
from evalkit.model import Document
from evalkit.segment import Span

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.S | re.M)


def markdown_blocks(text: str) -> list[Span]:
    """The translatable pieces of a Markdown text (headings, paragraphs, list items, table cells)
    as spans of the text itself; code, HTML blocks and front matter are left out."""
    from markdown_it import MarkdownIt

    from evalkit.textpos import LineIndex

    skip_to = 0
    m = _FRONT_MATTER.match(text)
    if m:
        skip_to = m.end()
    index = LineIndex(text)
    starts = index.starts
    md = MarkdownIt("commonmark").enable("table")
    blocks: list[Span] = []
    cursor = skip_to
    for tok in md.parse(text):
        if tok.type != "inline" or not tok.map or not tok.content.strip():
            continue
        first_line, last_line = tok.map[0], tok.map[1] - 1
        if first_line >= len(starts) or starts[first_line] < skip_to:
            continue
        lines = tok.content.split("\n")
        begin = text.find(lines[0], max(cursor, starts[first_line]))
        if begin < 0:
            continue
        last_start = starts[min(first_line + len(lines) - 1, last_line)]
        end_of = text.find(lines[-1], max(begin, last_start) if len(lines) > 1 else begin)
        if end_of < 0:
            continue
        end = end_of + len(lines[-1])
        blocks.append(Span(begin, end, text[begin:end]))
        cursor = end
    return blocks


def markdown_beads(source_text: str, target_text: str, src_lang: str, tgt_lang: str, anchor=None):
    """Align blocks one to one when both sides have the same structure, else by the aligner; then
    sentences inside each aligned block pair. Spans index the two texts."""
    from evalkit.align import align, length_ratio
    from evalkit.segment import sentences

    src_blocks, tgt_blocks = markdown_blocks(source_text), markdown_blocks(target_text)
    if len(src_blocks) == len(tgt_blocks):
        beads = [([i], [i]) for i in range(len(src_blocks))]
    else:
        beads = align(src_blocks, tgt_blocks, anchor)
    ratio = length_ratio(src_blocks, tgt_blocks) if src_blocks and tgt_blocks else None
    out = []
    for s_idx, t_idx in beads:
        src_sents = [s for i in s_idx for s in sentences(source_text, src_lang, src_blocks[i].start, src_blocks[i].end)]
        tgt_sents = [s for j in t_idx for s in sentences(target_text, tgt_lang, tgt_blocks[j].start, tgt_blocks[j].end)]
        for bs, bt in align(src_sents, tgt_sents, anchor, ratio):
            out.append(([src_sents[i] for i in bs], [tgt_sents[j] for j in bt]))
    return out


class MarkdownFormat:
    """Markdown documents: a source file and its translation, checked as a pair (not bilingual)."""

    name = "markdown"
    extensions = (".md", ".markdown")
    bilingual = False

    def read(self, path: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en") -> Document:
        raise UsageError(f"{path}: a Markdown document needs its source too: evalkit check SOURCE.md TARGET.md")

    def read_pair(
        self, source: Path, target: Path, *, encoding: str | None = None, src_lang: str = "zh", tgt_lang: str = "en"
    ) -> Document:
        """Read two Markdown files into a document whose segments index the target file's text."""
        from evalkit.align import dictionary_anchor
        from evalkit.formats.document import segments_of

        src_text = read_text(source, encoding)
        tgt_text = read_text(target, encoding)
        anchor = dictionary_anchor() if src_lang.startswith("zh") else None
        segments = segments_of(src_text, tgt_text, markdown_beads(src_text, tgt_text, src_lang, tgt_lang, anchor))
        return Document(name=target.name, segments=segments, kind="document", source_text=src_text,
                        target_text=tgt_text, src_lang=src_lang, tgt_lang=tgt_lang, path=str(target),
                        format=self.name)
