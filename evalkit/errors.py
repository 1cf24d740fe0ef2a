"""The one exception tree of evalkit; exit codes live on the classes.

    EvalkitError                 exit 2, base of everything evalkit raises on purpose
     ├── UsageError              bad command line or option value
     ├── ConfigError             bad evalkit.toml / [tool.evalkit] (unknown key, unknown check)
     ├── InputError              an input file is missing, unreadable, malformed or mismatched
     │    └── EncodingError      an input is not in the encoding it claims or we can detect
     ├── OutputError             a report cannot be written where asked
     ├── ModelError              an MT model cannot be loaded or run
     └── GateFailed              exit 1: the quality gate failed (not an error of use)
"""

from __future__ import annotations


class EvalkitError(Exception):
    """Base of every error evalkit raises on purpose; the message is one line for the user."""

    exit_code = 2


class UsageError(EvalkitError):
    """The command line or an option value is wrong."""


class ConfigError(EvalkitError):
    """A configuration file holds an unknown key, check name or bad value."""


class InputError(EvalkitError):
    """An input file is missing, unreadable, malformed, or does not match its partner."""


class EncodingError(InputError):
    """An input file cannot be decoded with the detected or given encoding."""


class OutputError(EvalkitError):
    """A report cannot be written to the requested path."""


class ModelError(EvalkitError):
    """An MT model cannot be loaded or run."""


class GateFailed(EvalkitError):
    """The quality gate failed: a finding at or above --fail-on, or a score threshold missed."""

    exit_code = 1
