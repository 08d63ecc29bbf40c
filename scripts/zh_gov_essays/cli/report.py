"""``zh-gov-essays report``: one static HTML page to review what the cleaning did."""

from __future__ import annotations

import argparse
import time

from zh_gov_essays.cli.status import UsageError, progress


def cmd_report(args: argparse.Namespace) -> int:
    from zh_gov_essays.report.options import SampleOptions, option_problem
    from zh_gov_essays.report.write import ReportError, write_report

    problem = option_problem(args.per_rule, args.per_source, args.max_documents, args.page_size)
    if problem or args.out.is_dir():
        raise UsageError(problem or f"--out {args.out} is a folder; name the HTML file to write")
    started = time.perf_counter()
    try:
        result = write_report(
            args.corpus,
            args.out,
            input_root=args.input,
            options=SampleOptions(args.per_rule, args.per_source, args.max_documents),
            page_size=args.page_size,
            progress=lambda rows, n: progress(iter(rows), n, "documents"),
        )
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    print(result.summary(args.out, time.perf_counter() - started, with_input=bool(args.input)))
    return 0
