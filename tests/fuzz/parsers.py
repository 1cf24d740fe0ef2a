"""Fuzzing the input readers: mutated files must give a Document or an InputError, nothing else.

Run longer than CI does with ``python -m tests.fuzz.parsers --seconds 600`` (all formats) or
``--format xliff``; inputs that break a reader are saved under ``--crashes`` (default
``fuzz-crashes/``). With atheris installed, ``--atheris`` hands the same target to libFuzzer.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

from evalkit.errors import EvalkitError
from evalkit.model import Document

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="zh" target-language="en" original="a.properties"><body>
  <trans-unit id="a"><source>你好，<g id="1">{name}</g>！</source><target>Hello, <g id="1">{name}</g>!</target></trans-unit>
  <trans-unit id="b"><source>共 &lt;b&gt;3&lt;/b&gt; 件 <![CDATA[<x>]]></source><target>3 &amp; items<!-- c --><?pi x?></target>
   <note>n</note></trans-unit>
 </body></file>
</xliff>
"""
XLIFF2 = """<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">
 <file id="f"><unit id="u"><segment id="s1"><source>发现 <ph id="1"/> 个错误。</source><target>Found <ph id="1"/> errors.</target></segment>
 <segment><source>再见</source><target>Bye &#x1F600;</target></segment></unit></file></xliff>
"""
TMX = """<?xml version="1.0"?>
<tmx version="1.4"><header srclang="zh" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"
 creationtool="t" creationtoolversion="1"/><body>
 <tu tuid="1"><prop type="x-context">c</prop><tuv xml:lang="zh"><seg>你好<bpt i="1">&lt;b&gt;</bpt>！</seg></tuv>
 <tuv xml:lang="en"><seg>Hello<ept i="1">&lt;/b&gt;</ept>!</seg></tuv></tu>
</body></tmx>
"""
PO = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#. evalkit-ignore: placeholder
#: a.c:1
msgctxt "menu"
msgid "打开 %s"
msgstr "Open %s"

msgid "一个文件"
msgid_plural "%d 个文件"
msgstr[0] "one file"
msgstr[1] "%d files\t\"x\""
'''
CSV = 'id,source,target,notes\nhello,你好,Hello,\nqty,"共 {n} 件","A total of {n} items, ""quoted""",n\nml,多行,"line one\r\nline two",\n'
JSONL = '{"id": "1", "source": "你好，世界。", "target": "Hello, world.", "reference": ["Hi"]}\n' \
        '{"id": "2", "source": "再见\\u2028。", "target": "Bye \\ud83d\\ude00.", "retranslation": "Goodbye."}\n'
MARKDOWN_SOURCE = "---\ntitle: 指南\n---\n# 快速入门\n\n安装很简单。运行命令。\n\n- 第一项\n- 第二项\n\n```\ncode\n```\n"
MARKDOWN_TARGET = "---\ntitle: Guide\n---\n# Quick start\n\nInstalling is easy. Run the command.\n\n- First\n- Second\n\n```\ncode\n```\n"

# format -> (file name, seed texts)
SEEDS: dict[str, tuple[str, list[str]]] = {
    "xliff": ("in.xlf", [XLIFF, XLIFF2]),
    "tmx": ("in.tmx", [TMX]),
    "po": ("in.po", [PO]),
    "csv": ("in.csv", [CSV]),
    "tsv": ("in.tsv", [CSV.replace(",", "\t")]),
    "jsonl": ("in.jsonl", [JSONL]),
    "markdown": ("target.md", [MARKDOWN_TARGET]),
}
for _fmt, _name in (("xliff", "app.en.xlf"), ("xliff", "app.en.xlf2"), ("tmx", "memory.tmx"),
                    ("po", "app.en.po"), ("csv", "strings.csv"), ("tsv", "strings.tsv")):
    if (DATA / _name).is_file():
        SEEDS[_fmt][1].append((DATA / _name).read_text(encoding="utf-8"))

# Pieces that parsers trip on, spliced into the seeds.
TOKENS = [
    "<", ">", "&", ";", '"', "'", "\\", "\n", "\r", "\r\n", "\t", "\x00", "\x0b", "\x85", "\u2028", "\ufeff",
    "]]>", "<![CDATA[", "<!--", "-->", "<?", "?>", "</", "/>", "&amp;", "&#0;", "&#x110000;", "&lol;", "&#65;",
    '<!DOCTYPE x [<!ENTITY e "e">]>', '<!ENTITY x SYSTEM "file:///etc/passwd">', "<g id=\"1\">", "</g>",
    "<target>", "</target>", "<source>", "<seg>", "<tu>", "<tuv xml:lang=\"en\">",
    "msgid ", "msgstr ", "msgstr[0] ", "msgctxt ", "#, fuzzy\n", '""', '"\\', "\\n",
    "{", "}", "[", "]", ",", ":", "null", "true", "1e999", '"\\ud800"', "\\u", "[[[[[[[[",
    "---\n", "```", "|", "# ", "- ", "    ", "<div>", "\U0001F468\u200d\U0001F469", "e\u0301", "\u202e", "字", "。",
    # well-formed pieces, so that the XML and JSON readers get past the parser more often
    "&lt;", "&gt;", "&quot;", "&#x1F600;", "&#13;", "<![CDATA[a]]>", "<!-- c -->", "<?pi x?>", '<g id="2">x</g>',
    '<x id="3"/>', '<ph id="9"/>', "{name}", "%s", "%1$d", "\\u2028", "\\\"", "\\n",
]


def mutate(text: str, rng: random.Random, rounds: int | None = None) -> bytes:
    """``text`` with a few random splices, deletions and duplications; sometimes broken as bytes too."""
    s = text
    for _ in range(rounds if rounds is not None else rng.choice((1, 1, 1, 2, 3, 6))):
        i = rng.randrange(len(s) + 1)
        op = rng.random()
        if op < 0.45:
            s = s[:i] + rng.choice(TOKENS) + s[i:]
        elif op < 0.7:
            s = s[:i] + s[i + rng.randint(1, 40):]
        elif op < 0.85:
            j = min(len(s), i + rng.randint(1, 80))
            s = s[:j] + s[i:j] * rng.randint(1, 3) + s[j:]
        else:
            s = s[:i] + chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0x80, 0x3000),
                                         rng.randrange(0x4E00, 0x9FFF), rng.randrange(0x10000, 0x1FFFF)])) + s[i:]
    data = s.encode("utf-8", "surrogatepass")
    if rng.random() < 0.1 and data:
        k = rng.randrange(len(data))
        data = data[:k] + bytes([rng.randrange(256)]) + data[k + 1:]
    return data


def read(fmt: str, path: Path) -> Document:
    """Read ``path`` with the reader of ``fmt``, as the command line would."""
    if fmt == "markdown":
        from evalkit.formats.markdown import MarkdownFormat

        source = path.with_name("source.md")
        source.write_text(MARKDOWN_SOURCE, encoding="utf-8")
        return MarkdownFormat().read_pair(source, path, encoding=None, src_lang="zh", tgt_lang="en")
    from evalkit.formats.base import format_for

    reader = format_for(path)
    assert reader is not None, path
    return reader.read(path, encoding=None, src_lang="zh", tgt_lang="en")


def check(fmt: str, data: bytes, folder: Path) -> None:
    """Read ``data`` as ``fmt``: a Document with sound segments, or an EvalkitError with a message."""
    path = folder / SEEDS[fmt][0]
    path.write_bytes(data)
    try:
        doc = read(fmt, path)
    except EvalkitError as exc:
        message = str(exc)
        assert message and "\n" not in message.strip(), repr(message)
        return
    assert doc.segments, "a Document without segments should have been an InputError"
    ids = [s.id for s in doc.segments]
    assert len(ids) == len(set(ids)), f"duplicate segment ids {ids}"
    for seg in doc.segments:
        assert isinstance(seg.source, str) and isinstance(seg.target, str)
        (seg.source + seg.target).encode("utf-8")  # no lone surrogates: every report can be written
        if doc.kind == "document":
            assert doc.target_text[seg.target_start:seg.target_end] == seg.target


def run(seconds: float, formats: list[str], crashes: Path, seed: int) -> int:
    """Fuzz for ``seconds``; return the number of crashing inputs (each saved under ``crashes``)."""
    rng = random.Random(seed)
    found = 0
    done = 0
    deadline = time.monotonic() + seconds
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        while time.monotonic() < deadline:
            fmt = formats[done % len(formats)]
            data = mutate(rng.choice(SEEDS[fmt][1]), rng)
            done += 1
            try:
                check(fmt, data, folder)
            except Exception:  # noqa: BLE001  (a crash is what we are looking for)
                found += 1
                crashes.mkdir(parents=True, exist_ok=True)
                out = crashes / f"{fmt}-{found:04d}{Path(SEEDS[fmt][0]).suffix}"
                out.write_bytes(data)
                print(f"crash {out}:\n{traceback.format_exc(limit=4)}", file=sys.stderr)
    print(f"{done} inputs, {found} crashes", file=sys.stderr)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--format", action="append", choices=sorted(SEEDS), help="(repeatable; default all)")
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--atheris", action="store_true", help="run under atheris/libFuzzer instead")
    args = parser.parse_args(argv)
    formats = args.format or sorted(SEEDS)
    if args.atheris:
        return _atheris(formats)
    print(f"seed {args.seed}", file=sys.stderr)
    return 1 if run(args.seconds, formats, args.crashes, args.seed) else 0


def _atheris(formats: list[str]) -> int:  # pragma: no cover - needs atheris
    import atheris

    folder = Path(tempfile.mkdtemp())

    def one_input(data: bytes) -> None:
        if not data:
            return
        rng = random.Random(data)
        fmt = formats[data[0] % len(formats)]
        check(fmt, mutate(rng.choice(SEEDS[fmt][1]), rng) if data[0] & 0x80 else data[1:], folder)

    atheris.Setup([sys.argv[0]], one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
