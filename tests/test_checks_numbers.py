"""Numbers against the source."""

from __future__ import annotations

from tests.test_checks_support import run_check


def test_transposed_digits_are_critical():
    [f] = run_check("number-mismatch", ("将全县167个行政村划分为1804个网格", "divide 167 villages into 1084 grids"))
    assert f.text == "1084" and f.severity == "critical" and f.suggestion == "1,804"


def test_wan_and_yi_amounts_dates_times_and_percentages_match():
    found = run_check(
        "number-mismatch",
        ("储备编织袋45万条、救生衣1.2万件，投入3.5亿元", "450,000 bags, 12,000 life jackets and 350 million yuan"),
        ("2022年6月9日07时57分", "at 07:57 on June 9, 2022"),
        ("比例超过60%", "more than 60 percent"),
        ("发布时间：2022.08.10", "Time: 2022.08.10"),
    )
    assert found == []


def test_a_wan_amount_off_by_a_power_of_ten_is_critical():
    [f] = run_check("number-mismatch", ("救生衣1.2万件", "1,200 life jackets"))
    assert f.severity == "critical" and f.suggestion == "12,000"


def test_a_number_that_contradicts_the_source_is_major():
    [f] = run_check("number-mismatch", ("全县共有7个行政村", "the county has 42 villages"))
    assert f.text == "42" and f.severity == "major"


def test_a_number_where_the_source_states_none_is_minor_and_a_spelled_numeral_is_a_word():
    # nothing to contradict: digits are often how the target language writes a word (decimal: 10進数)
    [f] = run_check("number-mismatch", ("全县共有行政村", "the county has 42 villages"))
    assert f.text == "42" and f.severity == "minor" and "does not state" in f.message
    assert run_check("number-mismatch", ("Ask a third party.", "请询问第三方。"), langs=("en", "zh")) == []
    assert run_check("number-mismatch", ("Ask a third party.", "第三者に聞いてください。"), langs=("en", "ja")) == []
    # with a number in the source, a spelled numeral is compared as any other
    [g] = run_check("number-mismatch", ("Wait 2 days.", "请等三天。"), langs=("en", "zh"))
    assert g.text == "三" and g.severity == "major"


def test_a_label_that_is_only_a_month_name_is_that_month_in_any_case():
    for label, target in (("feb", "二月"), ("may", "5月"), ("MAR.", "三月")):
        assert run_check("number-mismatch", (label, target), langs=("en", "zh")) == [], label
    # mid-sentence, lower-case 'may' is the modal verb, not a month
    [f] = run_check("number-mismatch", ("It may rain on day 3.", "5日可能下雨。"), langs=("en", "zh"))
    assert f.text == "5"


def test_a_source_number_missing_from_the_target():
    found = run_check("number-missing", ("全县167个行政村", "the villages of the county"), ("市县两级", "at both levels"))
    assert len(found) == 1 and found[0].suggestion == "167"


def test_numbers_spelled_out_in_words_are_stated():
    found = run_check(
        "number-missing",
        ("有些冰超过十万年。", "Some ice is more than a hundred thousand years old."),
        ("至少有两万种兰花", "There are at least twenty thousand species of orchids."),
        ("有25万种开花植物", "There are a quarter of a million species of flowering plants."),
        ("投入3.5亿元", "three hundred and fifty million yuan"),
        ("150万人", "one and a half million people"),
        ("共计2500人", "two thousand five hundred people in all"),
    )
    assert found == []


def test_a_wan_amount_left_out_is_reported_once():
    found = run_check("number-missing", ("有25万种开花植物", "There are many species of flowering plants."))
    assert [(f.source, f.suggestion) for f in found] == [("25万", "250,000")]
    # a word that is not the whole amount still leaves it missing
    assert run_check("number-missing", ("有25万种开花植物", "There are a million species of flowering plants."))



# --- months named by name ----------------------------------------------------------------------

def test_a_month_named_in_the_source_may_be_written_as_a_number():
    from tests.helpers import check_segments

    pairs = [("The meeting will be held on 3 May.", "会议将于5月3日举行。"),
             ("Released in March 2024", "2024年3月发布")]
    assert check_segments(["number-mismatch", "number-missing"], *pairs, src_lang="en", tgt_lang="zh") == []
    # and a number of the source may come back as a month's name
    assert check_segments(["number-missing"], ("会議は5月3日です。", "The meeting is on May 3."),
                          src_lang="ja", tgt_lang="en") == []
    [left_out] = check_segments(["number-missing"], ("会議は5月3日です。", "The meeting is on the 3rd."),
                                src_lang="ja", tgt_lang="en")
    assert left_out.source == "5"


def test_a_wrong_month_number_and_the_modal_may_are_still_flagged():
    from tests.helpers import check_segments

    [wrong] = check_segments(["number-mismatch"], ("The meeting is on 3 May.", "会议于6月3日举行。"),
                             src_lang="en", tgt_lang="zh")
    assert wrong.text == "6"
    [modal] = check_segments(["number-mismatch"], ("You may add files.", "Vous pouvez ajouter 5 fichiers."),
                             src_lang="en", tgt_lang="fr")
    assert modal.text == "5"  # 'may' is no month: only 'May' is


def test_implied_digits_are_no_numbers_of_their_own():
    found = run_check(
        "number-mismatch",
        ("当地时间25日下午5时，飓风登陆", "at 5:00 pm local time on the 25th, the hurricane landed"),
        ("福奇表示，美国正在同新冠疫情作斗争。", "Fauci said the US is fighting the COVID-19 epidemic."),
        ("女生平均比男生高两成；6成是男性", "women save 20% more than men; 60% are men"),
    )
    assert found == []


def test_what_looks_implied_is_still_compared_where_the_source_says_it():
    # minutes the source states, a name number the source writes, tenths that do not match
    [minutes] = run_check("number-mismatch", ("下午5时30分", "at 5:00 pm"))
    assert minutes.text == "00"
    [road] = run_check("number-mismatch", ("沿G109国道出发", "set off along the G-190 national road"))
    assert road.text == "190"
    [share] = run_check("number-mismatch", ("6成是男性", "70% are men"))
    assert share.text == "70%" or share.text.startswith("70")


def test_a_month_the_target_names_counts_as_stated_beside_a_clock_time():
    assert run_check("number-mismatch", ("7月26日电，25日下午5时", "July 26, at 5:00 pm on the 25th")) == []


def test_a_numeral_written_as_the_source_writes_it_is_its_number():
    from tests.helpers import check_segments

    # German groups thousands with '.', so '46.1' reads as 46 there; written as the source has it, it is 46.1
    assert check_segments(["number-mismatch"], ("Courier 46.1 for GNOME", "Courier 46.1 für GNOME"),
                          src_lang="en", tgt_lang="de") == []
    [changed] = check_segments(["number-mismatch"], ("Courier 46.1 for GNOME", "Courier 47.1 für GNOME"),
                               src_lang="en", tgt_lang="de")
    assert changed.text.startswith("47")


def test_a_hexadecimal_constant_is_a_code_token_not_numbers():
    from tests.helpers import check_segments

    kept = ("Error 0x80070005: access denied", "エラー 0x80070005: アクセスが拒否されました")
    assert check_segments(["number-mismatch", "number-missing"], kept, src_lang="en", tgt_lang="ja") == []
    [f] = check_segments(["code-token"], (kept[0], "エラー 0x80070006: アクセスが拒否されました"),
                         src_lang="en", tgt_lang="ja")
    assert f.text == "0x80070006"
