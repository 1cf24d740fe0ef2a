"""Benchmark inputs of any size: JSONL or TMX of news-length paragraphs or of short sentences, zh→en.

    python -m benchmarks.inputs --tsv path/to/mqm_ted_zhen.tsv --kind paragraph -n 1000 -o paragraphs.jsonl
    python -m benchmarks.inputs --tsv path/to/mqm_ted_zhen.tsv --kind short -n 100000 -o short.jsonl
    python -m benchmarks.inputs --tsv path/to/mqm_ted_zhen.tsv --kind short -n 100000 -o short.tmx

An output named ``*.tmx`` is a TMX 1.4 memory (a ``<tu>`` a segment, ``tuid`` its id), one named
``*.xlf`` an XLIFF 1.2 file (a ``<trans-unit>`` a segment), any other JSON Lines.

Every sentence is a real Chinese source with a real English MT output of it, from an MQM TSV
(the WMT21 TED talks: for each source sentence, the outputs of up to 15 systems). Without
``--tsv`` the bundled corpora are used (their document pairs, aligned by evalkit's own aligner).

* ``short``: one sentence a segment, the translating system drawn at random for each.
* ``paragraph``: consecutive sentences of one talk joined until the target reaches about 550
  bytes (a paragraph of a news page); each sentence's translation comes from a system drawn at
  random, so even 100,000 paragraphs are nearly all distinct texts, as a translation memory's are.

The output depends only on the inputs, ``--kind``, ``-n`` and ``--seed``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Iterator
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH_BYTES = 550
_V = re.compile(r"</?v>")  # the TSV's error-span marks

Sentence = list[tuple[str, str]]  # the (source, target) versions of one source sentence


def talks_from_tsv(tsv: Path) -> list[list[Sentence]]:
    """Per talk, its sentences in order; per sentence, every distinct (source, MT output) pair."""
    csv.field_size_limit(1 << 24)
    by_talk: dict[str, dict[int, dict[tuple[str, str], None]]] = defaultdict(lambda: defaultdict(dict))
    with tsv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            source, target = (_V.sub("", row[side]).strip() for side in ("source", "target"))
            if source and target and row["seg_id"].isdigit():
                by_talk[row["doc"]][int(row["seg_id"])][(source, target)] = None
    return [[list(versions) for _, versions in sorted(sents.items())] for _, sents in sorted(by_talk.items())]


def talks_from_corpora() -> list[list[Sentence]]:
    """The bundled corpora's document pairs, aligned into sentences (one version each)."""
    sys.path.insert(0, str(ROOT))
    from evalkit.formats.document import read_document_pair

    talks = []
    for folder in sorted((ROOT / "corpora").iterdir()):
        src, tgt = folder / "source.zh.txt", folder / "target.en.txt"
        if src.is_file() and tgt.is_file():
            doc = read_document_pair(src, tgt, encoding=None, src_lang="zh", tgt_lang="en")
            talks.append([[(s.source.strip(), s.target.strip())] for s in doc.segments
                          if s.source.strip() and s.target.strip()])
    return talks


def segments(talks: list[list[Sentence]], kind: str, n: int, seed: int = 0) -> Iterator[dict]:
    """``n`` JSONL objects ``{"id", "source", "target"}`` of the given kind."""
    rng = random.Random(seed)
    sentences = [(t, i) for t, talk in enumerate(talks) for i in range(len(talk))]
    if kind == "short":
        # every (sentence, version) once in a shuffled order, then again in another order
        pool = [(t, i, v) for t, i in sentences for v in range(len(talks[t][i]))]
        k = 0
        while k < n:
            rng.shuffle(pool)
            for t, i, v in pool[: n - k]:
                source, target = talks[t][i][v]
                k += 1
                yield {"id": f"s{k}", "source": source, "target": target}
        return
    for k in range(1, n + 1):
        t, i = rng.choice(sentences)
        talk = talks[t]
        src_parts, tgt_parts, size = [], [], 0
        while size < PARAGRAPH_BYTES:
            source, target = rng.choice(talk[i % len(talk)])
            src_parts.append(source)
            tgt_parts.append(target)
            size += len(target.encode("utf-8")) + 1
            i += 1
        yield {"id": f"p{k}", "source": "".join(src_parts), "target": " ".join(tgt_parts)}


def write_jsonl(path: Path, kind: str, n: int, tsv: Path | None = None, seed: int = 0) -> Path:
    """Write ``n`` segments of ``kind`` to ``path``; return it."""
    talks = talks_from_tsv(tsv) if tsv else talks_from_corpora()
    with path.open("w", encoding="utf-8") as out:
        for obj in segments(talks, kind, n, seed):
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


def write_tmx(path: Path, kind: str, n: int, tsv: Path | None = None, seed: int = 0) -> Path:
    """Write the segments ``write_jsonl`` would, as a TMX memory; return ``path``."""
    talks = talks_from_tsv(tsv) if tsv else talks_from_corpora()
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                  '<header creationtool="evalkit-benchmarks" creationtoolversion="1" segtype="paragraph" '
                  'o-tmf="none" adminlang="en" srclang="zh" datatype="plaintext"/>\n<body>\n')
        for obj in segments(talks, kind, n, seed):
            out.write(f'<tu tuid={quoteattr(obj["id"])}>\n'
                      f'  <tuv xml:lang="zh"><seg>{escape(obj["source"])}</seg></tuv>\n'
                      f'  <tuv xml:lang="en"><seg>{escape(obj["target"])}</seg></tuv>\n</tu>\n')
        out.write("</body>\n</tmx>\n")
    return path


def write_xliff(path: Path, kind: str, n: int, tsv: Path | None = None, seed: int = 0) -> Path:
    """Write the segments ``write_jsonl`` would, as an XLIFF 1.2 file; return ``path``."""
    talks = talks_from_tsv(tsv) if tsv else talks_from_corpora()
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2">\n'
                  '<file original="benchmark" source-language="zh" target-language="en" datatype="plaintext">\n<body>\n')
        for obj in segments(talks, kind, n, seed):
            out.write(f'<trans-unit id={quoteattr(obj["id"])}>\n  <source>{escape(obj["source"])}</source>\n'
                      f'  <target state="translated">{escape(obj["target"])}</target>\n</trans-unit>\n')
        out.write("</body>\n</file>\n</xliff>\n")
    return path


def write_segments(path: Path, kind: str, n: int, tsv: Path | None = None, seed: int = 0) -> Path:
    """``write_tmx`` for a path ending in .tmx, ``write_xliff`` for .xlf, else ``write_jsonl``."""
    write = {".tmx": write_tmx, ".xlf": write_xliff}.get(path.suffix.lower(), write_jsonl)
    return write(path, kind, n, tsv, seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tsv", type=Path, help="an MQM TSV (system, doc, seg_id, source, target columns)")
    ap.add_argument("--kind", choices=("paragraph", "short"), default="paragraph")
    ap.add_argument("-n", type=int, default=1000, help="segments to write (default: 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    write_segments(args.output, args.kind, args.n, args.tsv, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
