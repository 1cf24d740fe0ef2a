"""Which MT model re-translates which language pair, without asking the hub.

``--engine auto`` tries the Helsinki-NLP opus-mt model of the pair where the catalogue below
lists one, otherwise a multilingual model (NLLB-200 distilled, then M2M100) given the pair's
language codes. ``--model`` overrides the choice. The lexicon engine serves only the pairs
a bilingual lexicon of ``evalkit.lexicons`` has a dictionary for.
"""

from __future__ import annotations

from evalkit.lang import primary

# Pairs with a published Helsinki-NLP/opus-mt-{src}-{tgt} model (the OPUS-MT catalogue's bilingual
# models for the languages localization teams ship most; an unlisted pair goes to a multilingual model).
OPUS_MT_PAIRS = frozenset(
    tuple(p.split("-")) for p in """
    en-de de-en en-fr fr-en en-es es-en en-ru ru-en en-zh zh-en ja-en en-it it-en en-nl nl-en en-ar ar-en
    en-he he-en en-hi hi-en en-uk uk-en en-cs cs-en en-fi fi-en en-sv sv-en en-da da-en en-id id-en en-vi vi-en
    ko-en tr-en pl-en en-ro ro-en en-hu hu-en en-et et-en en-bg bg-en en-el el-en en-af af-en de-fr fr-de
    es-de de-es fr-es es-fr it-fr fr-ru ru-fr de-nl nl-de en-ca ca-en en-ga ga-en en-is is-en en-mk mk-en
    en-sk sk-en en-sq sq-en en-tl tl-en en-ur ur-en th-en et-de fi-de de-it it-de""".split()
)
NLLB_MODEL = "facebook/nllb-200-distilled-600M"
M2M100_MODEL = "facebook/m2m100_418M"
# Language codes as NLLB spells them (M2M100 takes the ISO 639-1 code itself).
NLLB_CODES = {
    "zh": "zho_Hans", "en": "eng_Latn", "de": "deu_Latn", "fr": "fra_Latn", "es": "spa_Latn",
    "ja": "jpn_Jpan", "ko": "kor_Hang", "ru": "rus_Cyrl", "pt": "por_Latn", "it": "ita_Latn",
    "he": "heb_Hebr", "ar": "arb_Arab", "nl": "nld_Latn", "pl": "pol_Latn", "tr": "tur_Latn", "uk": "ukr_Cyrl",
    "cs": "ces_Latn", "sv": "swe_Latn", "fi": "fin_Latn", "da": "dan_Latn", "nb": "nob_Latn", "no": "nob_Latn",
    "hi": "hin_Deva", "vi": "vie_Latn", "id": "ind_Latn", "th": "tha_Thai", "el": "ell_Grek", "hu": "hun_Latn",
    "ro": "ron_Latn", "bg": "bul_Cyrl", "ca": "cat_Latn", "sk": "slk_Latn", "hr": "hrv_Latn", "sr": "srp_Cyrl",
    "sl": "slv_Latn", "lt": "lit_Latn", "lv": "lvs_Latn", "et": "est_Latn", "fa": "pes_Arab", "ms": "zsm_Latn",
}  # fmt: skip


def nllb_code(lang: str) -> str | None:
    """NLLB's code for a language; Chinese written in traditional characters is zho_Hant."""
    code = primary(lang)
    if code == "zh" and any(t in lang.lower() for t in ("hant", "-tw", "-hk", "-mo", "_tw", "_hk")):
        return "zho_Hant"
    return NLLB_CODES.get(code)


def opus_mt_model(src_lang: str, tgt_lang: str) -> str | None:
    """The Helsinki-NLP/opus-mt model of the pair, where the catalogue lists one."""
    pair = (primary(src_lang), primary(tgt_lang))
    return f"Helsinki-NLP/opus-mt-{pair[0]}-{pair[1]}" if pair in OPUS_MT_PAIRS else None


def candidate_models(src_lang: str, tgt_lang: str) -> list[str]:
    """The models ``--engine auto`` tries for the pair, best first: the pair's opus-mt model where
    there is one, otherwise the multilingual models that know both languages."""
    pair_model = opus_mt_model(src_lang, tgt_lang)
    if pair_model:
        return [pair_model]
    return ([NLLB_MODEL] if nllb_code(src_lang) and nllb_code(tgt_lang) else []) + [M2M100_MODEL]
