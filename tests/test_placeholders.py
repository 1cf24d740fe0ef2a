"""Placeholders and inline tags: what counts as one, and missing, extra and altered ones as findings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evalkit.checks.base import CheckContext, all_checks
from evalkit.model import Document, Segment
from evalkit.placeholders import compare, find_placeholders


@pytest.mark.parametrize("text, found", [
    ("Hello {name}!", ["{name}"]),
    ("{0} of {1}", ["{0}", "{1}"]),
    ("Total: {n:.2f}", ["{n:.2f}"]),
    ("%s and %d and %5.2f and %1$s and %%", ["%s", "%d", "%5.2f", "%1$s"]),
    ("%(count)d files", ["%(count)d"]),
    ("Hi {{ user.name }} {% if x %}", ["{{ user.name }}", "{% if x %}"]),
    ("${HOME} and %{name}", ["${HOME}", "%{name}"]),
    ("<b>bold</b> <br/> <ph id=\"1\"/>", ["<b>", "</b>", "<br/>", '<ph id="1"/>']),
    ("{count, plural, one {# file} other {# files}}", ["{count, plural,"]),
    ("{price, number, currency}", ["{price, number, currency}"]),
    ("50% of people, 100 % sure", []),
    ("a < b > c", []),
])
def test_what_counts_as_a_placeholder(text, found):
    assert [p.text for p in find_placeholders(text)] == found


def test_same_placeholders_in_another_order_or_spacing_match():
    assert not compare("{a} 和 {b}", "{b} and {a}")
    assert not compare("%1$s 的 %2$d", "%2$d of %1$s")
    assert not compare('<ph id="1" />文本', '<ph id="1"/> text')
    assert not compare("{ name }", "{name}")


def test_a_named_placeholder_may_stand_any_number_of_times_but_positional_ones_are_counted():
    assert not compare("Fix the value of %(field)s.", "%(field)s: corrigez la valeur de %(field)s.")
    assert not compare("The {item} was saved. Add another {item}.", "{item} gespeichert.")
    assert not compare("{{ user }} and {{ user }}", "{{ user }}")
    assert [p.text for p in compare("%s of %s", "%s").missing] == ["%s"]
    assert [p.text for p in compare("{} and {}", "{}").missing] == ["{}"]
    assert not compare("{0} or {0}", "{0}") and not compare("%1$s", "%1$s (%1$s)")
    assert [p.text for p in compare("Hello {name}", "Hallo {name} {user}").extra] == ["{user}"]


def test_swapped_bare_printf_arguments_are_altered():
    diff = compare("%s 有 %d 个", "%d has %s")
    assert len(diff.altered) == 2


def test_missing_extra_and_altered():
    diff = compare("你好，{name}！共 %d 个", "Hello! {user} total %d <b>")
    assert [(src.text, "Hello! {user} total %d <b>"[s:e]) for src, s, e in diff.altered] == [("{name}", "{user}")]
    assert [p.text for p in diff.extra] == ["<b>"]
    assert diff.missing == []
    diff = compare("你好，{name}！", "Hello!")
    assert [p.text for p in diff.missing] == ["{name}"]


@pytest.mark.parametrize("target, broken", [
    ("Hello ｛name｝!", "｛name｝"),
    ("Count: ％d", "％d"),
    ("Count: % d", "% d"),
])
def test_broken_forms_are_altered_not_missing(target, broken):
    source = "你好 {name}！" if "name" in target else "数量：%d"
    diff = compare(source, target)
    assert [target[s:e] for _, s, e in diff.altered] == [broken]
    assert not diff.missing


def _run(source: str, target: str, fmt: str = "xliff"):
    spec = all_checks()["placeholder"]
    seg = Segment(id="1", source=source, target=target)
    doc = Document(name="t", segments=[seg], format=fmt)
    return list(spec.func(spec, seg, CheckContext(document=doc, resources=None)))


def test_check_is_registered_major():
    spec = all_checks()["placeholder"]
    assert spec.severity == "major"
    assert spec.title.startswith("Placeholders")


def test_check_findings_categories_and_spans():
    target = "Hello! total %s <b>bold</b> <i>"
    findings = _run("你好，{name}！共 %d 个 <b>粗</b>", target)
    by_cat = {f.category: f for f in findings}
    assert set(by_cat) == {"accuracy/mistranslation", "accuracy/omission", "accuracy/addition"}
    altered = by_cat["accuracy/mistranslation"]
    assert altered.text == "%s" and altered.suggestion == "%d"
    missing = by_cat["accuracy/omission"]
    assert missing.start == missing.end == len(target) and missing.source == "{name}"
    assert by_cat["accuracy/addition"].text == "<i>"
    for f in findings:
        assert f.severity == "major" and f.check == "placeholder"


def test_clean_translations_have_no_findings():
    assert _run("共有 {count} 个文件。", "There are {count} files.") == []
    assert _run("今天天气很好。", "The weather is nice today.") == []


_names = st.from_regex(r"[a-z]{1,8}", fullmatch=True)
_words = st.lists(st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True), min_size=1, max_size=6)


@given(names=st.lists(_names, min_size=1, max_size=4, unique=True), words=_words)
def test_property_identical_placeholders_never_differ_and_a_dropped_one_is_found(names, words):
    source = " ".join(words) + " " + " ".join("{%s}" % n for n in names)
    assert not compare(source, source)
    dropped = source.replace("{%s}" % names[0], "", 1)
    diff = compare(source, dropped)
    assert [p.text for p in diff.missing] + [src.text for src, _, _ in diff.altered] == ["{%s}" % names[0]]
