"""Terminology glossaries: CSV/TSV with source and target columns, or TBX (TBX-Basic, TBX v2 and v3)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from evalkit.errors import InputError

_SOURCE_COLUMNS = ("source", "src", "term", "zh", "zh-cn", "zh_cn", "chinese", "source term")
_TARGET_COLUMNS = ("target", "tgt", "translation", "en", "en-us", "en_us", "english", "target term")


def read_glossary(path: str | Path, src_lang: str = "zh", tgt_lang: str = "en") -> list[tuple[str, str]]:
    """(source term, target term) pairs from a CSV/TSV or TBX file; errors name the file and the fix."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{p}: no such glossary file") from exc
    except OSError as exc:
        raise InputError(f"{p}: cannot read the glossary ({exc.strerror})") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: the glossary is not UTF-8; save it as UTF-8") from exc
    if p.suffix.lower() in (".tbx", ".xml") or text.lstrip().startswith("<"):
        pairs = _read_tbx(p, data, src_lang, tgt_lang)
    else:
        pairs = _read_csv(p, text)
    if not pairs:
        raise InputError(f"{p}: the glossary holds no (source, target) term pairs")
    return pairs


def _read_csv(path: Path, text: str) -> list[tuple[str, str]]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel_tab if "\t" in sample else csv.excel
    rows = [r for r in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in r)]
    if not rows:
        return []
    header = [c.strip().lower() for c in rows[0]]
    src_col = next((header.index(c) for c in _SOURCE_COLUMNS if c in header), None)
    tgt_col = next((header.index(c) for c in _TARGET_COLUMNS if c in header), None)
    if src_col is not None and tgt_col is not None:
        body = rows[1:]
    elif len(rows[0]) >= 2:
        src_col, tgt_col, body = 0, 1, rows
    else:
        raise InputError(f"{path}: expected two columns, 'source' and 'target' (or a header naming them)")
    out = []
    for n, row in enumerate(body, 2 if body is not rows else 1):
        if len(row) <= max(src_col, tgt_col):
            raise InputError(f"{path}:{n}: expected a source and a target term")
        src, tgt = row[src_col].strip(), row[tgt_col].strip()
        if src and tgt:
            out.append((src, tgt))
    return out


def _lang_of(el) -> str:
    for k, v in el.attrib.items():
        if k.endswith("}lang") or k == "lang":
            return v.lower()
    return ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read_tbx(path: Path, data: bytes, src_lang: str, tgt_lang: str) -> list[tuple[str, str]]:
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise InputError(f"{path}: not a well-formed TBX file ({exc})") from exc
    out: list[tuple[str, str]] = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        by_lang: list[tuple[str, list[str]]] = []
        for lang_set in entry:
            if _local(lang_set.tag) != "langSet":
                continue
            terms = [(t.text or "").strip() for t in lang_set.iter() if _local(t.tag) == "term"]
            by_lang.append((_lang_of(lang_set), [t for t in terms if t]))
        src = next((t for lang, t in by_lang if lang.startswith(src_lang.lower())), None)
        tgt = next((t for lang, t in by_lang if lang.startswith(tgt_lang.lower())), None)
        if src is None and tgt is None and len(by_lang) >= 2:
            src, tgt = by_lang[0][1], by_lang[1][1]
        if src and tgt:
            out.extend((s, tgt[0]) for s in src)
    return out
