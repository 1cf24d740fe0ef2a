"""The annotated error-span data the error model is fitted on and measured with.

Files in the WMT QE task 2 format (see evalkit.evaluate.read_span_tsv). The split is by document
and fixed: a document is held out when the first hex digit of the SHA-1 of its ``doc_id`` is
below 4 (about a quarter of the documents); it does not depend on the rows, the order or the
other files, so a document is held out in every run and every file that names it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from evalkit.evaluate import Unit, read_span_tsv

# zh->en files of the data directory (WMT21 news with many systems, WMT22 news with one).
ZH_EN_FILES = ("2021_zh-en.tsv", "2022_zh-en_test.tsv")
# The re-translation of a row in the with-re-translation mode: the first of these systems that is
# not the row's own (strong online and research systems of WMT21); rows of segments none of them
# translated are measured reference-free only.
RETRANSLATION_SYSTEMS = ("hyp.Online-W", "hyp.DIDI-NLP")


def held_out(doc_id: str) -> bool:
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[0] in "0123"


def load(data_dir: str | Path, part: str, files: tuple[str, ...] = ZH_EN_FILES) -> dict[str, Unit]:
    """The rows of ``part`` ('fit' or 'held-out') of the named files, by the ids `evalkit evaluate`
    gives them (the files' system names differ, so ids do not collide); missing files are skipped."""
    units: dict[str, Unit] = {}
    for name in files:
        path = Path(data_dir) / name
        if not path.exists():
            continue
        for uid, u in read_span_tsv(path).items():
            if held_out(u.meta["doc_id"]) == (part == "held-out"):
                u.meta["file"] = name
                units[uid] = u
    return units


def retranslations(units: dict[str, Unit]) -> dict[str, str]:
    """Another system's translation of the same segment, for every row that has one."""
    by_seg: dict[tuple[str, str, str, str], str] = {}
    for u in units.values():
        by_seg.setdefault((u.meta["file"], u.meta["doc_id"], u.meta["seg_id"], u.meta["system"]), u.target)
    out = {}
    for uid, u in units.items():
        for system in RETRANSLATION_SYSTEMS:
            key = (u.meta["file"], u.meta["doc_id"], u.meta["seg_id"], system)
            if system != u.meta["system"] and key in by_seg:
                out[uid] = by_seg[key]
                break
    return out


def write_jsonl(units: dict[str, Unit], path: Path, retr: dict[str, str] | None = None) -> Path:
    """The rows as evalkit JSONL input (one segment per row, ids as in ``units``)."""
    with path.open("w", encoding="utf-8") as fh:
        for uid, u in units.items():
            obj = {"id": uid, "source": u.meta["source"], "target": u.target}
            if retr is not None:
                obj["retranslation"] = retr[uid]
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


def by_system(units: dict[str, Unit]) -> dict[tuple[str, str], list[str]]:
    """The ids of the rows grouped as a team has them: one file per (data file, system), in
    document and segment order."""
    groups: dict[tuple[str, str], list[str]] = {}
    for uid, u in units.items():
        groups.setdefault((u.meta["file"], u.meta["system"]), []).append(uid)
    for ids in groups.values():
        ids.sort(key=lambda i: (units[i].meta["doc_id"], int(units[i].meta["seg_id"]) if units[i].meta["seg_id"].isdigit() else 0))
    return dict(sorted(groups.items()))


def write_by_system(units: dict[str, Unit], folder: Path, retr: dict[str, str] | None = None) -> list[Path]:
    """One evalkit JSONL input per (data file, system) under ``folder``: the documents the error
    model was fitted on (evalkit.decide.fit.documents)."""
    paths = []
    for n, ((name, system), ids) in enumerate(by_system(units).items()):
        path = folder / f"{n:03d}-{Path(name).stem}-{system.replace('/', '_')}.jsonl"
        paths.append(write_jsonl({i: units[i] for i in ids}, path, retr))
    return paths
