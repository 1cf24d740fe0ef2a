"""Reading input files: decoding, and the registry of file formats."""

from __future__ import annotations

import codecs
import importlib
import os
import re
from pathlib import Path
from typing import Iterator, Protocol

from evalkit.errors import EncodingError, InputError
from evalkit.lang.script import HAN_URO, HAN_URO_CHAR
from evalkit.model import Document

# Files larger than this are refused rather than read into memory whole.
MAX_INPUT_BYTES = 200 * 1024 * 1024


def read_bytes_checks(path: str | os.PathLike) -> None:
    """Refuse, with a clear error, an input file that is missing or not a regular file."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected a file")
    if not p.is_file():
        # A FIFO, socket or device would block or never end: refuse it rather than hang.
        raise InputError(f"{p}: not a regular file (a pipe or device?); give a file on disk")


def read_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of an input file, with a clear error for every way it can be missing."""
    p = Path(path)
    read_bytes_checks(p)
    try:
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{p}: {size} bytes is larger than the {MAX_INPUT_BYTES} byte limit; split the file")
        return p.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{p}: permission denied; make the file readable") from exc
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from exc


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode an input file's bytes: a BOM, else UTF-8, else the given encoding, else detection.

    A file that is valid UTF-8 is read as UTF-8 even with ``encoding`` given, so one
    ``--encoding gb18030`` serves a GBK source beside its UTF-8 translation. Line endings are
    left exactly as they are, so offsets into the text hold for the file.
    """
    wide = False
    if encoding:
        try:
            wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
        except LookupError as exc:
            raise EncodingError(f"{name}: unknown encoding {encoding!r}; name a Python codec such as gb18030 or big5") from exc
    nul = data.find(b"\x00")
    if nul >= 0 and not wide and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if nul < 8192:
            raise InputError(
                f"{name}: looks like a binary file (NUL bytes); expected text "
                "(for UTF-16 without a byte-order mark, give --encoding utf-16-le or utf-16-be)"
            )
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(f"{name}: holds a NUL byte at byte {nul}, line {line}; "
                         "a text file has none (a binary part, or a file damaged on copy?): remove it")
    # A file that is valid UTF-8 (and, against a UTF-16/32 codec, has no NUL byte) is read as UTF-8
    # whatever --encoding says: the option names the legacy source beside its UTF-8 translation.
    if encoding and (not wide or nul < 0):
        try:
            return data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            pass
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise EncodingError(
                f"{name}: not valid {encoding} at byte {exc.start}; check --encoding"
            ) from exc
        return text.removeprefix("\ufeff")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)  # these codecs drop the mark themselves; a second one is text
            except UnicodeDecodeError as exc:
                raise EncodingError(f"{name}: has a {enc} byte-order mark but is not valid {enc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    line = data.count(b"\n", 0, utf8_error.start) + 1
    where = f"byte {utf8_error.start}, line {line}"
    repaired = data.decode("utf-8", "replace")
    broken = repaired.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    if sum(1 for c in repaired if c > "\x7f") - broken >= 4 * broken:
        # mostly valid UTF-8 with a few bad bytes: a damaged file, not another encoding
        raise EncodingError(
            f"{name}: not valid UTF-8 at {where} ({broken} bad byte sequence(s) in UTF-8 text); "
            "fix them or save the file as UTF-8 again"
        ) from utf8_error
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    general = best.encoding if best is not None else None
    detected = guess_chinese_encoding(data) or general
    if detected is None:
        raise EncodingError(
            f"{name}: not UTF-8 (at {where}) and no encoding detected; "
            "convert it to UTF-8 or name it with --encoding"
        ) from utf8_error
    other = f" (or {general})" if general and general != detected and general not in _CHINESE_CODECS else ""
    raise EncodingError(
        f"{name}: not UTF-8 (at {where}); it looks like {detected}{other}. Re-run with --encoding {detected} "
        "or convert the file to UTF-8"
    ) from utf8_error


_CHINESE_CODECS = frozenset({"gb2312", "gbk", "gb18030", "big5", "big5hkscs", "cp950", "cp936", "hz"})
# What Chinese text decodes to: Han characters, ASCII, whitespace and CJK punctuation.
_PLAUSIBLE_ZH = re.compile(rf"[{HAN_URO}\s\x20-\x7e，。、；：？！“”‘’（）《》【】…—·「」『』　]")


def _common_han(ch: str) -> bool:
    """A frequent character: GB2312 level 1 (simplified) or Big5 level 1 (traditional)."""
    try:
        if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA440 <= int.from_bytes(ch.encode("big5"), "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


def guess_chinese_encoding(data: bytes) -> str | None:
    """``gb18030`` or ``big5`` when ``data`` reads as Chinese in one of them, else None.

    General detectors mistake short GBK text for Korean; a wrong Chinese decoding, in turn,
    yields kana, bopomofo, private-use and rare characters, which is what this scores.
    """
    sample = data[:65536]
    best: tuple[float, float, int] | None = None
    for rank, enc in enumerate(("gb18030", "big5")):
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError as exc:
            if exc.start < len(sample) - 4:  # a character cut by the sample's end is no evidence
                continue
            text = sample[: exc.start].decode(enc)
        han = HAN_URO_CHAR.findall(text)
        if not han:
            continue
        plausible = len(_PLAUSIBLE_ZH.findall(text)) / len(text)
        common = sum(map(_common_han, han)) / len(han)
        if plausible >= 0.95 and common >= 0.6 and (best is None or (plausible, common, -rank) > best):
            best = (plausible, common, -rank)
    return None if best is None else ("gb18030", "big5")[-best[2]]


def read_text(path: str | os.PathLike, encoding: str | None = None) -> str:
    """Read and decode a text input file."""
    text = decode(read_bytes(path), str(path), encoding)
    if not text.strip():
        raise InputError(f"{path}: is empty; nothing to check")
    return text


def plain_utf8(path: Path, encoding: str | None) -> bool:
    """Whether ``path`` is all UTF-8 without NUL bytes, read a block at a time: its text then is
    what ``decode`` gives, the bytes as UTF-8 with one byte-order mark dropped, so a reader may
    decode it piece by piece instead of whole."""
    read_bytes_checks(path)
    decode(b"", str(path), encoding)  # an unknown --encoding is an error either way
    check = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                if b"\x00" in block:
                    return False
                check.decode(block)
            check.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied; make the file readable") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    return True


def utf8_lines(path: Path) -> Iterator[str]:
    """The lines of a plain UTF-8 file (``plain_utf8``), line feeds removed and nothing else, read
    from disk as they are needed."""
    with path.open("rb") as fh:
        for n, raw in enumerate(fh):
            line = raw.decode("utf-8").removesuffix("\n")
            yield line.removeprefix("\ufeff") if n == 0 else line


def file_lines(path: Path, encoding: str | None, plain: bool | None = None) -> Iterator[str]:
    """The lines of the file's text, split at line feeds only, each with its "\\r" if it has one:
    read as needed when the file is plain UTF-8 (``plain``, found by ``plain_utf8`` when None), else
    decoded whole."""
    if plain if plain is not None else plain_utf8(path, encoding):
        yield from utf8_lines(path)
        return
    text = decode(read_bytes(path), str(path), encoding)
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


class Format(Protocol):
    """A bilingual file format: one file holds source and target segments."""

    name: str
    extensions: tuple[str, ...]

    def read(self, path: Path, *, encoding: str | None, src_lang: str, tgt_lang: str) -> Document:
        """Parse ``path`` into a Document of kind ``segments`` (ids from the file)."""
        ...


# Format names to 'module:Class', imported on demand.
FORMATS: dict[str, str] = {
    "jsonl": "evalkit.formats.jsonl:JsonlFormat",
    "xliff": "evalkit.formats.xliff:XliffFormat",
    "po": "evalkit.formats.po:PoFormat",
    "tmx": "evalkit.formats.tmx:TmxFormat",
    "csv": "evalkit.formats.csv:CsvFormat",
    "markdown": "evalkit.formats.markdown:MarkdownFormat",
}


def format_class(name: str) -> type:
    module, _, cls = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module), cls)


def format_for(path: Path) -> Format | None:
    """The bilingual format for ``path`` by its extension, or None for plain documents."""
    name = path.name.lower()
    for fmt_name in FORMATS:
        cls = format_class(fmt_name)
        if getattr(cls, "bilingual", True) and name.endswith(tuple(cls.extensions)):
            return cls()
    return None


def document_format_for(path: Path):
    """The monolingual document format (Markdown) for ``path`` by its extension, or None for plain text."""
    name = path.name.lower()
    for fmt_name in FORMATS:
        cls = format_class(fmt_name)
        if not getattr(cls, "bilingual", True) and name.endswith(tuple(cls.extensions)):
            return cls()
    return None
