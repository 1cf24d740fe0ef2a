"""Plain-text document pairs: a source file and its translation, aligned by paragraph and sentence."""

from __future__ import annotations

import bisect
from pathlib import Path

from evalkit.align import dictionary_anchor, document_beads
from evalkit.errors import InputError
from evalkit.formats.base import read_text
from evalkit.model import Document, Segment


def read_document_pair(
    source: Path, target: Path, *, encoding: str | None, src_lang: str, tgt_lang: str
) -> Document:
    """Read two documents and align them into segments whose target spans index the target text."""
    src_text = read_text(source, encoding)
    tgt_text = read_text(target, encoding)
    anchor = dictionary_anchor() if src_lang.startswith("zh") else None
    segments: list[Segment] = []
    for n, (src_spans, tgt_spans) in enumerate(document_beads(src_text, tgt_text, src_lang, tgt_lang, anchor), 1):
        s_start = src_spans[0].start if src_spans else 0
        s_end = src_spans[-1].end if src_spans else 0
        t_start = tgt_spans[0].start if tgt_spans else (segments[-1].target_end if segments else 0)
        t_end = tgt_spans[-1].end if tgt_spans else t_start
        segments.append(
            Segment(
                id=str(n),
                source=src_text[s_start:s_end],
                target=tgt_text[t_start:t_end],
                source_start=s_start,
                target_start=t_start,
                line=tgt_text.count("\n", 0, t_start) + 1,
            )
        )
    return Document(
        name=target.parent.name if target.name.startswith("target.") else target.name,
        segments=segments,
        kind="document",
        source_text=src_text,
        target_text=tgt_text,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        path=str(target),
        format="text",
    )


def align_side_text(doc: Document, side_text: str, tgt_lang: str) -> list[str]:
    """Split a reference or re-translation document over ``doc``'s segments by aligning it to the source."""
    anchor = dictionary_anchor() if doc.src_lang.startswith("zh") else None
    by_source_start: dict[int, list[str]] = {}
    for src_spans, side_spans in document_beads(doc.source_text, side_text, doc.src_lang, tgt_lang, anchor):
        if src_spans:
            by_source_start.setdefault(src_spans[0].start, []).extend(s.text for s in side_spans)
    starts = sorted(by_source_start)
    out = []
    for seg in doc.segments:
        pieces: list[str] = []
        if seg.source:
            lo = bisect.bisect_left(starts, seg.source_start)
            hi = bisect.bisect_left(starts, seg.source_start + len(seg.source))
            for start in starts[lo:hi]:
                pieces.extend(by_source_start[start])
        out.append(" ".join(pieces))
    return out


def check_pair_sizes(doc: Document) -> None:
    """Refuse a pair whose sides are too unlike to be a translation of each other."""
    n_src = sum(1 for s in doc.segments if s.source)
    n_tgt = sum(1 for s in doc.segments if s.target)
    if n_src == 0 or n_tgt == 0:
        raise InputError(f"{doc.path}: nothing aligned between source and target")
