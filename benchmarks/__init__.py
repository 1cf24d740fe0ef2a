"""evalkit's benchmarks: `python -m benchmarks` runs them and rewrites benchmarks/README.md's results."""
