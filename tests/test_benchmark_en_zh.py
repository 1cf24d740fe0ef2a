"""The seeded English->Chinese benchmark: seeding is deterministic, the gold marks what was changed,
and the span score counts what it should."""

from __future__ import annotations

from benchmarks.en_zh_seeded import score, seed

ROWS = {
    f"r{i}": {"id": f"r{i}", "doc": "d", "source": s, "target": t}
    for i, (s, t) in enumerate([
        ("The office in Berlin has 25 staff.", "柏林办事处有25名员工。"),
        ("Partners in Japan sent 12 engineers.", "日本的合作伙伴派出了12名工程师。"),
        ("A plane landed in Paris at 9.", "一架飞机9点在巴黎降落。"),
        ("London reported 30 new cases.", "伦敦报告了30例新病例。"),
    ] * 6)
}


def test_seeding_is_deterministic_and_the_gold_marks_the_change():
    rows, gold = seed(ROWS)
    again, gold_again = seed(ROWS)
    assert rows == again and gold == gold_again and gold
    for uid, g in gold.items():
        assert rows[uid]["target"][g["start"]:g["end"]] == g["text"]
        assert rows[uid]["target"] != ROWS[uid]["target"]
    assert {g["kind"] for g in gold.values()} == {"name", "number"}
    assert all(rows[u]["target"] == ROWS[u]["target"] for u in ROWS if u not in gold)


def test_span_score():
    gold = {"a": {"kind": "name", "start": 0, "end": 2, "text": "巴黎"}, "b": {"kind": "number", "start": 3, "end": 5, "text": "35"}}
    s = score({"a": [(1, 2), (5, 6)], "c": [(0, 1)]}, gold, "name")
    assert (s["precision"], s["recall"], s["predicted"], s["gold"]) == (round(1 / 3, 3), 1.0, 3, 1)
