"""The ct2 engine: a transformers translation model converted once to CTranslate2, fast on CPU."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from evalkit.engines.base import DEFAULT_MODEL, BatchedEngine, Runner, first_line
from evalkit.engines.hf import (
    language_tokens,
    load_tokenizer,
    max_positions,
    output_cap,
    quiet_transformers,
    resolve_model,
)
from evalkit.errors import ModelError
from evalkit.runs import cpu_share

# ctranslate2 and transformers are imported on first use: building the engine only checks
# that the model and the library are there.

MARKER = "evalkit-conversion.json"  # written last: a folder without it is an interrupted conversion
# Encoder-decoder model types CTranslate2's transformers converter handles. Checked from
# config.json when the engine is built, so that `--engine auto` moves on to hf at once instead
# of failing at the first translation; importing the converter itself would load torch.
CONVERTIBLE = {"marian", "bart", "mbart", "m2m_100", "t5", "mt5", "umt5", "pegasus", "t5gemma", "t5gemma2"}


def _ct2_installed() -> bool:
    return importlib.util.find_spec("ctranslate2") is not None


def _check_convertible(model: str, folder: Path | None) -> None:
    if folder is None:  # a hub model not downloaded yet: its conversion will tell
        return
    try:
        kind = json.loads((folder / "config.json").read_text(encoding="utf-8")).get("model_type")
    except (OSError, ValueError):
        return
    if kind not in CONVERTIBLE:
        raise ModelError(
            f"cannot load model {model!r} with the ct2 engine: CTranslate2 does not convert {kind!r} models;"
            " use --engine hf"
        )


def thread_split(threads: int, most_workers: int = 4) -> tuple[int, int]:
    """How CTranslate2 uses ``threads`` CPU threads: (workers, threads per worker).

    A worker (CTranslate2's ``inter_threads``) translates one batch; several translate a batch
    each at the same time. For a model of opus-mt's size, single-threaded workers side by side beat
    one worker with all threads (``intra_threads``): on 2 cores, 2 workers of 1 thread translate
    about 1.9 times as many segments a second as 1 worker of 2 (benchmarks/README.md).
    """
    workers = max(1, min(threads, most_workers))
    return workers, max(1, threads // workers)


class CT2Engine(BatchedEngine):
    """Re-translates with CTranslate2; converts the model once and keeps the conversion.

    ``model`` is a hub name or a transformers model folder, as for the hf engine. The
    conversion lives under the evalkit cache folder (``cache_dir`` overrides it), named after
    the model, a hash of its identity and file times, and the quantisation. ``compute_type``
    defaults to int8 on CPU and float16 on GPU. Decoding options and ``failed`` work as in
    HFEngine.
    """

    name = "ct2"

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        device: str | None = None,
        compute_type: str | None = None,
        batch_size: int = 32,
        beam_size: int = 1,
        max_length_ratio: float = 2.0,
        max_length_offset: int = 10,
        max_new_tokens: int = 512,
        min_new_tokens: int = 0,
        threads: int | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        src_lang: str | None = "zh",
        tgt_lang: str | None = "en",
    ) -> None:
        if not _ct2_installed():
            raise ModelError(
                "the ct2 engine needs CTranslate2, which is not installed; install the ct2 extra"
                " (pip install 'evalkit-l10n[ct2]') or use --engine hf"
            )
        if batch_size < 1 or beam_size < 1:
            raise ModelError(f"batch_size and beam_size must be at least 1, not {batch_size} and {beam_size}")
        self.model = model
        self.source = resolve_model(model, self.name)
        _check_convertible(model, self.source.path)
        self.device = device
        self.compute_type = compute_type
        self.batch_size = batch_size
        self.beam_size = beam_size
        self.max_length_ratio = max_length_ratio
        self.max_length_offset = max_length_offset
        self.max_new_tokens = max_new_tokens
        self.min_new_tokens = min_new_tokens
        self.threads = threads
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.src_lang = src_lang
        self.tgt_lang = tgt_lang
        self.failed: list[int] = []
        self.last_error: str | None = None
        self.converted = False  # whether this engine did the conversion (rather than reuse one)
        self._translator: Any = None
        self._workers = 1
        self._tokenizer: Any = None
        self._target_prefix: str | None = None

    # -- identity ---------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """Whether the converted model has been loaded (it is, on the first translate or score)."""
        return self._translator is not None

    def resolved_device(self) -> str:
        if self.device:
            return "cuda" if self.device.startswith("cuda") else self.device
        import ctranslate2

        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"

    def resolved_compute_type(self) -> str:
        if self.compute_type:
            return self.compute_type
        return "float16" if self.resolved_device() == "cuda" else "int8"

    def cache_key(self) -> dict[str, Any]:
        """Everything that decides this engine's output, for the translation cache."""
        return {
            "engine": self.name,
            "model": self.source.identity,
            "fingerprint": self.source.fingerprint(),
            "compute_type": self.resolved_compute_type(),
            "beam_size": self.beam_size,
            "max_length_ratio": self.max_length_ratio,
            "max_length_offset": self.max_length_offset,
            "max_new_tokens": self.max_new_tokens,
            "min_new_tokens": self.min_new_tokens,
            "src_lang": self.src_lang,
            "tgt_lang": self.tgt_lang,
        }

    # -- conversion -------------------------------------------------------------------------

    def conversion_dir(self) -> Path:
        """The folder the converted model lives in (it may not exist yet)."""
        import ctranslate2

        from evalkit.cache import cache_dir

        base = self.cache_dir if self.cache_dir is not None else cache_dir() / "ct2"
        identity = "|".join((self.source.identity, self.source.fingerprint(), ctranslate2.__version__))
        digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:12]
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(self.model.rstrip("/\\")).name or "model")[:60]
        return base / f"{safe}-{digest}-{self.resolved_compute_type()}"

    def _convert(self) -> Path:
        """Convert the model unless a finished conversion is there; safe when two runs race."""
        target = self.conversion_dir()
        if (target / MARKER).is_file():
            return target
        from ctranslate2.converters import TransformersConverter

        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ModelError(f"cannot create the CTranslate2 cache folder {target.parent}: {exc}") from exc
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            with quiet_transformers():
                TransformersConverter(self.source.load_from, low_cpu_mem_usage=True).convert(
                    str(work), quantization=self.resolved_compute_type(), force=True
                )
            (work / MARKER).write_text(
                json.dumps({"model": self.model, "identity": self.source.identity,
                            "compute_type": self.resolved_compute_type()}),
                encoding="utf-8",
            )  # fmt: skip
            if target.exists() and not (target / MARKER).is_file():
                shutil.rmtree(target, ignore_errors=True)  # an interrupted conversion
            try:
                os.rename(work, target)
            except OSError:
                if not (target / MARKER).is_file():  # not a lost race with another run
                    raise
            else:
                self.converted = True
        except ModelError:
            raise
        except Exception as exc:  # the converter raises ValueError, OSError, NotImplementedError ...
            raise ModelError(
                f"cannot convert model {self.model!r} to CTranslate2: {first_line(exc)}; try --engine hf"
            ) from exc
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return target

    def _load(self) -> None:
        if self._translator is not None:
            return
        import ctranslate2

        tokenizer = load_tokenizer(self.source)
        folder = self._convert()
        device = self.resolved_device()
        index = self.device.partition(":")[2] if self.device else ""
        workers, per_worker = thread_split(self.threads or cpu_share()) if device == "cpu" else (1, 0)
        try:
            translator = ctranslate2.Translator(
                str(folder),
                device=device,
                device_index=int(index) if index.isdigit() else 0,
                compute_type=self.resolved_compute_type(),
                inter_threads=workers,
                intra_threads=per_worker,
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"cannot load model {self.model!r} with CTranslate2: {first_line(exc)}") from exc
        from transformers import AutoConfig

        try:
            config = AutoConfig.from_pretrained(self.source.load_from, local_files_only=True)
        except (OSError, ValueError):  # a hub model converted from the download cache: the tokenizer knows
            config = None
        self._limit = max_positions(config, tokenizer)
        self._target_prefix = language_tokens(tokenizer, self.src_lang, self.tgt_lang)
        self._tokenizer = tokenizer
        self._workers = workers
        self._translator = translator

    def _call_size(self) -> int:
        """Inputs per CTranslate2 call: a batch for every worker, so that all of them work even at
        ``batch_size`` 1 (CTranslate2 hands a call's batches to its workers side by side)."""
        return self.batch_size * self._workers

    def _sub_batch(self, n: int) -> int:
        """Examples per CTranslate2 batch: a call's ``n`` inputs shared out among the workers,
        never more than ``batch_size``."""
        return max(1, min(self.batch_size, -(-n // self._workers)))

    def _tokens(self, texts: list[str], target: bool = False) -> list[list[str]]:
        key = "text_target" if target else "text"
        ids = self._tokenizer(**{key: texts}, truncation=True, max_length=self._limit)["input_ids"]
        return [self._tokenizer.convert_ids_to_tokens(x) for x in ids]

    # -- translating ------------------------------------------------------------------------

    def _translate_runner(self, batch: list[str]) -> tuple[Runner, list[int]]:
        tokens = self._tokens(batch)
        prefix = self._target_prefix

        caps = [
            output_cap(
                len(x),
                self.max_length_ratio,
                self.max_length_offset,
                self.max_new_tokens,
                self.min_new_tokens,
                self._limit - 2,  # as for hf: the start and end tokens take a position each
            )
            for x in tokens
        ]

        def run(indices: list[int]) -> list[str]:
            cap = max(caps[i] for i in indices)
            out = self._translator.translate_batch(
                [tokens[i] for i in indices],
                target_prefix=[[prefix] for _ in indices] if prefix else None,
                max_batch_size=self._sub_batch(len(indices)),
                batch_type="examples",
                beam_size=self.beam_size,
                num_hypotheses=1,
                sampling_topk=1,
                max_decoding_length=cap + (1 if prefix else 0),
                min_decoding_length=min(self.min_new_tokens, cap) + (1 if prefix else 0),
                max_input_length=0,  # already truncated by the tokenizer
                return_scores=False,
            )
            texts = []
            for result, i in zip(out, indices):
                hyp = result.hypotheses[0]
                if prefix and hyp[:1] == [prefix]:
                    hyp = hyp[1:]
                # each text keeps its own cap, as in HFEngine.translate
                ids = self._tokenizer.convert_tokens_to_ids(hyp[: caps[i]])
                texts.append(self._tokenizer.decode(ids, skip_special_tokens=True))
            return texts

        return run, [len(x) for x in tokens]

    def _score_runner(self, sources: list[str], targets: list[str]) -> tuple[Runner, list[int]]:
        src = self._tokens(sources)
        tgt = self._tokens(targets, target=True)
        eos = self._tokenizer.eos_token
        # CTranslate2 adds the end token itself.
        tgt = [t[:-1] if t and t[-1] == eos else t for t in tgt]

        def run(indices: list[int]) -> list[list[tuple[str, float]]]:
            out = self._translator.score_batch(
                [src[i] for i in indices],
                [tgt[i] for i in indices],
                max_batch_size=self._sub_batch(len(indices)),
                batch_type="examples",
                max_input_length=0,
            )
            return [list(zip(r.tokens, (float(x) for x in r.log_probs))) for r in out]

        return run, [len(x) for x in src]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(model={self.model!r}, compute_type={self.compute_type!r})"
