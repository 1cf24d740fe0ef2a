"""README.md and docs/ stay true: their recipes install and run as written, their workflows,
config snippets and hooks load with the real loaders, their links lead somewhere."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from evalkit.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ci.md"
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]


def _blocks(lang: str, path: Path = DOC) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def _commands() -> list[str]:
    """The evalkit command lines inside the docs' code blocks, comments and redirections off."""
    code = "\n".join(b for path in DOCS for b in re.findall(r"```\w*\n(.*?)```", path.read_text(encoding="utf-8"), re.S))
    found = re.findall(r"(?<![`\w])(?<!entry: )(evalkit (?:check|baseline|checks)\b[^\n]*)", code)
    return sorted({c.split(">>")[0].split(" #")[0].strip() for c in found if "..." not in c})


def test_the_doc_shows_real_commands():
    assert len(_commands()) >= 8


@pytest.mark.parametrize("command", _commands())
def test_every_evalkit_command_in_the_doc_parses(command):
    args = shlex.split(command, comments=True)[1:]
    build_parser().parse_args(args)  # exits 2 on an unknown flag or choice


def test_workflows_are_valid_yaml():
    import yaml
    blocks = [yaml.safe_load(b) for b in _blocks("yaml")]
    github = next(b for b in blocks if isinstance(b, dict) and "jobs" in b)
    steps = github["jobs"]["evalkit"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert any("GITHUB_STEP_SUMMARY" in s.get("run", "") for s in steps)
    assert any("--format github" in s.get("run", "") for s in steps)
    gitlab = next(b for b in blocks if isinstance(b, dict) and "evalkit" in b and "script" in b["evalkit"])
    assert gitlab["evalkit"]["artifacts"]["reports"]["junit"] == "evalkit-junit.xml"
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "evalkit" and hooks[0]["entry"].startswith("evalkit check")


def test_screenshot_is_a_png():
    png = ROOT / "docs" / "html-report.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "html-report.png" in DOC.read_text(encoding="utf-8")


def test_config_example_is_accepted(tmp_path):
    from evalkit.config import load_settings

    block = next(b for b in _blocks("toml") if "[tool.evalkit]" in b)
    (tmp_path / "pyproject.toml").write_text(block, encoding="utf-8")
    settings = load_settings(None, {}, cwd=tmp_path)
    assert settings.fail_on == "major" and settings.severity == {"spaced-hyphen": "major"}


def test_suppressions_example_is_accepted(tmp_path):
    from evalkit.baseline import load_suppressions

    block = next(b for b in _blocks("toml") if "[[suppress]]" in b)
    (tmp_path / "s.toml").write_text(block, encoding="utf-8")
    assert len(load_suppressions(str(tmp_path / "s.toml"))) == 2


def test_evalkit_toml_example_is_accepted_in_evalkit_toml(tmp_path):
    from evalkit.config import load_settings

    block = next(b for b in _blocks("toml") if b.startswith("# evalkit.toml"))
    (tmp_path / "evalkit.toml").write_text(block, encoding="utf-8")
    settings = load_settings(None, {}, cwd=tmp_path)
    assert settings.min_chrf == 45.0 and settings.disable == ["cjk-punctuation"]


def test_every_toml_snippet_is_one_the_tests_load():
    kinds = [("[tool.evalkit]" in b) + b.startswith("# evalkit.toml") + ("[[suppress]]" in b) for b in _blocks("toml")]
    assert kinds and all(k == 1 for k in kinds)


def test_pyproject_table_in_evalkit_toml_says_where_it_belongs(tmp_path):
    from evalkit.config import load_settings
    from evalkit.errors import ConfigError

    block = next(b for b in _blocks("toml") if "[tool.evalkit]" in b)
    (tmp_path / "evalkit.toml").write_text(block, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"belongs in pyproject.toml.*top level"):
        load_settings(None, {}, cwd=tmp_path)


def _heading_anchors(path: Path) -> set[str]:
    """GitHub's anchors for a Markdown file's headings."""
    heads = re.findall(r"^#+ (.+)$", re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in heads}


LINKED = [*DOCS, *sorted((ROOT / "reports").glob("*.md")), ROOT / "benchmarks" / "README.md"]


@pytest.mark.parametrize("path", LINKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_somewhere(path):
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.exists(), f"{path.name} links to {target}, which the repository does not have"
        if anchor:
            assert anchor in _heading_anchors(linked), f"{path.name} links to {target}: no such heading"


def test_distribution_name_is_one_pypi_does_not_give_to_another_project():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "evalkit-l10n" and project["scripts"]["evalkit"] == "evalkit.cli:main"
    code = "\n".join(b for path in DOCS for b in re.findall(r"```\w*\n(.*?)```", path.read_text(encoding="utf-8"), re.S))
    assert not re.search(r"pip install ['\"]?evalkit(?![-\w])", code)


def _yaml_blocks():
    import yaml

    return [yaml.safe_load(b) for b in _blocks("yaml")]


def _shipped_hook() -> dict:
    import yaml

    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]


def _precommit_repos() -> list[dict]:
    return [r for b in _yaml_blocks() if isinstance(b, dict) and "repos" in b for r in b["repos"]]


def test_precommit_local_hook_is_the_shipped_hook():
    shipped = _shipped_hook()
    local = next(h for r in _precommit_repos() if r["repo"] == "local" for h in r["hooks"])
    for key in ("id", "name", "entry", "files", "require_serial"):
        assert local[key] == shipped[key], key
    assert local["language"] == "system"  # evalkit installed from tools/evalkit beforehand
    remote = next(r for r in _precommit_repos() if r["repo"] != "local")
    assert [h["id"] for h in remote["hooks"]] == [shipped["id"]]
    # a rev that exists: a commit id or a tag a release makes, never one that no one makes
    assert remote["rev"] == "EVALKIT_COMMIT_ID" and "git tag v" in DOC.read_text(encoding="utf-8")


# The recipes, run as written in a project laid out as docs/ci.md says: its translations in
# locale/, evalkit's source in tools/evalkit (a git submodule of a clone of this repository).
# Offline: pip installs evalkit alone, finding its dependencies where this test runs.
LOCALE = ["app.en.po", "app.en.xlf", "gate.xlf"]


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def _ok(proc: subprocess.CompletedProcess, what: str) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, f"{what} exited {proc.returncode}:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    return proc


def _clean_clone_repository(dest: Path) -> Path:
    """A git repository holding what a clean clone of this one holds (tracked files, and new ones
    not ignored)."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            (dest / name).write_bytes(src.read_bytes())
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "evalkit"]):
        subprocess.run(git + args, cwd=dest, check=True, capture_output=True)
    return dest


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project with translations in locale/ and a venv of its own with nothing of evalkit in it."""
    base = tmp_path_factory.mktemp("recipes")
    upstream = _clean_clone_repository(base / "upstream")
    proj = base / "project"
    (proj / "locale").mkdir(parents=True)
    for name in LOCALE:
        (proj / "locale" / name).write_bytes((ROOT / "tests" / "data" / "formats" / name).read_bytes())
    subprocess.run(["git", "init", "-q"], cwd=proj, check=True)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # an old setuptools of ensurepip's would shadow the one pyproject.toml asks for
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "uninstall", "-q", "-y", "setuptools"],
                   check=True, capture_output=True)
    site = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    # evalkit's dependencies (and setuptools to build it) from this interpreter, after the venv's own
    # packages: the evalkit that runs is the one the recipe installed.
    (site / "deps.pth").write_text("\n".join({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV", "EVALKIT"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}", VIRTUAL_ENV=str(venv),
               PIP_NO_INDEX="1", PIP_NO_DEPS="1", PIP_NO_BUILD_ISOLATION="0", PIP_DISABLE_PIP_VERSION_CHECK="1",
               GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0="protocol.file.allow", GIT_CONFIG_VALUE_0="always",
               EVALKIT_CACHE_DIR=str(proj / ".evalkit-cache"))
    return {"dir": proj, "env": env, "upstream": upstream, "venv": venv}


def _install_blocks() -> list[str]:
    section = DOC.read_text(encoding="utf-8").split("## Install", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S), section


def test_install_recipe_installs_evalkit_from_the_submodule(project):
    blocks, section = _install_blocks()
    proj, env = project["dir"], project["env"]
    submodule = next(b for b in blocks if "git submodule add" in b)
    _ok(_bash(submodule.replace("EVALKIT_REPOSITORY_URL", project["upstream"].as_uri()), proj, env), "submodule add")
    install = next(b for b in blocks if "pip install" in b)
    out = _ok(_bash(install, proj, env), "install")
    assert out.stdout.strip().splitlines()[-1] == "evalkit 0.1.0"
    where = _ok(_bash("python -c 'import evalkit; print(evalkit.__file__)'", proj, env), "import").stdout
    assert where.startswith(str(project["venv"]))  # the installed copy, not this checkout
    # a release: the wheel the doc names is the one its command builds, and it installs
    wheel_cmd = re.search(r"`(pip wheel [^`]+)`", section).group(1)
    wheel_file = re.search(r"writes `([^`]+\.whl)`", section).group(1)
    _ok(_bash(wheel_cmd, proj, env), "wheel")
    assert (proj / wheel_file).is_file()
    _ok(_bash(re.search(r"`(pip install dist/[^`]+)`", section).group(1), proj, env), "wheel install")
    assert _ok(_bash("evalkit checks", proj, env), "checks").stdout.count("\n") >= 10


def _expand(text: str, proj: Path) -> str:
    return (text.replace("${{ github.workspace }}", str(proj)).replace("$CI_PROJECT_DIR", str(proj)))


def test_ci_recipes_run_as_written(project):
    """The baseline commands, then every run step of the GitHub workflow and the GitLab job."""
    proj, env = project["dir"], dict(project["env"])
    if not (proj / "tools" / "evalkit").is_dir():
        test_install_recipe_installs_evalkit_from_the_submodule(project)
    baseline = next(b for b in _blocks("sh") if "evalkit baseline" in b)
    _ok(_bash(baseline, proj, env), "baselines")
    assert "finding" in (proj / ".evalkit-baseline.json").read_text(encoding="utf-8")
    blocks = _yaml_blocks()
    github = next(b for b in blocks if isinstance(b, dict) and "jobs" in b)["jobs"]["evalkit"]
    gh_env = dict(env, GITHUB_STEP_SUMMARY=str(proj / "summary.md"),
                  **{k: _expand(v, proj) for k, v in github["env"].items()})
    runs = [s["run"] for s in github["steps"] if "run" in s]
    assert any("pip install ./tools/evalkit" in r for r in runs)
    for run in runs:
        _ok(_bash(run, proj, gh_env), run)
    import json

    assert json.loads((proj / "evalkit.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert "<html" in (proj / "evalkit-report.html").read_text(encoding="utf-8")
    assert "gate.xlf" in (proj / "summary.md").read_text(encoding="utf-8")
    gitlab = next(b for b in blocks if isinstance(b, dict) and "evalkit" in b and "script" in b["evalkit"])["evalkit"]
    gl_env = dict(env, **{k: _expand(v, proj) for k, v in gitlab["variables"].items()})
    for line in gitlab["script"] + gitlab["after_script"]:
        _ok(_bash(line, proj, gl_env), line)
    for path in [gitlab["artifacts"]["reports"]["junit"], *gitlab["artifacts"]["paths"]]:
        assert (proj / path).stat().st_size > 0
    # the gate without the baseline fails on gate.xlf's major findings, as a linter does
    assert _bash("evalkit check locale/ --quiet", proj, env).returncode == 1


def test_precommit_hook_runs_as_pre_commit_runs_it(project):
    """pre-commit runs entry, then args, then the staged files its 'files' pattern selects."""
    proj, env = project["dir"], project["env"]
    if not (proj / "tools" / "evalkit").is_dir():
        test_install_recipe_installs_evalkit_from_the_submodule(project)
    hook = next(h for r in _precommit_repos() if r["repo"] == "local" for h in r["hooks"])
    files = [f"locale/{n}" for n in LOCALE if re.search(hook["files"], n)] + ["README.md"]
    files = [f for f in files if re.search(hook["files"], f)]
    assert files == [f"locale/{n}" for n in LOCALE]
    good = ["locale/app.en.po"]  # app.en.xlf leaves a unit untranslated, gate.xlf drops a placeholder
    assert _bash(shlex.join([*shlex.split(hook["entry"]), *hook["args"], *good]), proj, env).returncode == 0
    bad = _bash(shlex.join([*shlex.split(hook["entry"]), *hook["args"], *files]), proj, env)
    assert bad.returncode == 1 and bad.stderr == ""  # --quiet: no progress, the verdict is the exit code
    assert "locale/gate.xlf:19" in bad.stdout and "placeholder" in bad.stdout


def test_readme_en_de_excerpt_is_what_evalkit_prints(tmp_path):
    """The English-to-German example: its head and each finding shown are what the offline run prints."""
    from tests.helpers import run_cli

    excerpt = next(b for b in _blocks("text", README) if b.startswith("corpora/ui-en-de/")).splitlines()
    out = run_cli("check", "corpora/ui-en-de", "--src-lang", "en", "--tgt-lang", "de",
                  env={"EVALKIT_CACHE_DIR": str(tmp_path), "HF_HOME": str(tmp_path / "hf")})
    assert out.returncode == 1
    printed = out.stdout.splitlines()
    head = excerpt.index("")
    assert printed[:head] == excerpt[:head]
    shown = [line for line in excerpt[head:] if line != "..."]
    assert shown and all(line in printed for line in shown)


def test_readme_excerpt_is_what_evalkit_prints(tmp_path):
    """The excerpt's head, each finding's first line and the verdict, as the offline run prints them."""
    from tests.helpers import run_cli

    excerpt = next(b for b in _blocks("text", README) if "evalkit: gate failed" in b).splitlines()
    out = run_cli("check", "corpora/si-county", "--engine", "lexicon", env={"EVALKIT_CACHE_DIR": str(tmp_path)})
    assert out.returncode == 1
    printed = out.stdout.splitlines()
    head = next(i for i, line in enumerate(excerpt) if " findings: " in line) + 1
    assert printed[:head] == excerpt[:head]
    heads = [line for line in excerpt if line.startswith(("MINOR", "MAJOR", "CRITICAL"))]
    assert heads and all(line in printed for line in heads)
    assert excerpt[-1] in out.stderr.splitlines()
