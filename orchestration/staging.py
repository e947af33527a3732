"""Landing directory → DuckDB `raw` schema. Plain Python (no Dagster) so it can be tested and benchmarked.

Design for millions of files:
- the scan hashes only files whose (size, mtime) changed since the previous scan;
- extraction is keyed by content (sha256) and extractor version, so an unchanged file is never
  extracted twice and identical copies are extracted once;
- files are extracted in batches across a process pool, and each batch is written in one transaction,
  so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl

from extractors import extract_file
from extractors.catalogue import COLUMNS, METRICS
from extractors.model import EXTRACTOR_VERSION, ExtractionResult
from expectations.identities import IDENTITIES

log = logging.getLogger(__name__)

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.landing_files (
    source_file varchar primary key,  -- path relative to the landing directory
    sha256 varchar not null,
    size_bytes bigint not null,
    modified_ns bigint not null,
    scanned_at timestamp not null
);
create table if not exists raw.extractions (
    sha256 varchar primary key,       -- one current extraction per distinct content
    extractor_version varchar not null,
    outcome varchar not null,         -- extracted | rejected | failed (an extractor bug)
    reason varchar,
    encoding varchar,
    title varchar,
    agency_name varchar,
    report_year integer,
    publication_date varchar,
    template varchar,
    warnings varchar[],
    n_cells integer,
    n_facts integer,
    n_findings integer,
    extracted_from varchar,           -- the landing path that was read
    extracted_at timestamp not null
);
create table if not exists raw.cells (
    sha256 varchar not null,
    cell_seq integer not null,
    table_name varchar not null,
    row_code varchar not null,
    column_code varchar not null,
    row_label varchar,
    raw_text varchar,
    value double,
    unit varchar,
    semantic varchar not null,
    line_start integer,
    line_end integer,
    note varchar,                     -- why a cell is unreadable, or another caveat
    col_start integer,                -- the printed value at [col_start, col_end) of line line_end
    col_end integer,
    page integer,                     -- PDF: 1-based page
    bbox double[],                    -- PDF: [x0, top, x1, bottom] in points, origin top-left, y down
    doc_path varchar                  -- Word: 'table 3 / row 7 / cell 2'
);
create table if not exists raw.narrative_facts (
    sha256 varchar not null,
    fact_seq integer not null,
    fact_code varchar not null,
    value double,
    unit varchar,
    sentence varchar,
    line_start integer,
    line_end integer,
    page integer,                     -- PDF: 1-based page of line_end
    metrics struct(table_name varchar, row_code varchar, column_code varchar)[],
    origin varchar                    -- prose | old_table (a pre-2019 statistics table)
);
create table if not exists raw.findings (
    sha256 varchar not null,
    finding_seq integer not null,
    identity_id varchar not null,     -- an identity instance the printed digits prove broken
    scope varchar not null,           -- although its cells are unreadable (extractors.model.Finding)
    note varchar,                     -- the proof, checkable against the printed digits
    line_start integer,
    line_end integer
);
-- Columns added since a table was first created: an existing warehouse gains them (NULL on old rows).
alter table raw.extractions add column if not exists n_findings integer;
alter table raw.cells add column if not exists col_start integer;
alter table raw.cells add column if not exists col_end integer;
alter table raw.cells add column if not exists page integer;
alter table raw.cells add column if not exists bbox double[];
alter table raw.cells add column if not exists doc_path varchar;
alter table raw.narrative_facts add column if not exists page integer;
"""


def connect(warehouse_path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if not read_only:
        warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(warehouse_path), read_only=read_only)


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)


# --------------------------------------------------------------------------------------------- scan
@dataclass(frozen=True)
class LandingFile:
    source_file: str
    sha256: str
    size_bytes: int
    modified_ns: int


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def iter_landing_paths(landing_dir: Path) -> Iterator[Path]:
    """Every regular file under the landing directory, hidden files and folders excepted."""
    for root, dirs, files in os.walk(landing_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def scan_landing(landing_dir: Path, known: dict[str, tuple[int, int, str]]) -> list[LandingFile]:
    """List the landing directory; re-hash only files whose size or mtime changed since `known`."""
    if not landing_dir.is_dir():
        raise FileNotFoundError(f"landing directory {landing_dir} does not exist")
    scanned = []
    for path in iter_landing_paths(landing_dir):
        stat = path.stat()
        rel = path.relative_to(landing_dir).as_posix()
        previous = known.get(rel)
        if previous and previous[0] == stat.st_size and previous[1] == stat.st_mtime_ns:
            digest = previous[2]
        else:
            digest = sha256_of(path)
        scanned.append(LandingFile(rel, digest, stat.st_size, stat.st_mtime_ns))
    return scanned


def known_landing_files(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int, str]]:
    rows = con.execute("select source_file, size_bytes, modified_ns, sha256 from raw.landing_files").fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def pending_extractions(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> list[LandingFile]:
    """One file per content hash that has no extraction by the current extractor version."""
    done = {
        r[0]
        for r in con.execute(
            "select sha256 from raw.extractions where extractor_version = ?", [EXTRACTOR_VERSION]
        ).fetchall()
    }
    pending: dict[str, LandingFile] = {}
    for f in files:
        if f.sha256 not in done and f.sha256 not in pending:
            pending[f.sha256] = f
    return list(pending.values())


# ------------------------------------------------------------------------------------------ extract
def _extract_safely(path: str, source_file: str) -> ExtractionResult | tuple[str, str]:
    """Extract one file in a worker. A crash is an extractor bug: report it, never lose the file."""
    try:
        return extract_file(Path(path))
    except Exception as exc:  # noqa: BLE001 - any crash must become a visible 'failed' outcome
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return (source_file, f"{type(exc).__name__}: {exc} (at {Path(frame.filename).name}:{frame.lineno})")


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _process_pool(workers: int) -> ProcessPoolExecutor:
    # forkserver: forking a threaded parent (Dagster, DuckDB) can deadlock.
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"))


@dataclass
class ExtractionSummary:
    files_seen: int = 0
    distinct_contents: int = 0
    extracted: int = 0
    rejected: int = 0
    failed: int = 0
    skipped_unchanged: int = 0
    batches: int = 0


def extract_pending(
    con: duckdb.DuckDBPyConnection,
    landing_dir: Path,
    pending: list[LandingFile],
    *,
    workers: int,
    batch_size: int,
    on_batch: Callable[[int, int], None] | None = None,
) -> ExtractionSummary:
    """Extract `pending` files in batches and write each batch to the raw tables in one transaction."""
    summary = ExtractionSummary()
    use_pool = workers > 1 and len(pending) >= 4 * workers
    pool = _process_pool(workers) if use_pool else None
    try:
        for batch in _chunks(pending, batch_size):
            paths = [str(landing_dir / f.source_file) for f in batch]
            names = [f.source_file for f in batch]
            if pool:
                results = list(pool.map(_extract_safely, paths, names, chunksize=max(1, len(batch) // (workers * 4))))
            else:
                results = [_extract_safely(p, n) for p, n in zip(paths, names)]
            _write_batch(con, batch, results)
            for r in results:
                outcome = "failed" if isinstance(r, tuple) else r.outcome
                setattr(summary, outcome, getattr(summary, outcome) + 1)
            summary.batches += 1
            if on_batch:
                on_batch(summary.batches, len(batch))
    finally:
        if pool:
            pool.shutdown()
    return summary


def _write_batch(
    con: duckdb.DuckDBPyConnection, batch: list[LandingFile], results: list[ExtractionResult | tuple[str, str]]
) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    extraction_rows, cell_rows, fact_rows, finding_rows = [], [], [], []
    for f, r in zip(batch, results):
        if isinstance(r, tuple):
            extraction_rows.append(
                dict(sha256=f.sha256, extractor_version=EXTRACTOR_VERSION, outcome="failed",
                     reason=f"extractor failed (a bug, please report it): {r[1]}", encoding=None, title=None,
                     agency_name=None, report_year=None, publication_date=None, template=None, warnings=[],
                     n_cells=0, n_facts=0, n_findings=0, extracted_from=f.source_file, extracted_at=now)
            )
            continue
        extraction_rows.append(
            dict(sha256=f.sha256, extractor_version=r.extractor_version, outcome=r.outcome, reason=r.reason,
                 encoding=r.encoding, title=r.title, agency_name=r.agency_name, report_year=r.report_year,
                 publication_date=r.publication_date, template=r.template, warnings=list(r.warnings),
                 n_cells=len(r.cells), n_facts=len(r.narrative_facts), n_findings=len(r.findings),
                 extracted_from=f.source_file, extracted_at=now)
        )
        for seq, c in enumerate(r.cells):
            cell_rows.append(
                (f.sha256, seq, c.table, c.row, c.column, c.row_label, c.raw, c.value, c.unit, c.semantic,
                 c.locator.line_start, c.locator.line_end, c.note, c.locator.col_start, c.locator.col_end,
                 c.locator.page, list(c.locator.bbox) if c.locator.bbox else None, c.locator.path)
            )
        for seq, n in enumerate(r.narrative_facts):
            fact_rows.append(
                (f.sha256, seq, n.fact, n.value, n.unit, n.sentence, n.locator.line_start, n.locator.line_end,
                 n.locator.page, [dict(table_name=t, row_code=rw, column_code=cl) for t, rw, cl in n.metrics], n.origin)
            )
        for seq, g in enumerate(r.findings):
            finding_rows.append(
                (f.sha256, seq, g.identity_id, g.scope, g.note, g.locator.line_start, g.locator.line_end)
            )

    extractions = pl.DataFrame(extraction_rows, schema=_EXTRACTION_SCHEMA)
    cells = pl.DataFrame(cell_rows, schema=_CELL_SCHEMA, orient="row")
    facts = pl.DataFrame(fact_rows, schema=_FACT_SCHEMA, orient="row")
    findings = pl.DataFrame(finding_rows, schema=_FINDING_SCHEMA, orient="row")
    shas = extractions.select("sha256")
    con.execute("begin transaction")
    try:
        for table in ("raw.cells", "raw.narrative_facts", "raw.findings", "raw.extractions"):
            con.execute(f"delete from {table} where sha256 in (select sha256 from shas)")
        con.execute("insert into raw.extractions by name select * from extractions")
        con.execute("insert into raw.cells by name select * from cells")
        con.execute("insert into raw.narrative_facts by name select * from facts")
        con.execute("insert into raw.findings by name select * from findings")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


_EXTRACTION_SCHEMA = {
    "sha256": pl.String, "extractor_version": pl.String, "outcome": pl.String, "reason": pl.String,
    "encoding": pl.String, "title": pl.String, "agency_name": pl.String, "report_year": pl.Int32,
    "publication_date": pl.String, "template": pl.String, "warnings": pl.List(pl.String),
    "n_cells": pl.Int32, "n_facts": pl.Int32, "n_findings": pl.Int32, "extracted_from": pl.String,
    "extracted_at": pl.Datetime("us"),
}
_CELL_SCHEMA = {
    "sha256": pl.String, "cell_seq": pl.Int32, "table_name": pl.String, "row_code": pl.String,
    "column_code": pl.String, "row_label": pl.String, "raw_text": pl.String, "value": pl.Float64,
    "unit": pl.String, "semantic": pl.String, "line_start": pl.Int32, "line_end": pl.Int32, "note": pl.String,
    "col_start": pl.Int32, "col_end": pl.Int32, "page": pl.Int32, "bbox": pl.List(pl.Float64), "doc_path": pl.String,
}
_FACT_SCHEMA = {
    "sha256": pl.String, "fact_seq": pl.Int32, "fact_code": pl.String, "value": pl.Float64, "unit": pl.String,
    "sentence": pl.String, "line_start": pl.Int32, "line_end": pl.Int32, "page": pl.Int32,
    "metrics": pl.List(pl.Struct({"table_name": pl.String, "row_code": pl.String, "column_code": pl.String})),
    "origin": pl.String,
}
_FINDING_SCHEMA = {
    "sha256": pl.String, "finding_seq": pl.Int32, "identity_id": pl.String, "scope": pl.String,
    "note": pl.String, "line_start": pl.Int32, "line_end": pl.Int32,
}


def replace_landing_snapshot(con: duckdb.DuckDBPyConnection, files: Iterable[LandingFile]) -> None:
    """The landing table mirrors the directory as last scanned: a removed file leaves the registry."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    frame = pl.DataFrame(
        [(f.source_file, f.sha256, f.size_bytes, f.modified_ns, now) for f in files],
        schema={"source_file": pl.String, "sha256": pl.String, "size_bytes": pl.Int64, "modified_ns": pl.Int64,
                "scanned_at": pl.Datetime("us")},
        orient="row",
    )
    con.execute("begin transaction")
    con.execute("delete from raw.landing_files")
    con.execute("insert into raw.landing_files by name select * from frame")
    con.execute("commit")


def write_catalogues(con: duckdb.DuckDBPyConnection) -> None:
    """The label and identity catalogues, as tables dbt builds dim_metric and dim_applicant_type from and
    tests identity ids against."""
    metrics = pl.DataFrame(
        [(m.table, m.row, m.label_zh, m.label_en, m.unit, m.sort_order, list(m.templates), m.parent)
         for m in METRICS],
        schema={"table_name": pl.String, "row_code": pl.String, "label_zh": pl.String, "label_en": pl.String,
                "unit": pl.String, "sort_order": pl.Int32, "templates": pl.List(pl.String), "parent_label": pl.String},
        orient="row",
    )
    columns = pl.DataFrame(
        [(c.table, c.column, c.label_zh, c.label_en, c.sort_order) for c in COLUMNS],
        schema={"table_name": pl.String, "column_code": pl.String, "label_zh": pl.String, "label_en": pl.String,
                "sort_order": pl.Int32},
        orient="row",
    )
    con.execute("create or replace table raw.metric_catalogue as select * from metrics")
    identities = pl.DataFrame(
        [(i.id, i.table, i.title, i.kind, i.hard) for i in IDENTITIES],
        schema={"identity_id": pl.String, "table_name": pl.String, "title": pl.String, "kind": pl.String,
                "hard": pl.Boolean},
        orient="row",
    )
    con.execute("create or replace table raw.column_catalogue as select * from columns")
    con.execute("create or replace table raw.identity_catalogue as select * from identities")


def ingest_landing(
    warehouse_path: Path,
    landing_dir: Path,
    *,
    workers: int,
    batch_size: int,
    on_batch: Callable[[int, int], None] | None = None,
) -> ExtractionSummary:
    """Scan, extract what is new or changed, and record the landing snapshot. The one write entry point."""
    con = connect(warehouse_path)
    try:
        ensure_raw_schema(con)
        write_catalogues(con)
        files = scan_landing(landing_dir, known_landing_files(con))
        pending = pending_extractions(con, files)
        summary = extract_pending(con, landing_dir, pending, workers=workers, batch_size=batch_size,
                                  on_batch=on_batch)
        replace_landing_snapshot(con, files)
        summary.files_seen = len(files)
        summary.distinct_contents = len({f.sha256 for f in files})
        summary.skipped_unchanged = summary.distinct_contents - len(pending)
        return summary
    finally:
        con.close()
