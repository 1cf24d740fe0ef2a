"""An argument parser whose usage errors are one line on stderr, with a "did you mean" where one fits."""

from __future__ import annotations

import argparse
import difflib
import re
from typing import NoReturn

_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)$")
_QUOTED = re.compile(r"'([^']*)'")


class OneLineParser(argparse.ArgumentParser):
    """``argparse`` with its errors as ``evalkit: error: … (see PROG --help)``, exit 2, and no usage
    block: a CI log keeps one line, and the help is one command away."""

    def error(self, message: str) -> NoReturn:
        hint = self._did_you_mean(message)
        line = f"evalkit: error: {message}{f'; did you mean {hint}?' if hint else ''} (see {self.prog} --help)"
        self.exit(2, line + "\n")

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        # an unknown option of a subcommand is reported by that subcommand, which knows its options
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            (self._subcommand(parsed) or self).error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed

    def _subcommand(self, parsed: argparse.Namespace) -> "OneLineParser | None":
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                chosen = action.choices.get(getattr(parsed, action.dest, None) or "")
                return chosen if isinstance(chosen, OneLineParser) else None
        return None

    def _did_you_mean(self, message: str) -> str:
        """The closest valid word to the one ``message`` rejects, quoted; '' when none is close."""
        choice = _CHOICE.search(message)
        if choice:
            wrong, options = choice.group(1), _QUOTED.findall(choice.group(2))
        elif message.startswith("unrecognized arguments: "):
            wrong = next((a for a in message.split()[2:] if a.startswith("-")), "")
            wrong, options = wrong.split("=", 1)[0], [o for o in self._option_string_actions if o.startswith("--")]
        else:
            return ""
        close = difflib.get_close_matches(wrong, options, n=1, cutoff=0.6)
        return repr(close[0]) if wrong and close else ""

