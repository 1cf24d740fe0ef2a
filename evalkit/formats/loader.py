"""Turn command-line paths into Documents: a corpus folder, a document pair, or bilingual files."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from evalkit.confine import LinkPolicy
from evalkit.errors import InputError, UsageError
from evalkit.formats.base import decode, document_format_for, format_for, read_bytes, read_text
from evalkit.formats.document import align_side_text, check_languages, check_pair_sizes, read_document_pair
from evalkit.lang.script import SAMPLE_CHARS as SCRIPT_SAMPLE
from evalkit.model import Document


def corpus_files(folder: Path, src_lang: str, tgt_lang: str, links: LinkPolicy | None = None) -> dict[str, Path] | None:
    """The files of a corpus folder (``source.<lang>.txt``, ``target.<lang>.txt``, ...), or None;
    ``links`` says which symbolic links among them are read (all by default)."""
    links = links or LinkPolicy()
    src, tgt = folder / f"source.{src_lang}.txt", folder / f"target.{tgt_lang}.txt"
    if not (src.is_file() and tgt.is_file() and links.admits(src, folder) and links.admits(tgt, folder)):
        return None
    files = {"source": src, "target": tgt}
    for role in ("reference", "retranslation"):
        p = folder / f"{role}.{tgt_lang}.txt"
        if p.is_file() and links.admits(p, folder):
            files[role] = p
    for p in sorted(folder.glob(f"reference*.{tgt_lang}.txt")):
        if p.is_file() and links.admits(p, folder):
            files.setdefault(f"ref:{p.name}", p)
    return files


def input_files(paths: list[str], *, references: list[str] = (), retranslation: str | None = None,
                src_lang: str = "zh", tgt_lang: str = "en") -> list[Path]:
    """Every existing file a run over ``paths`` reads (a folder's files included), to keep --output off them."""
    files = [Path(p) for p in [*paths, *references, *([retranslation] if retranslation else [])]]
    for folder in [f for f in files if f.is_dir()]:
        layout = corpus_files(folder, src_lang, tgt_lang)
        files += list(layout.values()) if layout else [p for p in folder.rglob("*") if format_for(p) is not None]
    return [f for f in files if f.is_file()]


def load_inputs(
    paths: list[str],
    *,
    references: list[str] = (),
    retranslation: str | None = None,
    encoding: str | None = None,
    src_lang: str = "zh",
    tgt_lang: str = "en",
    links: LinkPolicy | None = None,
) -> list[Document]:
    """Read what the command line names; every error is an InputError or UsageError naming the path.
    ``links`` decides on the symbolic links inside a folder input (a path named itself is always read)."""
    kw = dict(encoding=encoding, src_lang=src_lang, tgt_lang=tgt_lang)
    links = links or LinkPolicy()
    if len(paths) >= 2 and all(format_for(Path(p)) is not None for p in paths):
        # several bilingual files (a pre-commit hook passes every changed one): each on its own
        if references or retranslation:
            raise UsageError("--reference and --retranslation need a single input; check the files one by one")
        return [_checked(_read(format_for(Path(p)), Path(p), kw)) for p in paths]
    if not paths or len(paths) > 2:
        raise UsageError("give SOURCE TARGET, a corpus folder, or bilingual files (XLIFF, PO, TMX, JSONL, CSV)")
    first = Path(paths[0])
    if len(paths) == 2:
        for p in map(Path, paths):
            if p.is_dir():
                raise InputError(f"{p}: is a directory, expected a file")
        markdown = document_format_for(Path(paths[1]))
        if markdown is not None:
            doc = _checked(markdown.read_pair(first, Path(paths[1]), **kw))
        else:
            doc = read_document_pair(first, Path(paths[1]), **kw)
        check_pair_sizes(doc)
        attach_sides(doc, [Path(r) for r in references], Path(retranslation) if retranslation else None, encoding)
        return [doc]
    if first.is_dir():
        files = corpus_files(first, src_lang, tgt_lang, links)
        if files is None:
            return load_folder(first, links=links, **kw)
        doc = read_document_pair(files["source"], files["target"], **kw)
        check_pair_sizes(doc)
        refs = [Path(r) for r in references] or [p for role, p in files.items() if role == "reference"]
        retr = Path(retranslation) if retranslation else files.get("retranslation")
        attach_sides(doc, refs, retr, encoding)
        return [doc]
    if not first.exists():
        raise InputError(f"{first}: no such file or folder")
    fmt = format_for(first)
    if fmt is None:
        raise UsageError(
            f"{first}: a plain document needs its source too: evalkit check SOURCE TARGET "
            "(or give a corpus folder or a bilingual file)"
        )
    doc = _checked(_read(fmt, first, kw))
    attach_segment_sides(doc, [Path(r) for r in references], Path(retranslation) if retranslation else None, encoding)
    return [doc]


def _read(fmt, path: Path, kw: dict) -> Document:
    """A bilingual file as a Document: streamed where its format can (its segments read from the
    file as they are checked), else read whole."""
    return getattr(fmt, "stream", fmt.read)(path, **kw)


def _joined(texts: Iterable[str], enough: int = SCRIPT_SAMPLE) -> str:
    """``"\\n".join(texts)``, or as much of it as the script test reads (its first ``enough`` characters)."""
    parts: list[str] = []
    size = 0
    for text in texts:
        parts.append(text)
        size += len(text) + 1
        if size > enough:
            break
    return "\n".join(parts)


def _checked(doc: Document) -> Document:
    """``doc``, once its source and target are known to be in the languages they should be."""
    if doc.kind == "document" and (doc.source_text or doc.target_text):
        source, target, sides = doc.source_text, doc.target_text, ("source", "target")
    else:
        source = _joined(s.source for s in doc.segments)
        target = _joined(s.target for s in doc.segments)
        sides = ("sources", "targets")
    name = doc.path or doc.name
    check_languages(source, target, f"{name} ({sides[0]})", f"{name} ({sides[1]})", doc.src_lang, doc.tgt_lang)
    return doc


def load_folder(folder: Path, links: LinkPolicy | None = None, **kw) -> list[Document]:
    """Every supported bilingual file in ``folder`` (recursively), in path order."""
    links = links or LinkPolicy()
    docs = []
    for p in sorted(folder.rglob("*")):
        if (p.is_file() and not p.name.startswith(".") and format_for(p) is not None
                and links.admits(p, folder)):
            docs.append(_checked(_read(format_for(p), p, kw)))
    if not docs:
        raise InputError(f"{folder}: no corpus layout (source.<lang>.txt + target.<lang>.txt) and no supported files")
    return docs


def attach_sides(doc: Document, references: list[Path], retranslation: Path | None, encoding: str | None) -> None:
    """Align reference and re-translation documents to the source and hang them on the segments."""
    for ref in references:
        for seg, text in zip(doc.segments, align_side_text(doc, read_text(ref, encoding), doc.tgt_lang)):
            seg.references.append(text)
    if retranslation is not None:
        for seg, text in zip(doc.segments, align_side_text(doc, read_text(retranslation, encoding), doc.tgt_lang)):
            if seg.source:
                seg.retranslation = text


def _side_lines(path: Path, encoding: str | None) -> list[str] | dict[str, str]:
    """A side file for segment inputs: JSONL {"id", "text"|"retranslation"|"reference"} or one line a segment."""
    from evalkit.formats.jsonl import json_lines, parse_json_line

    text = decode(read_bytes(path), str(path), encoding)
    # line feeds only: str.splitlines() would also cut at U+2028, \x0c and the like inside a line
    lines = json_lines(text.removesuffix("\n"))
    if path.suffix in (".jsonl", ".ndjson"):
        out = {}
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            obj = parse_json_line(line, path, n)
            try:
                value = next(obj[k] for k in ("text", "retranslation", "reference", "target") if k in obj)
                if not isinstance(value, str):
                    raise TypeError(type(value).__name__)
                out[str(obj["id"])] = value
            except (KeyError, StopIteration, TypeError) as exc:
                raise InputError(f'{path}:{n}: expected {{"id": ..., "text": "..."}}') from exc
        return out
    return lines


def attach_segment_sides(doc: Document, references: list[Path], retranslation: Path | None, encoding: str | None) -> None:
    """Side files for segment inputs, matched by id (JSONL) or by line (one line a segment); a
    streamed input with side files is read whole, to hang their texts on its segments."""
    if (references or retranslation) and not isinstance(doc.segments, list):
        doc.segments = list(doc.segments)
    for path, is_ref in [(r, True) for r in references] + ([(retranslation, False)] if retranslation else []):
        side = _side_lines(path, encoding)
        if isinstance(side, list) and len(side) != len(doc.segments):
            raise InputError(
                f"{path}: {len(side)} lines for {len(doc.segments)} segments of {doc.path}; "
                "give one line a segment, or JSONL with ids"
            )
        for i, seg in enumerate(doc.segments):
            text = side[i] if isinstance(side, list) else side.get(seg.id)
            if text is None:
                continue
            if is_ref:
                seg.references.append(text)
            else:
                seg.retranslation = text
