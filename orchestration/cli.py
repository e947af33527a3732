"""`ogi`: run the pipeline, inspect one file's extraction, query the warehouse, open the Dagster UI."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import sys
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from orchestration.settings import PROJECT_ROOT, Settings

console = Console(stderr=True)
out = Console()


# ------------------------------------------------------------------------------------------- setup
def _configure(landing: str | None = None, warehouse: str | None = None) -> Settings:
    """Put CLI options into the environment every part (Dagster, dbt, GX) reads, then resolve them."""
    if landing:
        os.environ["OGI_LANDING_DIR"] = str(Path(landing).expanduser().resolve())
    if warehouse:
        os.environ["OGI_WAREHOUSE"] = str(Path(warehouse).expanduser().resolve())
    settings = Settings.from_env()
    os.environ["OGI_WAREHOUSE"] = str(settings.warehouse_path)
    home = Path(os.environ.get("DAGSTER_HOME") or settings.warehouse_path.parent / "dagster_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text("telemetry:\n  enabled: false\n")
    os.environ["DAGSTER_HOME"] = str(home)
    return settings


# --------------------------------------------------------------------------------------------- run
def _follow_run(instance, run_id: str, stop: threading.Event) -> None:
    """Print the run's progress from Dagster's event log while the job executes in the main thread."""
    cursor = None
    started: dict[str, float] = {}
    shown = {
        "STEP_START": "[cyan]▶[/] {step}",
        "STEP_SUCCESS": "[green]✓[/] {step} ({seconds:.1f}s)",
        "STEP_FAILURE": "[red]✗[/] {step} failed ({seconds:.1f}s)",
        "STEP_SKIPPED": "[yellow]↷[/] {step} skipped",
    }
    with console.status("running ogi_main_job…") as status:
        while True:
            finished = stop.is_set()
            conn = instance.get_records_for_run(run_id=run_id, cursor=cursor, limit=500)
            cursor = conn.cursor
            for record in conn.records:
                entry = record.event_log_entry
                event = entry.dagster_event
                if event is None:
                    if entry.user_message.startswith("extracted batch"):
                        status.update(entry.user_message)
                    continue
                kind = event.event_type_value
                if kind in shown:
                    started.setdefault(event.step_key, entry.timestamp)
                    seconds = entry.timestamp - started[event.step_key]
                    console.print(shown[kind].format(step=event.step_key, seconds=seconds))
                    status.update(f"running {event.step_key}…")
                elif kind == "ASSET_CHECK_EVALUATION":
                    data = event.event_specific_data
                    if not data.passed:
                        console.print(
                            f"  [yellow]![/] check {data.check_name} on {data.asset_key.to_user_string()} "
                            f"did not pass ({data.severity.value.lower()})"
                        )
            if finished and not conn.has_more:
                return
            if not conn.has_more:
                time.sleep(0.3)


def cmd_run(args: argparse.Namespace) -> int:
    settings = _configure(args.landing, args.warehouse)
    console.print(f"landing   {settings.landing_dir}\nwarehouse {settings.warehouse_path}")
    if not settings.landing_dir.is_dir():
        console.print(f"[red]landing directory {settings.landing_dir} does not exist[/]")
        return 2

    from dagster import DagsterInstance
    from dagster._core.utils import make_new_run_id

    from orchestration.definitions import defs

    job = defs().resolve_job_def("ogi_main_job")
    instance = DagsterInstance.get()
    run_id = make_new_run_id()
    stop = threading.Event()
    follower = threading.Thread(target=_follow_run, args=(instance, run_id, stop), daemon=True)
    follower.start()
    log_path = settings.warehouse_path.parent / "logs" / f"run-{run_id}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    # dbt's own output goes to the run's log file (and the Dagster UI), not over the progress display.
    try:
        with log_path.open("w") as log_file, contextlib.redirect_stdout(log_file):
            result = job.execute_in_process(
                instance=instance,
                run_id=run_id,
                raise_on_error=False,
                # Progress comes from the event log above; Dagster's own console logger only says errors.
                run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}},
            )
    finally:
        stop.set()
        follower.join(timeout=30)
    elapsed = time.monotonic() - started
    materialized = {e.asset_key.to_user_string(): e for e in result.get_asset_materialization_events()}
    published_marts = any(key.startswith("marts/") for key in materialized)
    extracted_now = 0
    if "raw/extractions" in materialized:
        metadata = materialized["raw/extractions"].materialization.metadata
        extracted_now = sum(metadata[k].value for k in ("newly_extracted", "newly_rejected", "extractor_failures"))
    gate = [e for e in result.get_asset_check_evaluations() if e.check_name == "quarantine_share_within_bounds"]
    _print_summary(settings, elapsed, result.success, published_marts, gate, extracted_now)
    console.print(f"dbt output: {log_path}; run {run_id} is in the Dagster UI (`ogi ui`)")
    return 0 if result.success else 1


def _print_summary(
    settings: Settings, elapsed: float, success: bool, published_marts: bool, gate, extracted_now: int
) -> None:
    import duckdb

    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        rows = con.execute(
            "select source_file, status, reasons from quality.report_status order by status desc, source_file"
        ).fetchall()
    except duckdb.Error as exc:
        console.print(f"[red]no report status: {exc}[/]")
        return
    finally:
        con.close()
    counts = {s: sum(1 for r in rows if r[1] == s) for s in ("published", "quarantined", "rejected")}
    table = Table(title="What became of each input file", show_lines=False)
    table.add_column("file")
    table.add_column("status")
    table.add_column("why", overflow="fold")
    colour = {"published": "green", "quarantined": "yellow", "rejected": "red"}
    for source_file, status, reasons in rows:
        table.add_row(source_file, f"[{colour[status]}]{status}[/]", reasons or "")
    out.print(table)
    out.print(
        f"files seen {len(rows)}: published {counts['published']}, quarantined {counts['quarantined']}, "
        f"rejected {counts['rejected']}; extracted this run {extracted_now}; {elapsed:.1f}s"
    )
    if gate and not gate[0].passed:
        out.print(f"[red]publication stopped by the quarantine gate: {gate[0].metadata['reasons'].value}[/]")
    elif published_marts:
        out.print(f"[green]marts published[/] in {settings.warehouse_path} (schema marts)")
    if not success:
        out.print("[red]the run did not succeed: see `ogi ui` for the failing step[/]")


# ----------------------------------------------------------------------------------------- extract
def cmd_extract(args: argparse.Namespace) -> int:
    from extractors import extract_file

    path = Path(args.file)
    if not path.is_file():
        console.print(f"[red]{path} is not a file[/]")
        return 2
    if args.text:
        from extractors import UnreadableDocument
        from extractors.pipeline import normalised_text_and_pages

        try:
            text, pages = normalised_text_and_pages(path.read_bytes(), path.name)  # PDF: each line's page
        except UnreadableDocument as exc:
            console.print(f"[red]{exc}[/]")
            return 1
        for number, line in enumerate(text.split("\n"), start=1):
            page = f"p{pages[number - 1]:<3d} " if pages and number <= len(pages) else ""
            print(f"{page}{number:6d}  {line}")
        return 0
    result = extract_file(path)
    if args.json:
        print(json.dumps(result.to_json_dict(), ensure_ascii=False, indent=2))
        return 0
    out.print(f"[bold]{path.name}[/]: {result.outcome}" + (f" — {result.reason}" if result.reason else ""))
    for key in ("agency_name", "report_year", "template", "publication_date", "encoding", "title"):
        out.print(f"  {key}: {getattr(result, key)}")
    table = Table("table", "row", "column", "raw", "value", "semantic", "lines")
    for c in result.cells:
        table.add_row(c.table, c.row, c.column, c.raw, "" if c.value is None else f"{c.value:g}", c.semantic,
                      f"{c.locator.line_start}-{c.locator.line_end}")
    out.print(table)
    for f in result.narrative_facts:
        out.print(f"  fact {f.fact} = {f.value:g} {f.unit}  «{f.sentence}»")
    for f in result.findings:
        out.print(f"  [red]finding[/] {f.identity_id} {f.scope} (lines {f.locator.line_start}-{f.locator.line_end}): "
                  f"{f.note}")
    for w in result.warnings:
        out.print(f"  [yellow]warning[/] {w}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """The evidence of one cell: a PNG of the PDF page with the value boxed, or the text lines."""
    from extractors import extract_file, normalised_text

    from .show import NoSuchCell, draw_pdf_cell, find_cell, text_evidence

    path = Path(args.file)
    if not path.is_file():
        found = _source_of_report(args.file, args)
        if found is None:
            return 2
        path = found
    result = extract_file(path)
    try:
        cell = find_cell(result, args.cell)
    except NoSuchCell as exc:
        console.print(f"[red]{exc}[/]")
        return 1
    loc = cell.locator
    out.print(f"{path.name} {args.cell}: raw {cell.raw!r} ({cell.semantic}) lines {loc.line_start}-{loc.line_end}"
              + (f" page {loc.page} box {loc.bbox}" if loc.page else "") + (f" at {loc.path}" if loc.path else "")
              + (f" — {cell.note}" if cell.note else ""), highlight=False)
    if path.suffix.lower() == ".pdf":
        png = Path(args.out) if args.out else Path(f"{path.stem}.{args.cell}.png")
        try:
            picture = draw_pdf_cell(path.read_bytes(), cell, png)
        except NoSuchCell as exc:
            console.print(f"[red]{exc}[/]")
            return 1
        out.print(f"wrote {picture.path} (page {picture.page}, the value boxed in red)", highlight=False)
        return 0
    lines = normalised_text(path.read_bytes(), path.name).split("\n")
    for number, line, span in text_evidence(lines, cell):
        shown = line if span is None else f"{line[:span[0]]}[reverse]{line[span[0]:span[1]]}[/reverse]{line[span[1]:]}"
        out.print(f"{number:6d}  {shown}", highlight=False)
    return 0


def _source_of_report(report_id: str, args: argparse.Namespace) -> Path | None:
    """The landing file of a report id, from the warehouse."""
    import duckdb

    settings = _configure(landing=args.landing, warehouse=args.warehouse)
    if not settings.warehouse_path.exists():
        console.print(f"[red]{report_id} is not a file, and there is no warehouse at {settings.warehouse_path}[/]")
        return None
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        row = con.execute("select source_file from marts.dim_report where report_id = ?", [report_id]).fetchone()
    finally:
        con.close()
    if row is None:
        console.print(f"[red]{report_id} is neither a file nor a report_id of the warehouse[/]")
        return None
    path = Path(settings.landing_dir) / row[0]
    if not path.is_file():
        console.print(f"[red]report {report_id}'s file {path} is no longer in the landing folder[/]")
        return None
    return path


# -------------------------------------------------------------------------------------------- eval
def cmd_eval(args: argparse.Namespace) -> int:
    from extractors.evaluation import run_eval

    directory = Path(args.directory)
    if not directory.is_dir():
        console.print(f"[red]{directory} is not a directory[/]")
        return 2
    return run_eval(directory, out, show_all=args.all)


# ------------------------------------------------------------------------------------------- query
def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    settings = _configure(warehouse=args.warehouse)
    if not settings.warehouse_path.exists():
        console.print(f"[red]no warehouse at {settings.warehouse_path}: run `ogi run` first[/]")
        return 2
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        cursor = con.execute(args.sql)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        console.print(f"[red]{exc}[/]")
        return 1
    finally:
        con.close()
    if args.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
        return 0
    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    out.print(table)
    console.print(f"{len(rows)} rows")
    return 0


# ---------------------------------------------------------------------------------------------- ui
def cmd_ui(args: argparse.Namespace) -> int:
    _configure(args.landing, args.warehouse)
    dg = Path(sys.executable).with_name("dg")
    command = [str(dg) if dg.exists() else "dg", "dev", "--port", str(args.port), "--host", args.host]
    console.print(f"Dagster UI on http://{args.host}:{args.port} (DAGSTER_HOME={os.environ['DAGSTER_HOME']})")
    os.chdir(PROJECT_ROOT)
    os.execvp(command[0], command)


# -------------------------------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ogi", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="materialise the asset graph through Dagster and summarise the outcome")
    run.add_argument("--landing", help="landing directory (default: the bundled sample reports)")
    run.add_argument("--warehouse", help="DuckDB file (default: data/warehouse.duckdb)")
    run.set_defaults(func=cmd_run)

    extract = sub.add_parser("extract", help="show what the extractor sees in one file")
    extract.add_argument("file")
    extract.add_argument("--json", action="store_true", help="the machine-readable extraction contract")
    extract.add_argument("--text", action="store_true",
                         help="the normalised text with the line numbers locators refer to")
    extract.set_defaults(func=cmd_extract)

    show = sub.add_parser("show", help="the evidence of one number: its PDF page as a PNG with the value boxed, "
                                      "or its text lines")
    show.add_argument("file", help="a report file, or a report_id of the warehouse")
    show.add_argument("--cell", required=True, help="table.row.column, e.g. requests.granted.total")
    show.add_argument("--out", help="PNG to write (default: FILE-STEM.CELL.png in the current directory)")
    show.add_argument("--landing")
    show.add_argument("--warehouse")
    show.set_defaults(func=cmd_show)

    evaluate = sub.add_parser("eval", help="compare extraction with the truth files in a directory")
    evaluate.add_argument("directory")
    evaluate.add_argument("--all", action="store_true", help="list every mismatch, not only the first ones")
    evaluate.set_defaults(func=cmd_eval)

    query = sub.add_parser("query", help="run read-only SQL on the warehouse")
    query.add_argument("sql")
    query.add_argument("--csv", action="store_true", help="CSV on stdout instead of a table")
    query.add_argument("--warehouse", help="DuckDB file (default: data/warehouse.duckdb)")
    query.set_defaults(func=cmd_query)

    ui = sub.add_parser("ui", help="open the Dagster UI on this project")
    ui.add_argument("--landing")
    ui.add_argument("--warehouse")
    ui.add_argument("--port", type=int, default=3000)
    ui.add_argument("--host", default="127.0.0.1")
    ui.set_defaults(func=cmd_ui)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
