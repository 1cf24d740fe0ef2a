from evalkit.report.base import REPORTERS, get_reporter  # noqa: F401
