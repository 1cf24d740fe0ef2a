"""The command line: parse arguments, call the library, write the report. No logic of its own."""

from __future__ import annotations

import argparse
import os
import sys

from evalkit import __version__
from evalkit.config import ENGINES as ENGINE_CHOICES
from evalkit.config import EXECUTORS as EXECUTOR_CHOICES
from evalkit.config import FAIL_ON as FAIL_ON_CHOICES
from evalkit.config import FORMATS as FORMAT_CHOICES
from evalkit.errors import EvalkitError
from evalkit.usage import OneLineParser


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="evalkit",
        description="Check a translation: re-translate the source, score with sacrebleu, flag mistranslated phrases.",
    )
    parser.add_argument("--version", action="version", version=f"evalkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check a translation and gate on its quality",
                           description="Check SOURCE TARGET, a corpus folder, or bilingual files.")
    check.add_argument("paths", nargs="+", metavar="PATH",
                       help="SOURCE TARGET, a corpus folder (source.zh.txt, target.en.txt, ...), or bilingual file(s)")
    check.add_argument("--reference", action="append", default=[], metavar="FILE", help="a human reference (repeatable)")
    check.add_argument("--engine", choices=ENGINE_CHOICES, help="re-translation engine (default: auto)")
    check.add_argument("--model", metavar="NAME_OR_PATH", help="MT model, hub name or local folder")
    check.add_argument("--retranslation", metavar="FILE", help="use this re-translation instead of running an engine")
    check.add_argument("--src-lang", help="source language (default: zh)")
    check.add_argument("--tgt-lang", help="target language (default: en)")
    check.add_argument("--format", choices=FORMAT_CHOICES, help="report format (default: text)")
    check.add_argument("--output", metavar="PATH",
                       help="write the report here (- for standard output); never one of the inputs")
    check.add_argument("--fail-on", choices=FAIL_ON_CHOICES, help="lowest severity that fails the gate (default: major)")
    check.add_argument("--min-chrf", type=float, help="fail when corpus chrF++ against the re-translation is below this")
    check.add_argument("--max-mqm-penalty", type=float, help="fail when the MQM penalty is above this")
    check.add_argument("--min-translated", type=float, metavar="PCT",
                       help="fail when less than PCT%% of a file's units are translated (fuzzy and needs-review not)")
    check.add_argument("--max-fuzzy", type=int, metavar="N", help="fail when more than N units of a file are fuzzy")
    check.add_argument("--max-needs-review", type=int, metavar="N",
                       help="fail when more than N units of a file are marked as needing review")
    check.add_argument("--config", metavar="FILE", help="evalkit.toml or pyproject.toml to read settings from")
    check.add_argument("--disable", action="append", metavar="CHECK", help="do not run this check (repeatable)")
    check.add_argument("--glossary", metavar="FILE", help="terminology glossary (CSV with source,target columns, or TBX)")
    check.add_argument("--encoding", help="encoding of the input files (default: detect; UTF-8 expected)")
    check.add_argument("--batch-size", type=int,
                       help="segments per batch of the MT model (default: 32; ct2 on CPU runs a batch per worker)")
    check.add_argument("--beam-size", type=int, help="MT beam size (default: 1, greedy)")
    check.add_argument("--device", help="MT device: cpu, cuda, cuda:1 (default: cuda when available)")
    check.add_argument("--no-cache", dest="cache", action="store_const", const=False,
                       help="do not read or write the re-translation cache")
    check.add_argument("--jobs", "-j", type=int, metavar="N",
                       help="check in N worker processes (default: the CPUs available; the report is the same)")
    check.add_argument("--executor", choices=EXECUTOR_CHOICES,
                       help="where to check: local (this machine, default) or ray (a Ray cluster; evalkit-l10n[ray])")
    check.add_argument("--ray-address", metavar="ADDR",
                       help="the Ray cluster to join with --executor ray (default: start one on this machine)")
    check.add_argument("--error-model", dest="error_model", action="store_const", const=True,
                       help="let the word-level error model decide weak evidence and flag the words it "
                            "finds likely wrong (zh->en; more recall, less precision; config: error_model = true)")
    check.add_argument("--no-follow-symlinks", dest="follow_symlinks", action="store_const", const=False,
                       help="skip symbolic links inside a folder input (config: follow_symlinks = false)")
    check.add_argument("--ci", action="store_const", const=True,
                       help="CI mode (default when the CI environment variable is set): refuse links and "
                            "config-named files that resolve outside the repository")
    check.add_argument("--quiet", "-q", action="store_const", const=True, help="no progress or warnings on stderr")
    check.add_argument("--baseline", metavar="FILE",
                       help="fail only on findings not in this baseline (from `evalkit baseline` or a JSON report)")
    check.add_argument("--suppressions", metavar="FILE",
                       help="accepted findings, TOML or JSON (default: .evalkit-ignore.toml when present)")

    sub.add_parser("baseline", parents=[check], add_help=False, conflict_handler="resolve",
                   help="write the findings of a run as a baseline for --baseline",
                   description="Check like `evalkit check` and write the findings to --output "
                               "(default: evalkit-baseline.json) as a baseline.")

    sub.add_parser("checks", help="list the available checks")

    evaluate = sub.add_parser("evaluate", help="score a JSON report's findings against gold error spans",
                              description="Span, character and segment-level agreement of a report with gold "
                                          "annotations (a gold.jsonl, an MQM TSV with <v>...</v> spans, or an error-span TSV "
                                          "of the WMT QE task 2 format).")
    evaluate.add_argument("report", metavar="REPORT.json", help="a report of `evalkit check --format json`")
    evaluate.add_argument("gold", metavar="GOLD", help="gold.jsonl (offsets as in the report) or an MQM TSV")
    evaluate.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    evaluate.add_argument("--baselines", action="store_true",
                          help="also score naive detectors on the same segments: mark-all-major, bag-of-words "
                               "against the report's re-translations, bag-of-gloss against the source")
    return parser


def _settings(args: argparse.Namespace):
    from evalkit.config import load_settings

    overrides = {
        "engine": args.engine, "model": args.model, "src_lang": args.src_lang, "tgt_lang": args.tgt_lang,
        "format": args.format, "output": args.output, "fail_on": args.fail_on, "min_chrf": args.min_chrf,
        "max_mqm_penalty": args.max_mqm_penalty, "min_translated": args.min_translated,
        "max_fuzzy": args.max_fuzzy, "max_needs_review": args.max_needs_review, "disable": args.disable, "glossary": args.glossary,
        "encoding": args.encoding, "batch_size": args.batch_size, "beam_size": args.beam_size,
        "device": args.device, "cache": args.cache, "quiet": args.quiet,
        "baseline": args.baseline, "suppressions": args.suppressions, "jobs": args.jobs,
        "executor": args.executor, "ray_address": args.ray_address,
        "follow_symlinks": args.follow_symlinks, "ci": args.ci, "error_model": args.error_model,
    }
    return load_settings(args.config, overrides)


def _check_output(args: argparse.Namespace, settings, path: str) -> None:
    """Refuse an --output path that cannot be written or that the run reads, before any work."""
    from evalkit.formats.loader import input_files
    from evalkit.report.write import check_writable

    inputs = input_files(args.paths, references=args.reference, retranslation=args.retranslation,
                         src_lang=settings.src_lang, tgt_lang=settings.tgt_lang)
    extra = [settings.glossary, settings.baseline, settings.suppressions, args.config]
    check_writable(path, inputs + [p for p in extra if p])


def cmd_check(args: argparse.Namespace) -> int:
    from evalkit.gate import gate_failures
    from evalkit.pipeline import check_inputs
    from evalkit.progress import progress_for
    from evalkit.report.base import get_reporter, render_pieces
    from evalkit.report.write import write_report

    settings = _settings(args)
    reporter = get_reporter(settings.format)
    _check_output(args, settings, settings.output or "-")
    warn = (lambda msg: None) if settings.quiet else (lambda msg: print(f"evalkit: warning: {msg}", file=sys.stderr))
    with progress_for(settings.quiet) as progress:
        reports = check_inputs(args.paths, settings, references=args.reference,
                               retranslation=args.retranslation, warn=warn, progress=progress)
    write_report(settings.output, render_pieces(reporter, reports, settings))
    failures = gate_failures(reports, settings)
    if failures and not settings.quiet:
        print(f"evalkit: gate failed: {'; '.join(failures)}", file=sys.stderr)
    return 1 if failures else 0


def cmd_checks(args: argparse.Namespace) -> int:
    from evalkit.checks.base import check_table

    print("\n".join(check_table()))
    return 0


def cmd_baseline(args: argparse.Namespace) -> int:
    from evalkit.baseline import baseline_text
    from evalkit.pipeline import check_inputs
    from evalkit.progress import progress_for
    from evalkit.report.write import write_report

    args.baseline = None  # a baseline records every finding of this run
    settings = _settings(args)
    output = settings.output or "evalkit-baseline.json"
    _check_output(args, settings, output)
    warn = (lambda msg: None) if settings.quiet else (lambda msg: print(f"evalkit: warning: {msg}", file=sys.stderr))
    with progress_for(settings.quiet) as progress:
        reports = check_inputs(args.paths, settings, references=args.reference,
                               retranslation=args.retranslation, warn=warn, progress=progress)
    text, n = baseline_text(reports)
    write_report(output, text)
    if not settings.quiet:
        print(f"evalkit: wrote {n} finding(s) to {output}", file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    from evalkit.evaluate import evaluate_files, format_table

    result = evaluate_files(args.report, args.gold, with_baselines=args.baselines)
    sys.stdout.write(json.dumps(result, indent=2) + "\n" if args.format == "json" else format_table(result))
    return 0


COMMANDS = {"check": cmd_check, "checks": cmd_checks, "baseline": cmd_baseline, "evaluate": cmd_evaluate}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from evalkit.processes import terminate_as_interrupt

    try:
        with terminate_as_interrupt():
            return COMMANDS[args.command](args)
    except EvalkitError as exc:
        print(f"evalkit: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("evalkit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line for CI logs, the traceback on request
        if os.environ.get("EVALKIT_DEBUG"):
            raise
        print(f"evalkit: internal error: {type(exc).__name__}: {exc} (set EVALKIT_DEBUG=1 for the traceback)",
              file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
