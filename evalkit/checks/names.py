"""Names in a Chinese target that the English source does not have: 'Berlin' rendered 巴黎 (Paris).

CC-CEDICT marks proper nouns (places, countries, organisations, people) with capitalised pinyin
and gives each its English name. A target word that is such a name renders a source name when
the source writes that English name (run together, by its initials, or one distinctive word of
it), a word derived from it ('Chinese' for China, 'British' for Britain), or the name's pinyin.
The check reports a target name the source does not have only where a name of the source has no
rendering in the target: one name was put for another. A name merely added, which news
translation does ('26日电' dateline, a country added for clarity), is left alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.lang import language
from evalkit.model import Finding, Segment
from evalkit.pinyin import char_reading

# Words of a name that say what kind of place it is, not which: 'United States' is named by both
# words together, 'Great Britain' by 'Britain' alone.
_GENERIC = frozenset(
    "united states kingdom republic people's democratic federal new north south east west northern southern "
    "eastern western great saint st city county province river lake mount mountain island islands sea ocean "
    "of the and".split()
)
_CAPITAL_WORD = re.compile(r"[A-Z][\w'’-]*")
_HAN = re.compile(r"^[\u3400-\u9fff]{2,}$")
# What a name becomes in the words made from it, once up to three final letters are cut:
# Japan-ese, German(y), Chin(a)-ese, Brit(ain)-ish, Spa(in)-nish, Russi(a)-an, Ital(y)-ian.
_SUFFIXES = frozenset({"", "s", "'s", "n", "an", "ian", "ians", "ans", "ns", "ese", "ish", "nish", "i", "is", "er", "ers"})


def name_phrases(senses: list[str]) -> list[tuple[str, ...]]:
    """The English names CC-CEDICT gives a proper noun: the capitalised words before the first comma
    or bracket of each sense ('Paris, capital of France' -> ('Paris',)), and a bracketed other name
    ('China Central Television (CCTV)' -> ('CCTV',) too); 'abbr. for' is dropped."""
    out: list[tuple[str, ...]] = []
    for sense in senses:
        head = re.sub(r"^(?:\(bound form\) )?(?:the )?(?:abbr\. (?:for|of|to) |short for )?", "", sense.strip())
        parts = [re.split(r"[,;(\[]|\s[\u3400-\u9fff]", head, maxsplit=1)[0]]
        parts += re.findall(r"\(([^()]*)\)", head)
        for part in parts:
            words = tuple(_CAPITAL_WORD.findall(part))
            if words and words not in out:
                out.append(words)
    return out


def _same_name(word: str, name: str) -> bool:
    """``word`` writes ``name`` or a word made from it: a possessive, a plural, a demonym ('China' and
    'Chinese', 'Britain' and 'British', 'Spain' and 'Spanish'), but 'Austria' is not 'Australia'."""
    a, b = word.lower().replace("’", "'"), name.lower()
    if a == b:
        return True
    for cut in range(0, 4):
        stem = b[: len(b) - cut]
        rest = a[len(stem):]
        # a short stem only with a long ending: 'Spa-nish', but 'Ira-n' is not 'Ira-q'
        if a.startswith(stem) and rest in _SUFFIXES and (len(stem) >= 4 or len(stem) == 3 and len(rest) >= 3):
            return True
    return False


def _letters(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text``, accents and everything else dropped."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]", "", plain)


class _Source:
    """What the source writes, in the forms a name may take in it."""

    def __init__(self, text: str):
        self.words = [re.sub(r"['’]s$", "", w.text.replace(".", "")) for w in language("en").words(text)]
        self.letters = _letters(text)
        self.upper = {w for w in self.words if w.isupper()}

    def writes(self, phrase: tuple[str, ...]) -> bool:
        """The whole name run together ('China News' for ChinaNews, 'Dusseldorf' for Düsseldorf), its
        initials ('UK'), or one word of it that is not generic, or a word made from that ('British')."""
        joined = _letters("".join(phrase))
        if len(joined) >= 3 and joined in self.letters or joined.upper() in self.upper:
            return True
        if len(phrase) > 1 and "".join(w[0] for w in phrase).upper() in self.upper:
            return True
        for w in phrase:
            if w.lower() in _GENERIC:
                continue
            if len(w) >= 4 and _letters(w) in self.letters or any(_same_name(s, w) or _same_name(w, s) for s in self.words):
                return True
        return False


def _renders_source(word: str, d, source: _Source) -> bool:
    """The target's name ``word`` says a name the source writes: by its English names, those of its
    characters ('America' for 美 in 美国), or its pinyin ('Beijiang' for 北江)."""
    names = name_phrases(d.name_senses(word))
    for ch in word:
        names += name_phrases(d.name_senses(ch))
    if any(source.writes(p) for p in names):
        return True
    return any(len(py := _letters(re.sub(r"\d", "", reading))) >= 4 and py in source.letters for reading in d.pinyin(word))


@functools.lru_cache(maxsize=2)
def _names_index(d) -> dict[str, tuple[str, ...]]:
    """English name (lower case) -> the Chinese proper nouns CC-CEDICT gives it, commonest first."""
    from wordfreq import zipf_frequency

    index: dict[str, list[str]] = {}
    for word in d.headwords():
        if not _HAN.match(word) or not d.is_name(word):
            continue
        for phrase in name_phrases(d.name_senses(word)):
            index.setdefault(" ".join(phrase).lower(), []).append(word)
    return {k: tuple(sorted(set(v), key=lambda w: -zipf_frequency(w, "zh"))) for k, v in index.items()}


def _capitalised_runs(text: str) -> list[list]:
    """Runs of capitalised words that stand next to each other ('Hong Kong', 'Zheng Shixin')."""
    runs: list[list] = []
    for w in language("en").words(text):
        if not w.text[:1].isupper():
            continue
        if runs and text[runs[-1][-1].end : w.start] == " ":
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def _source_names(source: str, d) -> list[tuple[str, tuple[str, ...]]]:
    """Names of the source that CC-CEDICT can render: ('Berlin', ('柏林',)). A name is a whole run of
    capitalised words (a leading 'The' aside, a possessive dropped): 'Zheng' of 'Zheng Shixin' or
    'Roman' of 'Roman Catholic Church' is part of another name, whose rendering is not known. A single
    word that is also a common word ('Plan A', 'china'), a month or a weekday is not taken for a name."""
    index = _names_index(d)
    common = d.lowercase_vocabulary()
    months = {(m.start, m.end) for m in language("en").months(source)}
    found: list[tuple[str, tuple[str, ...]]] = []
    for run in _capitalised_runs(source):
        if len(run) > 1 and run[0].text == "The":
            run = run[1:]
        name = source[run[0].start : run[-1].end]
        key = re.sub(r"['’]s$", "", name).lower()
        if key not in index:
            continue
        if len(run) == 1 and (key in common or key.title() in language("en").day_names or (run[0].start, run[0].end) in months):
            continue
        found.append((name, index[key]))
    return found


def _rendered(heads: tuple[str, ...], target: str) -> bool:
    """A rendering of a source name is in the target, perhaps without its last character
    (菲律宾 for 菲律宾人 'Filipino'), or another transliteration that sounds like it."""
    return (any(h in target or len(h) >= 3 and h[:-1] in target for h in heads)
            or bool(heads) and _sounds_like(heads[0], target))


_INITIAL = re.compile(r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?")


def _sounds_like(head: str, target: str) -> bool:
    """Whether ``target`` writes the name ``head`` with other characters of like sound, as
    transliterations of one foreign name differ (斯瓦西里 and 斯瓦希里, si wa xi li): as many
    characters, each read by its commonest reading; one at least alike, and more than half alike
    on average, a shared initial counting half. Only names of three characters or more: shorter
    ones are seldom transliterations."""
    n = len(head)
    if n < 3:
        return False
    for i in range(len(target) - n + 1):
        score, same = 0.0, False
        for a, b in zip(head, target[i : i + n]):
            ra, rb = char_reading(a), char_reading(b)
            if not rb:
                break
            if ra == rb:
                score, same = score + 1, True
            elif _INITIAL.match(ra).group() == _INITIAL.match(rb).group():
                score += 0.5
        else:
            if same and score > n / 2:
                return True
    return False


@register("name-not-in-source", category="accuracy/mistranslation", severity="critical",
          source=("en",), target=("zh",), lexicon=True)
def name_not_in_source(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """One name put for another: the target names a place, country, organisation or person the source
    does not, where a name of the source has no rendering in the target."""
    if not seg.source.strip() or not seg.target.strip():
        return
    d = ctx.resources.dictionary
    unrendered = [(name, heads) for name, heads in _source_names(seg.source, d) if not _rendered(heads, seg.target)]
    if not unrendered:
        return
    source = _Source(seg.source)
    for w in language("zh").words(seg.target):
        if not _HAN.match(w.text) or not d.is_name(w.text) or w.start and seg.target[w.start - 1].isdigit():
            continue  # after a digit, 日 月 年 are a date's: '26日电' is no NEC
        if _renders_source(w.text, d, source):
            continue
        senses = d.name_senses(w.text)
        name, heads = unrendered[0]
        yield spec.finding(
            seg, w.start, w.end,
            f"{w.text!r} names {' '.join(name_phrases(senses)[0]) if name_phrases(senses) else senses[0]} "
            f"({senses[0]}), which the source does not have; the source's {name!r} "
            f"(CC-CEDICT: {heads[0]}) is not rendered",
            suggestion=heads[0], source=name,
        )
