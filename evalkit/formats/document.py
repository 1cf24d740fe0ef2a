"""Plain-text document pairs: a source file and its translation, aligned by paragraph and sentence."""

from __future__ import annotations

import bisect
from pathlib import Path

from evalkit.align import dictionary_anchor, document_beads
from evalkit.errors import InputError
from evalkit.formats.base import read_text
from evalkit.lang.script import cjk_share, writes_cjk
from evalkit.model import Document, Segment
from evalkit.segment import Span


def read_document_pair(
    source: Path, target: Path, *, encoding: str | None, src_lang: str, tgt_lang: str
) -> Document:
    """Read two documents and align them into segments whose target spans index the target text."""
    src_text = read_text(source, encoding)
    tgt_text = read_text(target, encoding)
    check_languages(src_text, tgt_text, str(source), str(target), src_lang, tgt_lang)
    anchor = dictionary_anchor() if src_lang.startswith("zh") else None
    try:
        beads = document_beads(src_text, tgt_text, src_lang, tgt_lang, anchor)
    except InputError as exc:
        raise InputError(f"{source} and {target}: {exc}; check that the files belong together "
                         "and are broken into paragraphs") from exc
    segments = segments_of(src_text, tgt_text, beads)
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


def segments_of(src_text: str, tgt_text: str, beads: list[tuple[list[Span], list[Span]]]) -> list[Segment]:
    """One segment a bead, numbered from 1; a bead without target text sits where the last one ended."""
    segments: list[Segment] = []
    line, counted = 1, 0  # lines before ``counted``: beads come in target order, so counting is linear
    for n, (src_spans, tgt_spans) in enumerate(beads, 1):
        s_start = src_spans[0].start if src_spans else 0
        s_end = src_spans[-1].end if src_spans else 0
        t_start = tgt_spans[0].start if tgt_spans else (segments[-1].target_end if segments else 0)
        t_end = tgt_spans[-1].end if tgt_spans else t_start
        if t_start < counted:
            line, counted = 1, 0
        line += tgt_text.count("\n", counted, t_start)
        counted = t_start
        segments.append(
            Segment(
                id=str(n),
                source=src_text[s_start:s_end],
                target=tgt_text[t_start:t_end],
                source_start=s_start,
                target_start=t_start,
                line=line,
            )
        )
    return segments


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
    unpaired = sum(1 for s in doc.segments if not (s.source and s.target))
    if unpaired >= 10 and unpaired * 3 > len(doc.segments) * 2:
        raise InputError(
            f"{doc.path}: only {len(doc.segments) - unpaired} of {len(doc.segments)} aligned segments pair source "
            "text with target text; check that the files belong together"
        )


def reads_as(text: str, lang: str) -> bool | None:
    """Whether ``text`` could be in ``lang`` as far as its script tells; None when it cannot tell."""
    share = cjk_share(text)
    if share is None:
        return None
    return share >= 0.1 if writes_cjk(lang) else share <= 0.5


def check_languages(source: str, target: str, src_name: str, tgt_name: str, src_lang: str, tgt_lang: str) -> None:
    """Refuse a source or target written in the wrong script for its language, or the two swapped."""
    src_ok, tgt_ok = reads_as(source, src_lang), reads_as(target, tgt_lang)
    if src_ok is False and tgt_ok is False and reads_as(source, tgt_lang) and reads_as(target, src_lang):
        raise InputError(
            f"{src_name} reads as {tgt_lang} and {tgt_name} as {src_lang}: source and target look swapped; "
            f"give the {src_lang} source first, or set --src-lang/--tgt-lang"
        )
    for ok, name, text, lang, option in ((src_ok, src_name, source, src_lang, "--src-lang"),
                                         (tgt_ok, tgt_name, target, tgt_lang, "--tgt-lang")):
        if ok is False:
            share = cjk_share(text) or 0.0
            raise InputError(
                f"{name}: does not read as {lang} ({share:.0%} of its letters are Chinese, Japanese or Korean); "
                f"check that it is the right file, or set {option}"
            )
