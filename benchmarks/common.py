"""What the benchmarks share: the opus-mt-zh-en-shaped model, its inputs, timing by medians."""

from __future__ import annotations

import json
import os
import platform
import random
import re
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"  # ignored by git: the built model, conversions, raw figures

if str(ROOT) not in sys.path:  # `python benchmarks/bench_x.py` as well as `python -m benchmarks`
    sys.path.insert(0, str(ROOT))

# Helsinki-NLP/opus-mt-zh-en's config.json, written out by hand (the benchmarks run offline).
OPUS_MT_ZH_EN = {
    "d_model": 512,
    "layers": 6,
    "heads": 8,
    "ffn_dim": 2048,
    "vocab_size": 65001,
    "max_positions": 512,
}
N_INPUTS = 256
MIN_TOKENS, MAX_TOKENS = 15, 60
OUTPUT_TOKENS = 40
MODEL_VERSION = 1  # bump to rebuild a model left in benchmarks/out by an older script


@dataclass
class Timing:
    """Wall seconds of each run of one measurement; reported as the median."""

    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def opus_mt_like_model() -> Path:
    """A random-weight model of the exact opus-mt-zh-en architecture (77M parameters), built once."""
    from tests.tinymodel import build_tiny_marian

    folder = OUT / "opus-mt-zh-en-random"
    stamp = folder / "evalkit-benchmark.json"
    wanted = {"version": MODEL_VERSION, **OPUS_MT_ZH_EN}
    if stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return folder
    cfg = OPUS_MT_ZH_EN
    build_tiny_marian(
        folder,
        d_model=cfg["d_model"],
        layers=cfg["layers"],
        heads=cfg["heads"],
        ffn_dim=cfg["ffn_dim"],
        vocab_size=cfg["vocab_size"],
        max_positions=cfg["max_positions"],
        src_vocab=8000,
        tgt_vocab=8000,
        init_std=0.02,  # Marian's own initialisation
    )
    stamp.write_text(json.dumps(wanted))
    return folder


def benchmark_inputs(model: Path, n: int = N_INPUTS, seed: int = 0) -> list[str]:
    """``n`` Chinese texts of 15-60 tokens each (uniformly spread), cut from the corpus's source text."""
    from transformers import AutoTokenizer

    from evalkit.engines.hf import quiet_transformers
    from tests.tinymodel import source_lines

    with quiet_transformers():
        tokenizer = AutoTokenizer.from_pretrained(str(model), local_files_only=True)
    text = "".join(source_lines())
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        want = rng.randint(MIN_TOKENS, MAX_TOKENS)
        start = rng.randrange(len(text) // 2)
        end = start + want // 2
        while end < len(text) and len(tokenizer(text[start:end])["input_ids"]) - 1 < want:
            end += 1
        out.append(text[start:end])
    return out


def machine() -> str:
    """One line about where the figures come from."""
    import ctranslate2
    import torch
    import transformers

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from evalkit.runs import cpu_threads

    return (
        f"{cpu}, {cpu_threads()} CPU threads, Python {platform.python_version()}, torch {torch.__version__},"
        f" transformers {transformers.__version__}, ctranslate2 {ctranslate2.__version__}"
    )


def markdown_table(header: list[str], rows: list[list[str]], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(header) - 1)
    marks = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def env_threads() -> None:
    """Keep tokenizers' own thread pool from competing with the engine being timed."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- section {name}: start -->", f"<!-- section {name}: end -->"


def write_section(path: Path, name: str, block: str) -> None:
    """Put ``block`` between the markers of section ``name`` of the Markdown file ``path`` (added at
    its end the first time), so that several benchmarks write into one report."""
    start, end = _markers(name)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if start in text and end in text:
        head, rest = text.split(start, 1)
        tail = rest.split(end, 1)[1]
    else:
        head, tail = text.rstrip() + "\n\n" if text.strip() else "", "\n"
    path.write_text(f"{head}{start}\n{block.strip()}\n{end}{tail}", encoding="utf-8")


def kept_sections(old: str, new: str) -> str:
    """``new`` with the marked sections of ``old`` that it lacks appended: a benchmark that rewrites a
    whole report keeps what the others wrote into it."""
    for m in re.finditer(r"<!-- section (\S+): start -->.*?<!-- section \1: end -->", old, re.S):
        if m.group(0).split("\n", 1)[0] not in new:
            new = new.rstrip() + "\n\n" + m.group(0) + "\n"
    return new
