"""Extraction benchmark on generated reports: throughput, peak memory and accuracy.

    .venv/bin/python bench/extract_bench.py [--count 10000] [--seed 1] [--workers N] [--fresh]

1. Generates `count` reports across every layout and quirk (extractors.synthetic) into
   bench/out/cases-s<seed>-n<count>/, or reuses that directory when its manifest matches.
2. Times extraction (read + extract_file) of every report in this process, then with a process pool of
   os.cpu_count() workers; results are discarded so only extraction is measured.
3. Peak memory: max RSS of this process after the single-process pass, and the largest max RSS any
   extraction worker reached (each worker reports its own, so generation workers do not count).
4. Accuracy: every report evaluated against its truth with extractors.evaluation (in the pool, merged),
   printed per layout and quirk and as the same four-line summary as `ogi eval`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # runnable as a script from any directory

from rich.console import Console  # noqa: E402

from extractors import extract_file  # noqa: E402
from extractors.evaluation import (  # noqa: E402
    FAILING_VERDICTS,
    TRUTH_SUFFIX,
    Summary,
    evaluate_results,
    load_truth,
    summarise,
    summary_lines,
    tally_table,
)
from extractors.synthetic import GENERATOR_VERSION, LAYOUTS, make_case, write_case  # noqa: E402

OUT_DIR = REPO / "bench" / "out"
MANIFEST = "MANIFEST.json"
# Workers are spawned, not forked: polars (imported by the evaluation) can deadlock a forked child.
_SPAWN = multiprocessing.get_context("spawn")
CHUNK = 250  # most files per pool task (fewer for small runs, so every worker gets several tasks)
EXAMPLES = 15


# ------------------------------------------------------------------------------------------ cases

def _generate_chunk(task: tuple[int, list[int], str]) -> int:
    seed, indexes, directory = task
    names = [name for name, layout in LAYOUTS.items() if not layout.ocr]  # OCR: bench/pdf_bench.py
    for index in indexes:
        write_case(make_case(seed, index, names[index % len(names)]), Path(directory))
    return len(indexes)


def _chunks(items: list, size: int = CHUNK, workers: int = os.cpu_count() or 1) -> list[list]:
    size = max(1, min(size, len(items) // (4 * workers)))  # ≥ 4 tasks per worker keeps the cores busy
    return [items[i:i + size] for i in range(0, len(items), size)]


def ensure_cases(directory: Path, count: int, seed: int, workers: int, fresh: bool) -> tuple[list[Path], float]:
    """The report files (not truth files) of the case directory, generating them unless cached."""
    manifest = {"count": count, "seed": seed, "generator_version": GENERATOR_VERSION}
    marker = directory / MANIFEST
    started = time.perf_counter()
    if fresh or not marker.exists() or json.loads(marker.read_text()) != manifest:
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        tasks = [(seed, chunk, str(directory)) for chunk in _chunks(list(range(count)), workers=workers)]
        with ProcessPoolExecutor(workers, mp_context=_SPAWN) as pool:
            sum(pool.map(_generate_chunk, tasks))
        marker.write_text(json.dumps(manifest))
    elapsed = time.perf_counter() - started
    files = sorted(p for p in directory.iterdir() if p.name != MANIFEST and not p.name.endswith(TRUTH_SUFFIX))
    return files, elapsed


# ------------------------------------------------------------------------------------------ timing

def _extract_chunk(paths: list[str]) -> tuple[int, int]:
    """Extract and discard; returns (files, this worker's max RSS in KiB)."""
    for path in paths:
        extract_file(path)
    return len(paths), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def time_single(files: list[Path]) -> float:
    started = time.perf_counter()
    _extract_chunk([str(p) for p in files])
    return time.perf_counter() - started


def time_pool(files: list[Path], workers: int) -> tuple[float, int]:
    """(seconds, largest worker max RSS in KiB); the pool is started before the clock."""
    tasks = _chunks([str(p) for p in files], workers=workers)
    with ProcessPoolExecutor(workers, mp_context=_SPAWN) as pool:
        list(pool.map(abs, range(workers)))  # warm the workers up: process start is not extraction
        started = time.perf_counter()
        results = list(pool.map(_extract_chunk, tasks))
        elapsed = time.perf_counter() - started
    return elapsed, max(rss for _, rss in results)


# ------------------------------------------------------------------------------------------ accuracy

def _truth_path(path: Path) -> Path:
    return path.with_name(path.stem + TRUTH_SUFFIX)


def _evaluate_chunk(paths: list[str]) -> tuple[Summary, list[str]]:
    items = [(Path(p).name, load_truth(_truth_path(Path(p))), extract_file(p)) for p in paths]
    reports = evaluate_results(items)
    examples = [c.describe() for r in reports for c in r.checks if c.verdict in FAILING_VERDICTS][:EXAMPLES]
    examples += [f"status {r.file}: expected {r.expected_status}, got {r.status}" for r in reports
                 if not r.status_ok][:EXAMPLES]
    return summarise(reports), examples


def evaluate_all(files: list[Path], workers: int) -> tuple[Summary, list[str]]:
    total, examples = Summary(), []
    with ProcessPoolExecutor(workers, mp_context=_SPAWN) as pool:
        for summary, chunk_examples in pool.map(_evaluate_chunk, _chunks([str(p) for p in files], workers=workers)):
            total.merge(summary)
            examples += chunk_examples
    return total, examples


# ------------------------------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--dir", type=Path, help="case directory (default bench/out/cases-s<seed>-n<count>)")
    parser.add_argument("--fresh", action="store_true", help="regenerate the cases even if cached")
    args = parser.parse_args(argv)
    out = Console()
    directory = args.dir or OUT_DIR / f"cases-s{args.seed}-n{args.count}"

    files, generated_in = ensure_cases(directory, args.count, args.seed, args.workers, args.fresh)
    out.print(f"cases: {len(files)} reports in {directory} ({generated_in:.1f}s to generate or check)",
              markup=False)
    single = time_single(files)
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pooled, worker_rss = time_pool(files, args.workers)
    summary, examples = evaluate_all(files, args.workers)

    out.print(tally_table("accuracy per layout", summary.by_layout))
    out.print(tally_table("accuracy per quirk (a report counts under each of its quirks)", summary.by_quirk))
    for line in examples[:EXAMPLES]:
        out.print("  " + line, markup=False, soft_wrap=True)
    lines = [
        f"extraction single-process: {len(files) / single:.1f} reports/s ({single:.1f}s for {len(files)})",
        f"extraction pool of {args.workers}: {len(files) / pooled:.1f} reports/s ({pooled:.1f}s), "
        f"speed-up x{single / pooled:.2f}",
        f"peak RSS: main process {self_rss / 1024:.0f} MiB after the single-process pass, "
        f"largest extraction worker {worker_rss / 1024:.0f} MiB",
        *summary_lines(summary),
    ]
    for line in lines:
        out.print(line, markup=False, highlight=False, soft_wrap=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
