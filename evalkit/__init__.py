"""evalkit: translation quality evaluation for localization teams."""

__version__ = "0.1.0"
