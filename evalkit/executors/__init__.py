"""Where windows are checked: this machine (in-process or forked workers), or a Ray cluster."""

from evalkit.executors.base import EXECUTORS, Executor, WindowJob, available_cpus, get_executor

__all__ = ["EXECUTORS", "Executor", "WindowJob", "available_cpus", "get_executor"]
