"""Toneless pinyin: syllables of Chinese words (pypinyin) and splitting Latin words into syllables."""

from __future__ import annotations

import functools
import re
import unicodedata

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _plain(reading: str) -> str:
    out = "".join(c for c in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(c))
    return out.lower().replace("ü", "v")


# Every toneless Mandarin syllable (as pypinyin spells them, ü written v and u), less the
# interjection readings m, n, ng, hm, hng that would let ordinary English words split into "pinyin".
_SYLLABLES = frozenset(
    """a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu ca cai
    can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai
    chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di
    dia dian diao die din ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng
    fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha
    hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao
    jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan
    kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin ling liu lo
    long lou lu luan lue lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming
    miu mo mou mu na nai nan nang nao ne nei nen neng ni nia nian niang niao nie nin ning niu nong nou
    nu nuan nue nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
    qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou
    ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng
    shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang
    tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo
    wong wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying
    yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei
    zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo""".split()
)


def syllable_set() -> frozenset[str]:
    """Every toneless pinyin syllable (about 420), with ü written as v and u."""
    return _SYLLABLES


@functools.lru_cache(maxsize=65536)
def _split(w: str) -> tuple[str, ...] | None:
    syl = syllable_set()
    best: list[list[str] | None] = [None] * (len(w) + 1)
    best[0] = []
    for i in range(1, len(w) + 1):
        for j in range(max(0, i - 6), i):
            if best[j] is not None and w[j:i] in syl:
                cand = best[j] + [w[j:i]]
                if best[i] is None or len(cand) < len(best[i]):
                    best[i] = cand
    return tuple(best[len(w)]) if best[len(w)] is not None else None


def split_syllables(word: str) -> list[str] | None:
    """Split a Latin word into pinyin syllables ('Xingchong' -> ['xing', 'chong']), or None.

    Joined ('Baocun'), hyphenated ('Bao-cun') and apostrophised ("Xi'an") spellings are accepted.
    Prefers the split with the fewest syllables, so 'xian' stays one syllable, not 'xi an'.
    """
    out: list[str] = []
    for piece in re.split(r"[-'’]", word.lower()):  # a hyphen or apostrophe is a syllable boundary
        if not piece or not piece.isascii() or not piece.isalpha():
            return None
        got = _split(piece)
        if got is None:
            return None
        out.extend(got)
    return out or None


def camel_parts(word: str) -> list[tuple[int, str]]:
    """Offsets and pieces of a run-together word ('brocadeXingchong' -> [(0, 'brocade'), (7, 'Xingchong')])."""
    out, prev = [], 0
    for m in _CAMEL.finditer(word):
        out.append((prev, word[prev : m.start()]))
        prev = m.start()
    out.append((prev, word[prev:]))
    return out


@functools.lru_cache(maxsize=65536)
def char_readings(ch: str) -> frozenset[str]:
    """Every toneless reading of one Chinese character ('靓' -> {'jing', 'liang'}); empty for non-Chinese."""
    from pypinyin import Style, pinyin

    got = pinyin(ch, style=Style.NORMAL, heteronym=True, errors=lambda x: [[]])
    readings = {_plain(r) for group in got for r in group if r}
    return frozenset(r for r in readings if r.isalpha())


@functools.lru_cache(maxsize=65536)
def char_reading(ch: str) -> str:
    """The commonest toneless reading of one Chinese character ('列' -> 'lie'); '' for non-Chinese."""
    from pypinyin import Style, lazy_pinyin

    got = lazy_pinyin(ch, style=Style.NORMAL, errors=lambda x: [""])
    reading = _plain(got[0]) if got else ""
    return reading if reading.isalpha() else ""


def find_spelling(syllables: list[str] | tuple[str, ...], text: str) -> list[int]:
    """Start offsets in ``text`` of character runs that the syllables spell, one syllable a character."""
    n = len(syllables)
    hits = []
    for i in range(len(text) - n + 1):
        if all(syllables[k] in char_readings(text[i + k]) for k in range(n)):
            hits.append(i)
    return hits
