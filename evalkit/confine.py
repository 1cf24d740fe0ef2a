"""Which files a run may read when its inputs are not trusted: symbolic links inside a folder
input, and the files a config file names.

Two switches (docs/ci.md, "Links and paths outside the repository"):

- ``follow_symlinks = false`` / ``--no-follow-symlinks``: a symbolic link met while reading a
  folder input is skipped (and said so), whatever it points at;
- CI mode (the ``CI`` environment variable that CI services set, or ``--ci``): a link inside a
  folder input that resolves outside both that folder and the repository root, a path the
  config file names (glossary, baseline, suppressions, the output it writes, a model that is a
  local folder) and the ``.evalkit-ignore.toml`` evalkit finds by itself in the working folder,
  when it resolves outside the repository root, is refused with exit 2. The repository root is
  the git work tree holding the working folder, else the one holding the config file, else the
  config file's folder (or the working folder). CI mode is no config key: a config file cannot
  turn it off.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from evalkit.errors import InputError

CI_ENV = "CI"


def ci_from_environment(environ: dict[str, str] | None = None) -> bool:
    """Whether the environment says this is a CI job (``CI=true``, as GitHub, GitLab and others set)."""
    value = (os.environ if environ is None else environ).get(CI_ENV, "")
    return value.strip().lower() not in ("", "0", "false", "no", "off")


def git_work_tree(start: Path) -> Path | None:
    """The git work tree holding ``start`` (the nearest folder with a ``.git``), or None."""
    start = start.resolve()
    return next((f for f in [start, *start.parents] if (f / ".git").exists()), None)


def repository_root(cwd: Path, config_folder: Path | None = None) -> Path:
    """The git work tree holding the working folder ``cwd``; else the one holding the config file's
    folder; else that folder (or ``cwd`` when there is no config file). A config file found above
    the work tree does not widen the root to its own folder."""
    fallback = config_folder or cwd
    return git_work_tree(cwd) or (config_folder and git_work_tree(config_folder)) or fallback.resolve()


def inside(path: Path, folders: list[Path]) -> bool:
    """Whether ``path``, every link resolved, lies in one of ``folders`` (also resolved)."""
    real = path.resolve()
    return any(real.is_relative_to(f.resolve()) for f in folders)


@dataclass
class LinkPolicy:
    """How a folder input treats the symbolic links inside it."""

    follow: bool = True
    confine_to: Path | None = None  # CI mode: the repository root a link may also point into
    skipped: list[Path] = field(default_factory=list)

    def admits(self, path: Path, folder: Path) -> bool:
        """Whether to read ``path`` found in the folder input ``folder``; a link CI mode forbids is an error."""
        if not _linked(path, folder):
            return True
        if not self.follow:
            self.skipped.append(path)
            return False
        if self.confine_to is not None and not inside(path, [folder, self.confine_to]):
            raise InputError(
                f"{path}: a symbolic link to {path.resolve()}, outside {folder} and the repository root "
                f"{self.confine_to}; CI mode does not follow it (give the file itself, or --no-follow-symlinks "
                "to skip links)")
        return True


def _linked(path: Path, folder: Path) -> bool:
    """Whether ``path`` or a folder between ``folder`` and it is a symbolic link."""
    p = path
    while p != folder and p != p.parent:
        if p.is_symlink():
            return True
        p = p.parent
    return False


def _refuse_outside(path: Path, root: Path, what: str, remedy: str) -> None:
    """Raise the CI-mode error for ``path`` (named as ``what``) when it resolves outside ``root``."""
    if not inside(path, [root]):
        raise InputError(f"{what} resolves to {path.resolve()}, outside the repository root {root}; {remedy}")


def check_confined(key: str, value: str, root: Path, cwd: Path) -> None:
    """Refuse the config key ``key``'s path ``value`` (relative to the working folder ``cwd``, as
    evalkit opens it) when it resolves outside ``root`` (CI mode)."""
    _refuse_outside(cwd / value, root, f"{key} = {value!r}",
                    "in CI mode a config file may name only files inside it (give the path on the command line)")


def check_model_confined(value: str, root: Path, cwd: Path) -> None:
    """Refuse the config's ``model`` when it is a local path (as the engines read it) outside ``root``
    (CI mode); a hub name, which is no existing path, is not a file of this machine."""
    path = cwd / Path(value).expanduser()
    if path.exists():
        _refuse_outside(path, root, f"model = {value!r} is a local path that",
                        "in CI mode a config file may name only a hub model or a folder inside it "
                        "(give --model on the command line)")


def check_found_confined(path: Path, root: Path, option: str) -> None:
    """Refuse a file evalkit found by itself in the working folder (``path``) when it resolves
    outside ``root`` (CI mode)."""
    _refuse_outside(path, root, f"{path.name} in the working folder",
                    f"in CI mode evalkit reads a file it finds by itself only inside it (give {option} FILE)")
