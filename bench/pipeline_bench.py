"""Whole-pipeline benchmark: generated reports through the real Dagster job (extract, dbt, GX gate, marts).

    .venv/bin/python bench/pipeline_bench.py [--count 2000] [--seed 3]

Runs the job three times on one warehouse and prints each step's wall time:
1. cold: every report is new;
2. unchanged: nothing to extract or judge (what a daily run costs when nothing arrived);
3. +10%: a tenth more reports arrive (the incremental path).
Peak RSS of this process (and its extraction workers) is printed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # runnable as a script from any directory

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from extractors.synthetic import LAYOUTS, make_case, write_case  # noqa: E402

console = Console()


def generate(directory: Path, seed: int, start: int, stop: int) -> None:
    names = [name for name, layout in LAYOUTS.items() if not layout.ocr]  # OCR: bench/pdf_bench.py
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(start, stop):
        case = make_case(seed, index, names[index % len(names)])
        write_case(case, directory)
    # The landing directory holds reports only: truth files stay beside, not inside.
    for truth in directory.glob("*.truth.json"):
        truth.rename(directory.parent / "truth" / truth.name)


def step_times(instance, run_id: str) -> dict[str, float]:
    started, times = {}, {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or event.step_key is None:
            continue
        if event.event_type_value == "STEP_START":
            started[event.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE"):
            times[event.step_key] = entry.timestamp - started.get(event.step_key, entry.timestamp)
    return times


def run(landing: Path, warehouse: Path):
    import dagster as dg

    from orchestration.definitions import defs

    os.environ["OGI_LANDING_DIR"] = str(landing)
    os.environ["OGI_WAREHOUSE"] = str(warehouse)
    instance = dg.DagsterInstance.ephemeral()
    began = time.perf_counter()
    # dbt writes its progress to stdout; the benchmark prints only its measurements.
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
        result = defs().resolve_job_def("ogi_main_job").execute_in_process(
            instance=instance, raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}},
        )
    return result, time.perf_counter() - began, step_times(instance, result.run_id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ogi-pipeline-bench-") as tmp:
        root = Path(tmp)
        landing, warehouse = root / "landing", root / "warehouse.duckdb"
        (root / "truth").mkdir()
        began = time.perf_counter()
        generate(landing, args.seed, 0, args.count)
        console.print(f"generated {args.count} reports in {time.perf_counter() - began:.1f}s")

        rows = []
        for label, extra in (("cold", 0), ("unchanged", 0), ("+10%", max(1, args.count // 10))):
            if extra:
                generate(landing, args.seed, args.count, args.count + extra)
            result, seconds, steps = run(landing, warehouse)
            if not result.success:
                console.print(f"[red]{label} run failed[/]")
            rows.append((label, seconds, steps))
            console.print(f"{label}: {seconds:.1f}s")

        table = Table("step", *(label for label, _, _ in rows), title=f"pipeline, {args.count} reports (+10%)")
        steps = list(rows[0][2])
        for step in steps:
            table.add_row(step, *(f"{r[2].get(step, 0):.1f}s" for r in rows))
        table.add_row("[bold]whole run[/]", *(f"{r[1]:.1f}s" for r in rows))
        console.print(table)
        cold = rows[0][1]
        console.print(f"cold throughput: {args.count / cold:.1f} reports/s through the whole pipeline")
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        console.print(f"peak RSS: {peak:.0f} MiB (this process or its largest child)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
