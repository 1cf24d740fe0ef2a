"""Builds tiny random-weight Marian translation models, saved like opus-mt, for engine tests and benchmarks."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "si-county"

# Used when the corpus has no Chinese source text: sentences in the style of the si-county page.
CHINESE_FALLBACK = [
    "安徽泗县：党建引领乡村治理，激活乡村振兴新动能",
    "近年来，安徽省宿州市泗县聚焦乡村治理难题，以党建为引领，以法治为保障。",
    "全力打造乡村服务圈、治理圈和生活圈，群众的获得感、幸福感、安全感不断增强。",
    "党建引领打造乡村“服务圈”。",
    "聚焦乡村治理和制度设计，加强基层党组织建设，深入实施“五星联创”行动。",
    "全县167个行政村划分为1804个农村网格党小组。",
    "形成“镇包村、村包组、组包户”的网格化治理服务体系。",
    "整合辅警、律师、司法、保险、综治和社会志愿服务等力量进入网格。",
    "构建“党建引领、多网融合、一网治理”的基层社会治理新格局。",
    "利用“互联网+”等现代技术，提升乡村治理的智能化水平。",
    "法治保障打造乡村“治理圈”，推进平安乡村建设。",
    "村民兴冲冲地来到村部，办理各项事务。",
    "2022年8月10日，泗县融媒体中心报道。",
    "雷锋精神在乡村志愿服务中代代相传。",
]


def source_lines() -> list[str]:
    """Chinese source sentences: the corpus's, when it has them, else the fallback above."""
    path = CORPUS / "source.zh.txt"
    if path.is_file():
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if lines:
            return lines
    return list(CHINESE_FALLBACK)


def target_lines() -> list[str]:
    """English sentences of the corpus's machine translation."""
    text = (CORPUS / "target.en.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _train_spm(lines: list[str], prefix: Path, vocab_size: int) -> Path:
    import sentencepiece as spm

    # Every character must fit in the vocabulary, so a larger corpus may need a larger one.
    vocab_size = max(vocab_size, len(set("".join(lines))) + 20)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        character_coverage=1.0,
        model_type="unigram",
        hard_vocab_limit=False,
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def build_tiny_marian(
    folder: str | Path,
    *,
    d_model: int = 64,
    layers: int = 2,
    heads: int = 2,
    ffn_dim: int = 128,
    src_vocab: int = 300,
    tgt_vocab: int = 300,
    vocab_size: int | None = None,
    max_positions: int = 256,
    init_std: float = 0.2,
    seed: int = 0,
) -> Path:
    """Save a random-weight MarianMTModel and MarianTokenizer into ``folder``, as opus-mt ships them.

    The sentencepiece models are trained on the corpus; the shared vocab.json holds their pieces
    with </s> first and <pad> last, like opus-mt's. ``vocab_size`` pads the vocabulary with
    filler tokens up to that size (65001 is opus-mt-zh-en's). A larger ``init_std`` than
    Marian's 0.02 makes the random model's output depend on its input; 0.2 keeps it mild
    enough that int8 quantisation changes few of its choices.
    """
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    from evalkit.engines.hf import quiet_transformers

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    src_model = _train_spm(source_lines(), folder / "source", src_vocab)
    tgt_model = _train_spm(target_lines(), folder / "target", tgt_vocab)
    src_model.replace(folder / "source.spm")
    tgt_model.replace(folder / "target.spm")
    for leftover in folder.glob("*.vocab"):
        leftover.unlink()

    import sentencepiece as spm

    vocab = {"</s>": 0, "<unk>": 1}
    for model_file in ("source.spm", "target.spm"):
        sp = spm.SentencePieceProcessor(model_file=str(folder / model_file))
        for i in range(sp.get_piece_size()):
            vocab.setdefault(sp.id_to_piece(i), len(vocab))
    if vocab_size is not None:
        for i in range(len(vocab), vocab_size - 1):
            vocab[f"▁filler{i}"] = i
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")

    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn_dim,
        decoder_ffn_dim=ffn_dim,
        max_position_embeddings=max_positions,
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
        init_std=init_std,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]],
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad,
        max_length=max_positions,
        num_beams=1,
    )
    with quiet_transformers():
        model.save_pretrained(folder)
        tokenizer = MarianTokenizer(
            str(folder / "source.spm"),
            str(folder / "target.spm"),
            str(folder / "vocab.json"),
            model_max_length=max_positions,
        )
        tokenizer.save_pretrained(folder)
    return folder
