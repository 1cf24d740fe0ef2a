"""Names nothing in the source supports."""

from __future__ import annotations

from tests.test_checks_support import run_check, texts


def test_a_place_name_the_source_does_not_contain_is_critical():
    [f] = run_check("hallucinated-name", ("推动政务服务事项深度进村", "promote the share of Shenzhen Village in services"))
    assert f.text == "Shenzhen Village" and f.severity == "critical"
    assert "深圳" in f.message


def test_place_names_the_source_contains_are_left_alone():
    found = run_check("hallucinated-name", ("深圳市", "Shenzhen City"), ("安徽省宿州市泗县", "Si County, Suzhou City, Anhui Province"))
    assert found == []


def test_an_unsupported_name_like_word():
    found = run_check("unsupported-name", ("他来了。", "Then Zorbatron came."), ("王海燕来了。", "Then Wang Haiyan came."))
    assert texts(found) == ["Zorbatron"]
