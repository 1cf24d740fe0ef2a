"""name-not-in-source (English -> Chinese, CC-CEDICT): one name put for another is flagged; names the
source writes in any form it may take are left alone."""

from __future__ import annotations

import pytest

from evalkit.checks.names import _same_name, name_phrases
from tests.helpers import check_segments


def _flagged(*pairs):
    return check_segments(["name-not-in-source"], *pairs, src_lang="en", tgt_lang="zh-CN")


def test_a_city_put_for_another_is_critical_with_the_source_name_as_fix():
    [f] = _flagged(("The company opened a new office in Berlin last year.", "该公司去年在巴黎开设了新办事处。"))
    assert (f.text, f.severity, f.suggestion, f.source) == ("巴黎", "critical", "柏林", "Berlin")
    assert "Paris" in f.message


def test_a_country_put_for_another_is_flagged():
    [f] = _flagged(("Our team in London works with partners in Japan.", "我们在伦敦的团队与美国的合作伙伴合作。"))
    assert f.text == "美国" and f.source == "Japan"


@pytest.mark.parametrize("source, target", [
    ("The company opened a new office in Berlin last year.", "该公司去年在柏林开设了新办事处。"),
    ("Chinese and Japanese experts met in Berlin.", "中国和日本专家在柏林会面。"),          # demonyms
    ("British officials visited the US on Monday.", "英国官员周一访问了美国。"),           # initials, demonym
    ("The report by ChinaNews was read in Dusseldorf.", "中新网的报道在杜塞尔多夫被阅读。"),  # run together, accents
    ("American and Spanish teams arrived in Berlin.", "美国和西班牙的队伍抵达柏林。"),       # 美 'America'
    ("Zheng Shixin spoke in Berlin.", "郑世新在柏林发言。"),                            # no name put for another
    ("Prices rose in Germany.", "德国物价上涨，法国也是。"),                             # an added name, no substitution
    ("Subtitles in Swahili are ready.", "斯瓦西里语字幕已就绪。"),  # another transliteration (si wa xi li)
])
def test_names_the_source_writes_or_that_replace_no_source_name_are_left_alone(source, target):
    assert _flagged((source, target)) == []


def test_a_transliteration_that_sounds_like_the_source_name_is_its_rendering():
    from evalkit.checks.names import _sounds_like

    assert _sounds_like("斯瓦希里", "斯瓦西里语") and _sounds_like("坦桑尼亚", "坦尚尼亚")
    assert not _sounds_like("柏林", "柏拉") and not _sounds_like("意大利", "以色列")


def test_name_forms():
    assert name_phrases(["Paris, capital of France"]) == [("Paris",)]
    assert ("CCTV",) in name_phrases(["China Central Television (CCTV), abbr. for 中國中央電視台"])
    assert name_phrases(["abbr. for England 英格蘭|英格兰[Ying1 ge2 lan2]"]) == [("England",)]
    assert _same_name("Chinese", "China") and _same_name("British", "Britain") and _same_name("Spanish", "Spain")
    assert not _same_name("Australia", "Austria") and not _same_name("Iran", "Iraq")


def test_it_runs_only_from_english_into_chinese():
    assert check_segments(["name-not-in-source"], ("in Berlin", "in Paris"), src_lang="en", tgt_lang="de") == []
