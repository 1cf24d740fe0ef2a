"""Settings: defaults, then evalkit.toml or [tool.evalkit] in pyproject.toml, then the command line."""

from __future__ import annotations

import dataclasses
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evalkit.baseline import found_suppressions
from evalkit.confine import (check_confined, check_found_confined, check_model_confined, ci_from_environment,
                             repository_root)
from evalkit.engines.base import ENGINES as ENGINE_REGISTRY
from evalkit.errors import ConfigError
from evalkit.executors.base import EXECUTORS as EXECUTOR_REGISTRY
from evalkit.model import SEVERITIES
from evalkit.report.base import REPORTERS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FAIL_ON = ("never",) + SEVERITIES
# The names live in their registries; "auto" picks among the engines (evalkit.engines.base.auto_engine).
FORMATS = tuple(REPORTERS)
ENGINES = ("auto", *ENGINE_REGISTRY)
EXECUTORS = tuple(EXECUTOR_REGISTRY)


@dataclass
class Settings:
    """Everything a run is configured by. Field names are the config file's keys."""

    src_lang: str = "zh"
    tgt_lang: str = "en"
    engine: str = "auto"
    model: str | None = None
    device: str | None = None
    batch_size: int = 32  # the engines ran fastest at 32 of the sizes measured (benchmarks/README.md)
    beam_size: int = 1
    fail_on: str = "major"
    min_chrf: float | None = None
    max_mqm_penalty: float | None = None
    min_translated: float | None = None  # percent of units translated (fuzzy, needs-review, untranslated ones not)
    max_fuzzy: int | None = None  # units marked fuzzy
    max_needs_review: int | None = None  # units marked as needing review
    disable: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # check id -> severity override
    glossary: str | None = None
    do_not_translate: list[str] = field(default_factory=list)  # terms a target keeps as the source writes them
    must_translate: list[str] = field(default_factory=list)  # terms a target may not leave untranslated
    checklist: list[dict] = field(default_factory=list)  # the project's own rules (evalkit.checks.checklist)
    ignore: list[str] = field(default_factory=list)  # regexes; findings whose text matches are dropped
    format: str = "text"
    output: str | None = None
    encoding: str | None = None
    cache: bool = True
    quiet: bool = False
    baseline: str | None = None
    suppressions: str | None = None
    jobs: int | None = None  # worker processes (Ray actors); None: the CPUs available (of the cluster)
    executor: str = "local"  # where windows are checked: local (this machine) or ray
    ray_address: str | None = None  # the Ray cluster to join (ray.init's address); None: start a local one
    error_model: bool = False  # True: the word-level error model decides weak evidence (evalkit/decide)
    follow_symlinks: bool = True  # False: a symbolic link inside a folder input is skipped (evalkit/confine.py)
    # Not config keys (a config file cannot set them): CI mode, from --ci or the CI environment
    # variable, and the repository root the files a run reads are confined to in CI mode.
    ci: bool = field(default=False, metadata={"config": False})
    repository_root: str | None = field(default=None, metadata={"config": False})

    def validate(self) -> "Settings":
        _choice("fail_on", self.fail_on, FAIL_ON)
        _choice("format", self.format, FORMATS)
        _choice("engine", self.engine, ENGINES)
        for check, sev in self.severity.items():
            _choice(f"severity.{check}", sev, SEVERITIES)
        for key in ("do_not_translate", "must_translate"):
            terms = getattr(self, key)
            if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
                raise ConfigError(f"{key} must be a list of non-empty strings, e.g. {key} = [\"GNOME\"]")
        if self.min_translated is not None and not (
                isinstance(self.min_translated, (int, float)) and 0 <= self.min_translated <= 100):
            raise ConfigError(f"min_translated = {self.min_translated!r} is not a percentage from 0 to 100")
        for key in ("max_fuzzy", "max_needs_review"):
            value = getattr(self, key)
            if value is not None and not _whole(value, 0):
                raise ConfigError(f"{key} = {value!r} is not a count of units (0 or more)")
        for key in ("batch_size", "beam_size"):
            value = getattr(self, key)
            if not _whole(value, 1):
                raise ConfigError(f"{key} = {value!r}: give a whole number, at least 1")
        for key in ("src_lang", "tgt_lang"):
            value = getattr(self, key)
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{key} = {value!r}: name a language code such as zh or en")
        # the range each gate's number can take: a threshold outside it fails or passes every run
        for key, low, high, what in (("min_chrf", 0, 100, "a chrF++ score from 0 to 100"),
                                     ("max_mqm_penalty", 0, math.inf, "an MQM penalty (0 or more)")):
            value = getattr(self, key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ConfigError(f"{key} = {value!r} is not a finite number")
            if not low <= value <= high:
                raise ConfigError(f"{key} = {value!r} is out of range: give {what}")
        for pattern in self.ignore if isinstance(self.ignore, list) else [self.ignore]:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as exc:
                raise ConfigError(f"ignore = {pattern!r} is not a valid regular expression ({exc})") from exc
        _choice("executor", self.executor, EXECUTORS)
        for key in ("error_model", "follow_symlinks"):
            if not isinstance(getattr(self, key), bool):
                raise ConfigError(f"{key} = {getattr(self, key)!r} must be true or false")
        if self.jobs is not None and not _whole(self.jobs, 1):
            raise ConfigError(f"jobs = {self.jobs!r}: give a whole number of worker processes, at least 1")
        from evalkit.checks.base import select_checks
        from evalkit.checks.checklist import checklist_rules

        select_checks(self.disable)
        checklist_rules(self.checklist)
        from evalkit.checks.base import all_checks

        for check in self.severity:
            if check not in all_checks():
                raise ConfigError(f"severity override for unknown check {check!r}; `evalkit checks` lists them")
        return self


CONFIG_KEYS = frozenset(f.name for f in dataclasses.fields(Settings) if f.metadata.get("config", True))
# Config keys that name files a run reads or writes: in CI mode they must lie inside the repository
# root ("-", standard output, is no file).
PATH_KEYS = ("glossary", "baseline", "suppressions", "output")


def _whole(value: Any, minimum: int) -> bool:
    """Whether ``value`` is a whole number (not a boolean, which Python counts as one) of at least ``minimum``."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _choice(key: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(f"{key} = {value!r} is not one of: {', '.join(allowed)}")


def find_config(start: Path) -> Path | None:
    """evalkit.toml, or a pyproject.toml with [tool.evalkit], in ``start`` or its parents."""
    for folder in [start, *start.parents]:
        if (folder / "evalkit.toml").is_file():
            return folder / "evalkit.toml"
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "evalkit" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                    return pyproject
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue
    return None


def read_config(path: Path) -> dict[str, Any]:
    """The settings table of a config file; unknown keys are errors."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such config file") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("evalkit", {})
    known = CONFIG_KEYS
    if path.name != "pyproject.toml" and "tool" in data and "tool" not in known:
        raise ConfigError(f"{path}: [tool.evalkit] belongs in pyproject.toml; in {path.name} the keys go at the "
                          "top level, with no table header")
    for key in data:
        if key not in known:
            raise ConfigError(f"{path}: unknown key {key!r}; known keys: {', '.join(sorted(known))}")
    return data


def load_settings(config: str | None, overrides: dict[str, Any], cwd: Path | None = None) -> Settings:
    """Defaults < config file (given, or found from ``cwd`` upwards) < command-line overrides."""
    cwd = cwd or Path.cwd()
    path = Path(config) if config else find_config(cwd)
    from_file: dict[str, Any] = read_config(path) if path else {}
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        settings = Settings(**{**from_file, **given})
    except TypeError as exc:
        raise ConfigError(f"bad settings: {exc}") from exc
    settings.validate()
    settings.ci = bool(settings.ci) or ci_from_environment()
    root = repository_root(cwd, path.parent if path else None)
    settings.repository_root = str(root)
    if settings.ci:  # a path the config file names (the command line's are the job's own)
        for key in PATH_KEYS:
            if isinstance(from_file.get(key), str) and from_file[key] != "-" and key not in given:
                check_confined(key, from_file[key], root, cwd)
        if isinstance(from_file.get("model"), str) and "model" not in given:
            check_model_confined(from_file["model"], root, cwd)
    found = found_suppressions(cwd) if settings.suppressions is None else None
    if found is not None:  # the suppressions file of the working folder: the run reads it, as if named
        if settings.ci:
            check_found_confined(found, root, "--suppressions")
        settings.suppressions = str(found)
    return settings
