"""JUnit XML for CI test tabs: a testsuite per file, a testcase per segment, a failure per failing one.

The output keeps to the Jenkins/Ant JUnit schema (the junit-10.xsd that Jenkins' xUnit plugin and
pytest's own tests use): a ``testcase`` has no ``file`` or ``line`` attribute there, so the file is
the ``testsuite``'s ``file`` and each finding's ``path:line:column`` opens its line of the text."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

from evalkit.model import Report, severity_rank
from evalkit.filenames import display_path
from evalkit.report.locate import Locator

# Characters XML 1.0 cannot hold even escaped; a target may contain them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _settings(settings):
    if settings is None or not hasattr(settings, "fail_on"):
        from evalkit.config import Settings

        return Settings()
    return settings


class JunitReporter:
    """JUnit XML; a segment fails when it has a finding at or above ``fail_on``; score thresholds
    missed fail a ``scores`` testcase."""

    name = "junit"

    def render(self, reports: list[Report], settings: object = None) -> str:
        from evalkit.gate import gate_failures, segment_fails

        settings = _settings(settings)
        root = ET.Element("testsuites", name="evalkit")
        total_tests = total_failures = 0
        for report in reports:
            doc = report.document
            path = display_path(doc.path or doc.name)
            locator = Locator(doc)
            suite = ET.SubElement(root, "testsuite", name=_clean(path), file=_clean(path))
            props = ET.SubElement(suite, "properties")
            for key, value in report.scores.items():
                ET.SubElement(props, "property", name=key, value=f"{value:.4g}" if isinstance(value, float) else str(value))
            for key, value in report.units.items():
                ET.SubElement(props, "property", name=f"units_{key}", value=f"{value:g}")
            ET.SubElement(props, "property", name="engine", value=str(report.engine.get("name")))
            by_segment: dict[str, list] = {}
            for f in report.findings:
                by_segment.setdefault(f.segment, []).append(f)
            tests = failures = 0
            for seg in doc.segments:
                tests += 1
                case = ET.SubElement(suite, "testcase", classname=_clean(path), name=_clean(seg.id))
                where = f"{path}:{locator.segment_line(seg.id)}"
                found = sorted(by_segment.get(seg.id, []), key=lambda f: -severity_rank(f.severity))
                details = []
                for f in found:
                    r = locator.region(f)
                    details.append(
                        f"{path}:{r.start_line}:{r.start_col}: {f.severity} {f.category} [{f.check}] "
                        f"{f.text!r}: {f.message}" + (f" (suggestion: {f.suggestion_text})" if f.suggestion_text else "")
                    )
                if segment_fails(report, seg.id, settings):
                    failures += 1
                    worst = found[0]
                    failure = ET.SubElement(
                        case, "failure", type=worst.severity,
                        message=_clean(f"{where}: {len(found)} finding(s), worst {worst.severity}: {worst.message}"),
                    )
                    failure.text = _clean("\n".join(details + [f"source: {seg.source}", f"target: {seg.target}"]))
                elif details:
                    ET.SubElement(case, "system-out").text = _clean("\n".join(details))
            score_reasons = gate_failures([report], dataclasses.replace(settings, fail_on="never"))
            tests += 1
            case = ET.SubElement(suite, "testcase", classname=_clean(path), name="scores")
            if score_reasons:
                failures += 1
                ET.SubElement(case, "failure", type="threshold", message=_clean("; ".join(score_reasons)))
            suite.set("tests", str(tests))
            suite.set("failures", str(failures))
            suite.set("errors", "0")
            suite.set("skipped", "0")
            total_tests += tests
            total_failures += failures
        root.set("tests", str(total_tests))
        root.set("failures", str(total_failures))
        root.set("errors", "0")
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
