"""The HTML report: self-contained, every input text escaped, and rendered for real in headless Chromium."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from evalkit.config import Settings
from evalkit.model import Finding
from evalkit.report.html import pieces
from tests.test_report_contract import HOSTILE, ReporterContract, gate_report, hostile_report


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = 0
        self.urls: list[str] = []
        self.marks = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
            assert "src" not in attrs
        if tag == "mark":
            self.marks += 1
        for key in ("src", "href"):
            if key in attrs and not (attrs[key] or "").startswith("#"):
                self.urls.append(attrs[key])
        if tag == "link":
            self.urls.append(attrs.get("href", ""))


class TestHtmlReporter(ReporterContract):
    name = "html"

    def check_output(self, text, reports):
        scan = _Scan()
        scan.feed(text)
        assert scan.scripts == 1, "only evalkit's own inline script"
        assert scan.urls == [], "nothing is fetched"
        assert not re.search(r"url\(|@import|https?://", text.split("<script>")[-1].split("</script>")[0])
        assert scan.marks == sum(len(r.findings) for r in reports)
        assert 'document.title="pwned"' not in text


def test_pieces_cut_targets_at_findings():
    f = Finding(6, 11, "world", "accuracy/addition", "major", "x", "m", "1")
    gap = Finding(12, 12, "", "accuracy/omission", "major", "x", "m", "1")
    out = pieces("Hello world!", 0, [(1, f), (2, gap)])
    assert [(p.text, p.index) for p in out] == [("Hello ", None), ("world", 1), ("!", None), ("", 2)]
    # document inputs: findings are offsets of the whole file, the segment starts later
    out = pieces("world!", 6, [(1, f)])
    assert [(p.text, p.index) for p in out] == [("world", 1), ("!", None)]


def test_hostile_text_is_escaped_in_the_source():
    text = TestHtmlReporter().render([hostile_report()])
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in text


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars"]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    assert CHROMIUM is not None, "headless Chromium is needed to render the report (Debian: apt-get install chromium)"
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=90)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The acceptance report plus the hostile one, written once and rendered by Chromium."""
    tmp = tmp_path_factory.mktemp("html")
    reports, settings = gate_report()
    reports.append(hostile_report())
    page = tmp / "report.html"
    page.write_text(TestHtmlReporter().render(reports, settings), encoding="utf-8")
    return tmp, page


def test_rendered_page_runs_its_script_and_keeps_hostile_text_inert(rendered):
    tmp, page = rendered
    proc = chromium(tmp, "--dump-dom", page.as_uri())
    dom = proc.stdout
    assert "<body" in dom, proc.stderr[-2000:]
    assert 'data-ready="true"' in dom  # our script ran
    assert "6 of 6 findings shown" in dom  # and counted the table rows
    assert "<title>evalkit report</title>" in dom  # the target's <script> did not run
    # the hostile target is text inside a highlighted <mark>, not an element
    assert "&lt;script&gt;" in dom
    assert dom.count("<script") == 1
    marks = re.findall(r'<mark class="(\w+)[^"]*"[^>]*data-finding="(\d+)">([^<]*)<span class="tip">', dom)
    assert ("major", "1", "52") in {(c, n, t) for c, n, t in marks} or any(t == "52" for _, _, t in marks)
    assert any(t == "grass -roots" for _, _, t in marks)


def test_rendered_filters_hide_findings(rendered):
    tmp, page = rendered
    # the severity filter means "at or above", as --fail-on does: major shows the critical ones too
    dom = chromium(tmp, "--dump-dom", page.as_uri() + "#severity=major").stdout
    assert "4 of 6 findings shown" in dom
    rows = re.findall(r'<tr class="finding( hidden)?" data-severity="(\w+)"', dom)
    assert {sev for hidden, sev in rows if not hidden} == {"critical", "major"}
    assert {sev for hidden, sev in rows if hidden} == {"minor"}
    dom = chromium(tmp, "--dump-dom", page.as_uri() + "#severity=minor").stdout
    assert "6 of 6 findings shown" in dom
    dom = chromium(tmp, "--dump-dom", page.as_uri() + "#category=accuracy/number").stdout
    assert "1 of 6 findings shown" in dom


def test_screenshot_shows_a_rendered_page(rendered):
    tmp, page = rendered
    shot = tmp / "shot.png"
    proc = chromium(tmp, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri())
    assert shot.is_file(), proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 900)
    assert len(data) > 20_000  # a page with content, not a blank image


def test_gate_verdict_in_the_page():
    reports, _ = gate_report()
    assert "Gate failed" in TestHtmlReporter().render(reports, Settings(fail_on="minor"))
    assert "Gate passed" in TestHtmlReporter().render(reports, Settings(fail_on="never"))
    assert HOSTILE.split("|")[0].strip().startswith("<script>")


# A page that holds the report in a frame of a given width and writes what it measured into its own
# DOM, which --dump-dom prints (file pages may read each other only with --allow-file-access-from-files).
PROBE = """<!DOCTYPE html><html><body>
<iframe id="f" src="report.html#seg-1-1" style="width:%dpx;height:700px;border:0"></iframe>
<pre id="out"></pre>
<script>
document.getElementById("f").onload = function () {
  var w = this.contentWindow, d = this.contentDocument, root = d.documentElement, out = {};
  out.scrollWidth = root.scrollWidth; out.clientWidth = root.clientWidth;
  out.wide = [];
  d.querySelectorAll("body *").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width && (r.right > root.clientWidth + 0.5 || r.left < -0.5) && !el.closest(".tip")) {
      out.wide.push(el.tagName + "." + el.className + " " + Math.round(r.left) + ".." + Math.round(r.right));
    }
  });
  out.minFont = 99;
  d.querySelectorAll("body *").forEach(function (el) {
    if (el.offsetParent !== null && el.childNodes.length && [].some.call(el.childNodes, function (n) {
          return n.nodeType === 3 && n.textContent.trim(); })) {
      out.minFont = Math.min(out.minFont, parseFloat(w.getComputedStyle(el).fontSize));
    }
  });
  // the segment the address jumps to is below the sticky filter bar, not under it
  out.barBottom = d.querySelector(".filters").getBoundingClientRect().bottom;
  out.jumpTop = d.getElementById("seg-1-1").getBoundingClientRect().top;
  // a tooltip, opened, stays on the screen
  var tip = d.querySelector("mark .tip"); tip.style.display = "block";
  var t = tip.getBoundingClientRect();
  out.tip = [t.left, t.right, t.top, t.bottom, w.innerWidth, w.innerHeight];
  // a filter change is written to the address
  var sev = d.getElementById("f-severity"); sev.value = "major";
  sev.dispatchEvent(new w.Event("change"));
  out.hash = w.location.hash;
  document.getElementById("out").textContent = JSON.stringify(out);
};
</script></body></html>"""


def _probe(rendered, width: int) -> dict:
    import json

    tmp, page = rendered
    probe = tmp / f"probe-{width}.html"
    probe.write_text(PROBE % width, encoding="utf-8")
    proc = chromium(tmp, "--allow-file-access-from-files", "--virtual-time-budget=5000", "--dump-dom",
                    probe.as_uri())
    found = re.search(r'<pre id="out">(.*?)</pre>', proc.stdout, re.S)
    assert found and found.group(1), proc.stderr[-2000:]
    import html as _html

    return json.loads(_html.unescape(found.group(1)))


@pytest.mark.parametrize("width", [390, 1400])
def test_the_page_fits_a_phone_and_a_desktop(rendered, width):
    out = _probe(rendered, width)
    assert out["scrollWidth"] <= out["clientWidth"], out["wide"][:5]  # no sideways scrolling
    assert out["wide"] == []
    assert out["minFont"] >= 11
    assert out["jumpTop"] >= out["barBottom"] - 1
    left, right, top, bottom, vw, vh = out["tip"]
    assert 0 <= left and right <= vw and bottom <= vh + 1
    assert out["hash"] == "#severity=major"
