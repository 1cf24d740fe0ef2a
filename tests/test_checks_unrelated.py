"""Unrelated content."""

from __future__ import annotations

from tests.test_checks_support import run_check


def test_text_about_something_else_and_text_aligned_to_nothing():
    found = run_check(
        "unrelated-content",
        ("全县共有167个行政村，划分为1804个网格。", "The weather in Paris was lovely and everyone enjoyed the food."),
        ("", "An extra sentence here."),
        ("全县共有167个行政村。", "The county has 167 administrative villages."),
    )
    assert [f.segment for f in found] == ["1", "2"]
    assert all(f.category == "other/unrelated-content" and f.severity == "major" for f in found)
