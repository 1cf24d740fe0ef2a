"""The on-disk sequences a large input's report is kept in."""

from __future__ import annotations

import pickle

from evalkit.model import Segment
from evalkit.spool import Reread, Spool


def test_a_spool_gives_back_its_items_in_order_as_often_as_asked():
    spool = Spool()
    assert not spool and len(spool) == 0 and list(spool) == []
    spool.extend([Segment("1", "源", "a", meta={"runs": [[0, 5, 1, 6]]}), Segment("2", "文", "b")])
    spool.extend([])
    spool.extend([Segment("3", "本", "c")])
    assert len(spool) == 3 and [s.id for s in spool] == ["1", "2", "3"]
    assert [(a.id, b.id) for a, b in zip(spool, spool)] == [("1", "1"), ("2", "2"), ("3", "3")]
    assert spool[0].meta == {"runs": [[0, 5, 1, 6]]} and spool[-1].id == "3" and [s.id for s in spool[1:]] == ["2", "3"]
    copy = pickle.loads(pickle.dumps(spool))
    assert [s.target for s in copy] == ["a", "b", "c"]


def test_reread_makes_its_items_anew_each_time():
    calls = []

    def make():
        calls.append(1)
        return iter(range(3))

    seq = Reread(make, 3)
    assert list(seq) == [0, 1, 2] and list(seq) == [0, 1, 2] and len(calls) == 2
    assert seq[2] == 2 and len(seq) == 3 and bool(seq)
