"""The hf engine: a transformers sequence-to-sequence model (opus-mt, NLLB, M2M100) by hub name or folder."""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import threading
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evalkit.engines.base import DEFAULT_MODEL, BatchedEngine, Runner, first_line
from evalkit.engines.pairs import nllb_code
from evalkit.lang import primary
from evalkit.runs import cpu_share
from evalkit.errors import ModelError

# torch and transformers are imported inside the methods that need them: building an engine
# only checks that its model can be had, and a run whose segments are all cached never loads it.

HUB_TIMEOUT_ENV = "EVALKIT_HUB_TIMEOUT"  # seconds to wait for the hub before calling it unreachable
HUB_TIMEOUT = 3.0
CONFIG_FILE = "config.json"
WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)


# -- finding the model ----------------------------------------------------------------------


@dataclass(frozen=True)
class ModelSource:
    """Where a model's files are: a folder named by the user, a cached hub snapshot, or the hub."""

    name: str  # as the user gave it
    path: Path | None  # a folder holding every file; None: from_pretrained downloads by name
    is_local: bool  # the user named a folder, not a hub model
    revision: str | None = None  # the snapshot's commit, for a cached hub model

    @property
    def load_from(self) -> str:
        return str(self.path) if self.path is not None else self.name

    @property
    def identity(self) -> str:
        """The model as a cache key sees it: an absolute folder, or the hub name."""
        return str(self.path.resolve()) if self.is_local and self.path is not None else self.name

    def fingerprint(self) -> str:
        """Changes when the model's files change: their sizes and times for a folder, else the revision."""
        if not self.is_local or self.path is None:
            return self.revision or ""
        parts = []
        for file in (CONFIG_FILE, *WEIGHT_FILES):
            try:
                st = (self.path / file).stat()
            except OSError:
                continue
            parts.append(f"{file}:{st.st_size}:{st.st_mtime_ns}")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _fix_hint(model: str) -> str:
    return (
        f"download it where the hub is reachable (hf download {model}) or pass --model /path/to/model,"
        " or use --engine lexicon"
    )


def _looks_like_path(model: str) -> bool:
    """A hub name is "name" or "owner/name"; anything else that is not a folder is a bad path."""
    return model.startswith((".", "/", "~")) or "\\" in model or model.count("/") > 1 or os.path.isabs(model)


def _hub_offline() -> bool:
    value = os.environ.get("HF_HUB_OFFLINE") or os.environ.get("TRANSFORMERS_OFFLINE") or ""
    return value.strip().lower() in ("1", "true", "yes", "on")


def _cached_hub_snapshot(model: str) -> tuple[Path, str] | None:
    """The cached snapshot folder and commit of a hub model whose config and weights are cached."""
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    try:
        config = try_to_load_from_cache(model, CONFIG_FILE)
    except Exception:  # an invalid repo id raises a validation error; treat it as not cached
        return None
    if not isinstance(config, str):
        return None
    folder = Path(config).parent
    if not any((folder / name).exists() for name in WEIGHT_FILES):
        return None
    return folder, folder.name


_PROBES: dict[str, str | None] = {}  # model -> why the hub cannot serve it (None: it can), per process


def _probe_hub(model: str) -> None:
    """Fail fast, with a ModelError, unless the hub answers for ``model`` within a few seconds.

    One HEAD request without retries, bounded as a whole (name lookup included) by a thread
    join: huggingface_hub itself would retry for half a minute. The answer is remembered, so
    ``--engine auto`` trying ct2 then hf waits once.
    """
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")
    key = f"{endpoint}/{model}"
    if key not in _PROBES:
        try:
            timeout = float(os.environ.get(HUB_TIMEOUT_ENV, HUB_TIMEOUT))
        except ValueError:
            timeout = HUB_TIMEOUT
        answer: list[str | None] = []
        worker = threading.Thread(
            target=lambda: answer.append(_ask_hub(f"{key}/resolve/main/{CONFIG_FILE}", model, timeout)), daemon=True
        )
        worker.start()
        worker.join(timeout + 1.0)
        _PROBES[key] = answer[0] if answer else f"no answer within {timeout:g} s"
    problem = _PROBES[key]
    if problem is None:
        return
    if problem.startswith("missing:"):
        raise ModelError(
            f"cannot load model {model!r}: the Hugging Face hub has no such model, or it is gated"
            f" ({problem[8:]}); check the name, log in with `hf auth login`, or pass --model /path/to/model"
        )
    raise ModelError(
        f"cannot load model {model!r}: not in the local Hugging Face cache and the hub is unreachable"
        f" ({problem}); {_fix_hint(model)}"
    )


def _ask_hub(url: str, model: str, timeout: float) -> str | None:
    """None when the hub serves ``url``; else "missing: ..." or why it could not be reached."""
    headers = {"User-Agent": "evalkit"}
    with contextlib.suppress(Exception):  # no token, or an older huggingface_hub: ask anonymously
        from huggingface_hub import get_token

        token = get_token()
        if token:
            headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, method="HEAD", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout):
            return None
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403, 404):
            return f"missing:HTTP {exc.code}"
        return f"HTTP {exc.code}"
    except (OSError, ValueError) as exc:  # URLError, timeouts, refused connections, a bad HF_ENDPOINT
        return str(getattr(exc, "reason", exc))


def _check_seq2seq(model: str, folder: Path, engine: str) -> None:
    try:
        config = json.loads((folder / CONFIG_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load model {model!r}: unreadable {CONFIG_FILE} ({exc})") from exc
    if not config.get("is_encoder_decoder", False):
        kind = config.get("model_type", "unknown")
        raise ModelError(
            f"cannot load model {model!r}: a {kind!r} model is not sequence-to-sequence; the {engine} engine"
            f" needs an encoder-decoder translation model such as {DEFAULT_MODEL}"
        )


def resolve_model(model: str, engine: str = "hf") -> ModelSource:
    """Find ``model`` cheaply (no weights read), or raise a one-line ModelError that says how to fix it.

    A folder must hold config.json and weights; a hub name must be cached with its weights, or
    the hub must answer within a few seconds (then from_pretrained downloads it on first use).
    """
    if not model or not model.strip():
        raise ModelError(f"no model given for the {engine} engine; pass --model NAME_OR_PATH")
    folder = Path(model).expanduser()
    if folder.is_dir():
        if not (folder / CONFIG_FILE).is_file():
            raise ModelError(
                f"cannot load model {model!r}: the folder has no {CONFIG_FILE}, so it is not a transformers"
                " model; pass --model a folder written by save_pretrained, or a hub name"
            )
        if not any((folder / name).is_file() for name in WEIGHT_FILES):
            raise ModelError(
                f"cannot load model {model!r}: the folder has no weights (model.safetensors or"
                " pytorch_model.bin); save the model again with save_pretrained"
            )
        _check_seq2seq(model, folder, engine)
        return ModelSource(model, folder, is_local=True)
    if folder.exists():
        raise ModelError(
            f"cannot load model {model!r}: it is a file, not a model folder; pass --model a folder written by"
            " save_pretrained, or a hub name"
        )
    if _looks_like_path(model):
        raise ModelError(
            f"cannot load model {model!r}: no such model folder; pass --model an existing folder or a hub"
            f" name such as {DEFAULT_MODEL}"
        )
    cached = _cached_hub_snapshot(model)
    if cached is not None:
        snapshot, revision = cached
        _check_seq2seq(model, snapshot, engine)
        return ModelSource(model, snapshot, is_local=False, revision=revision)
    if _hub_offline():
        raise ModelError(
            f"cannot load model {model!r}: not in the local Hugging Face cache and HF_HUB_OFFLINE is set;"
            f" {_fix_hint(model)}"
        )
    _probe_hub(model)
    return ModelSource(model, None, is_local=False)


@contextlib.contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence transformers' progress bars and advice while loading; a run's output is the report."""
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    verbosity = hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def load_tokenizer(source: ModelSource) -> Any:
    """The model's transformers tokenizer, from local files only when the model is local or cached."""
    from transformers import AutoTokenizer

    try:
        with quiet_transformers():
            return AutoTokenizer.from_pretrained(source.load_from, local_files_only=source.path is not None)
    except Exception as exc:  # OSError, ValueError, ImportError (sentencepiece) ... all mean "cannot load"
        raise ModelError(f"cannot load the tokenizer of model {source.name!r}: {first_line(exc)}") from exc


# -- language codes of multilingual models -----------------------------------------------------


def language_tokens(tokenizer: Any, src_lang: str | None, tgt_lang: str | None) -> str | None:
    """Set the source language on a multilingual tokenizer and return the target-language token.

    Pair models (opus-mt) have no language tokens: nothing is set and None is returned.
    """
    if not hasattr(tokenizer, "src_lang") or not tgt_lang:
        return None

    # Only special tokens count: an ordinary piece spelled "en" must never be forced as a prefix.
    special = set(getattr(tokenizer, "all_special_tokens", []))
    special |= set(getattr(tokenizer, "lang_token_to_id", None) or {})  # M2M100: "__en__"
    with contextlib.suppress(Exception):
        special |= set(tokenizer.get_added_vocab())

    def known(token: str) -> bool:
        return token in special and tokenizer.convert_tokens_to_ids(token) != tokenizer.unk_token_id

    def spellings(lang: str) -> list[tuple[str, str]]:  # (token, what tokenizer.src_lang wants)
        out = [(f"__{lang}__", lang), (lang, lang)]
        base = primary(lang)  # M2M100: '__de__' for 'de-AT'
        if base != lang:
            out += [(f"__{base}__", base), (base, base)]
        code = nllb_code(lang)  # NLLB: 'deu_Latn'
        if code:
            out.append((code, code))
        return out

    tgt = next((tok for tok, _ in spellings(tgt_lang) if known(tok)), None)
    if tgt is None:
        return None
    if src_lang:
        for tok, code in spellings(src_lang):
            if known(tok):
                with contextlib.suppress(Exception):
                    tokenizer.src_lang = code
                break
    return tgt


# -- output lengths (ct2 shares them) ---------------------------------------------------------


def output_cap(source_len: int, ratio: float, offset: int, max_new: int, min_new: int, limit: int) -> int:
    """How many tokens a translation of ``source_len`` tokens may have; never beyond ``limit``."""
    return max(1, min(limit, max(min_new, min(max_new, math.ceil(ratio * source_len + offset)))))


def max_positions(config: Any, tokenizer: Any) -> int:
    """The longest sequence the model takes: its position table, or the tokenizer's limit."""
    limits = (
        getattr(config, "max_position_embeddings", None),
        getattr(tokenizer, "model_max_length", None),
    )
    sane = [int(x) for x in limits if isinstance(x, int) and 0 < x < 1_000_000]
    return min(sane) if sane else 512


# -- the engine -----------------------------------------------------------------------------


class HFEngine(BatchedEngine):
    """Re-translates with a transformers encoder-decoder model, on GPU when there is one.

    Decoding is deterministic (greedy, or beam search with ``beam_size`` > 1; never sampling).
    A translation may have at most ``ceil(max_length_ratio * source tokens + max_length_offset)``
    tokens, capped by ``max_new_tokens``; ``min_new_tokens`` forces a minimum. After each
    ``translate`` or ``score`` call, ``failed`` lists the indices that could not be done even one
    at a time; they get "" (or no scores).
    """

    name = "hf"

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        device: str | None = None,
        batch_size: int = 16,
        beam_size: int = 1,
        max_length_ratio: float = 2.0,
        max_length_offset: int = 10,
        max_new_tokens: int = 512,
        min_new_tokens: int = 0,
        threads: int | None = None,
        src_lang: str | None = "zh",
        tgt_lang: str | None = "en",
    ) -> None:
        if batch_size < 1 or beam_size < 1:
            raise ModelError(f"batch_size and beam_size must be at least 1, not {batch_size} and {beam_size}")
        self.model = model
        self.source = resolve_model(model, self.name)
        self.device = device
        self.batch_size = batch_size
        self.beam_size = beam_size
        self.max_length_ratio = max_length_ratio
        self.max_length_offset = max_length_offset
        self.max_new_tokens = max_new_tokens
        self.min_new_tokens = min_new_tokens
        self.threads = threads
        self.src_lang = src_lang
        self.tgt_lang = tgt_lang
        self.failed: list[int] = []
        self.last_error: str | None = None
        self._model: Any = None
        self._tokenizer: Any = None
        self._gen_extra: dict[str, Any] = {}
        self._masked_ids: list[int] = []

    # -- identity ---------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """Whether the weights have been loaded (they are, on the first translate or score)."""
        return self._model is not None

    def cache_key(self) -> dict[str, Any]:
        """Everything that decides this engine's output, for the translation cache."""
        return {
            "engine": self.name,
            "model": self.source.identity,
            "fingerprint": self.source.fingerprint(),
            "beam_size": self.beam_size,
            "max_length_ratio": self.max_length_ratio,
            "max_length_offset": self.max_length_offset,
            "max_new_tokens": self.max_new_tokens,
            "min_new_tokens": self.min_new_tokens,
            "src_lang": self.src_lang,
            "tgt_lang": self.tgt_lang,
        }

    # -- loading ----------------------------------------------------------------------------

    def _load(self) -> None:
        if self._model is not None:
            return
        import torch
        from transformers import AutoModelForSeq2SeqLM

        device = self.device or ("cuda" if torch.cuda.is_available() else "cpu")
        if device == "cpu":  # this run's share of the CPUs (evalkit/runs.py)
            torch.set_num_threads(self.threads or cpu_share())
        tokenizer = load_tokenizer(self.source)
        try:
            with quiet_transformers():
                model = AutoModelForSeq2SeqLM.from_pretrained(
                    self.source.load_from, local_files_only=self.source.path is not None
                )
            model.to(device)
        except Exception as exc:  # OSError, ValueError, torch errors: all mean "cannot load"
            raise ModelError(f"cannot load model {self.model!r}: {first_line(exc)}") from exc
        model.eval()
        # Lengths come from max_new_tokens on every call; a saved max_length would only warn.
        model.generation_config.max_length = None
        model.generation_config.min_length = None
        target_token = language_tokens(tokenizer, self.src_lang, self.tgt_lang)
        if target_token is not None:
            self._gen_extra["forced_bos_token_id"] = tokenizer.convert_tokens_to_ids(target_token)
        # Tokens generation may never produce (opus-mt's <pad>) are left out of the scores' softmax too.
        bad = getattr(model.generation_config, "bad_words_ids", None) or []
        self._masked_ids = sorted({ids[0] for ids in bad if len(ids) == 1})
        self._device = device
        self._limit = max_positions(model.config, tokenizer)
        self._tokenizer = tokenizer
        self._model = model

    # -- translating ------------------------------------------------------------------------

    def _cap(self, source_len: int) -> int:
        return output_cap(
            source_len,
            self.max_length_ratio,
            self.max_length_offset,
            self.max_new_tokens,
            self.min_new_tokens,
            self._limit - 2,  # the decoder's start and end tokens take a position each
        )

    def _translate_runner(self, batch: list[str]) -> tuple[Runner, list[int]]:
        import torch

        ids = self._tokenizer(batch, truncation=True, max_length=self._limit)["input_ids"]

        caps = [self._cap(len(x)) for x in ids]
        prefix = 1 if "forced_bos_token_id" in self._gen_extra else 0

        def run(indices: list[int]) -> list[str]:
            enc = self._tokenizer.pad({"input_ids": [ids[i] for i in indices]}, return_tensors="pt")
            cap = max(caps[i] for i in indices)
            with torch.inference_mode():
                out = self._model.generate(
                    input_ids=enc["input_ids"].to(self._device),
                    attention_mask=enc["attention_mask"].to(self._device),
                    do_sample=False,
                    num_beams=self.beam_size,
                    num_return_sequences=1,
                    # one step more than the cap leaves room for the end token, so that a cut
                    # translation has `cap` tokens of text, as with CTranslate2
                    max_new_tokens=cap + prefix + 1,
                    min_new_tokens=min(self.min_new_tokens, cap) + prefix,
                    **self._gen_extra,
                )
            # Each text keeps only its own cap, so its translation does not depend on which
            # longer texts shared its batch (greedy output is then identical to one-by-one).
            rows = out[:, 1:].tolist()  # position 0 is the decoder's start token
            return [
                self._tokenizer.decode(row[: caps[i] + prefix], skip_special_tokens=True)
                for row, i in zip(rows, indices)
            ]

        return run, [len(x) for x in ids]

    def _score_runner(self, sources: list[str], targets: list[str]) -> tuple[Runner, list[int]]:
        import torch

        src_ids = self._tokenizer(sources, truncation=True, max_length=self._limit)["input_ids"]
        tgt_ids = self._tokenizer(text_target=targets, truncation=True, max_length=self._limit)["input_ids"]
        pad = self._tokenizer.pad_token_id if self._tokenizer.pad_token_id is not None else 0

        def run(indices: list[int]) -> list[list[tuple[str, float]]]:
            enc = self._tokenizer.pad({"input_ids": [src_ids[i] for i in indices]}, return_tensors="pt")
            width = max(len(tgt_ids[i]) for i in indices)
            labels = torch.tensor([tgt_ids[i] + [pad] * (width - len(tgt_ids[i])) for i in indices])
            decoder_input_ids = self._decoder_inputs(labels)
            with torch.inference_mode():
                logits = self._model(
                    input_ids=enc["input_ids"].to(self._device),
                    attention_mask=enc["attention_mask"].to(self._device),
                    decoder_input_ids=decoder_input_ids.to(self._device),
                ).logits.float()
                if self._masked_ids:
                    logits[..., self._masked_ids] = float("-inf")
                # log p(label) = logit(label) - logsumexp(logits): no second vocabulary-sized tensor
                chosen = logits.gather(-1, labels.to(self._device).unsqueeze(-1)).squeeze(-1)
                logprobs = chosen - logits.logsumexp(-1)
            logprobs = logprobs.cpu().tolist()
            out = []
            for row, i in enumerate(indices):
                n = len(tgt_ids[i])
                tokens = self._tokenizer.convert_ids_to_tokens(tgt_ids[i])
                out.append(list(zip(tokens, logprobs[row][:n])))
            return out

        return run, [len(x) for x in src_ids]

    def _decoder_inputs(self, labels: Any) -> Any:
        if hasattr(self._model, "prepare_decoder_input_ids_from_labels"):
            return self._model.prepare_decoder_input_ids_from_labels(labels=labels)
        start = self._model.config.decoder_start_token_id
        shifted = labels.new_full(labels.shape, start)
        shifted[:, 1:] = labels[:, :-1]
        return shifted

    def _note_error(self, exc: BaseException) -> None:
        super()._note_error(exc)
        if getattr(self, "_device", "cpu").startswith("cuda"):
            import torch

            torch.cuda.empty_cache()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(model={self.model!r}, beam_size={self.beam_size})"
