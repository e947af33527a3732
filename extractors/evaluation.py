"""`ogi eval DIR`: compare extraction with the truth files in a directory.

A truth file `<stem>.truth.json` (format of ../shared/corpus) covers every other file `<stem>.<ext>` in
the directory (`foo.txt` and `foo.html` share `foo.truth.json`). Each truth cell gets one verdict:

- exact       the extracted cell equals the truth (a truth null is a printed blank: the extracted cell
              must not be a number)
- flagged     the extractor marked the cell `unreadable`: it said plainly it could not read it
- absent      no cell was extracted for it: a silent loss (an `unreadable` cell is flagged, not absent)
- wrong       a number that differs from the truth, not flagged: silently wrong
- unexpected  an extracted number where the truth has no cell (e.g. a 表三 from a pre-2019 report)

The report's status is what the extraction implies (rejected / quarantined when a hard identity fails
strictly on the extracted cells / published), judged with `expectations.identities`, the same identity
definitions the warehouse gate uses. Publisher inconsistencies are the truth's `violations`; identity
failures on the extraction that the truth does not list are extraction errors the warehouse would blame
on the publisher.

The comparison is pure functions returning dataclasses (unit-tested); printing is separate, and the
last four printed lines are a compact summary that hooks tail.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import polars as pl
from rich import box
from rich.console import Console
from rich.table import Table

from expectations.blame import blame_all
from expectations.identities import FINDING_SCHEMA, HARD_IDENTITY_IDS, apply_findings, explain, instances

from .model import Cell, ExtractionResult, Locator

TABLE_NAMES = {"requests": "表三", "review_litigation": "表四", "proactive": "表二"}
VERDICTS = ("exact", "flagged", "absent", "wrong", "unexpected")
FAILING_VERDICTS = frozenset({"absent", "wrong", "unexpected"})  # anything but exact or flagged
TRUTH_SUFFIX = ".truth.json"
_TOLERANCE = 1e-6  # amounts are printed with at most a few decimals
_VIOLATION = re.compile(r"^(?P<identity>[A-Z0-9]+-[A-Z]+)\s+(?P<scope>[\w.]+)(?::|$)")
_SHOWN_MISMATCHES = 25


# ------------------------------------------------------------------------------------- cells

@dataclass(frozen=True, slots=True)
class CellCheck:
    """One truth cell (or one unexpected extracted number) and how the extraction fared."""

    file: str
    layout: str
    table: str
    row: str
    column: str
    expected: float | None  # None: printed blank; also None for unexpected cells
    verdict: str
    raw: str | None = None
    value: float | None = None
    semantic: str | None = None
    line_start: int | None = None
    line_end: int | None = None

    def describe(self) -> str:
        got = "nothing extracted" if self.semantic is None else (
            f"raw {self.raw!r} value {_fmt(self.value)} semantic {self.semantic}")
        lines = "" if self.line_start is None else f" lines {self.line_start}-{self.line_end}"
        expected = "(no cell)" if self.verdict == "unexpected" else (
            "blank" if self.expected is None else _fmt(self.expected))
        return (f"{self.verdict:<10} {self.file} {self.table}.{self.row}.{self.column}: expected {expected}, "
                f"got {got}{lines}")


def _fmt(value: float | None) -> str:
    if value is None:
        return "None"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def truth_cells(truth: Mapping, table: str) -> dict[tuple[str, str], float | None] | None:
    """(row, column) -> expected value for one table; None when the truth has no such table."""
    grid = truth.get(table)
    if grid is None:
        return None
    return {(row, column): value for row, columns in grid.items() for column, value in columns.items()}


def classify(expected: float | None, cell: Cell | None, expected_unit: str | None = None) -> str:
    if cell is None:
        return "absent"
    if cell.semantic == "unreadable":
        return "flagged"
    if expected is None:
        return "exact" if cell.semantic != "number" else "wrong"
    if cell.semantic != "number" or cell.value is None or abs(cell.value - expected) > _TOLERANCE:
        return "wrong"
    if expected_unit is not None and cell.unit != expected_unit:
        return "wrong"
    return "exact"


def _check(file: str, layout: str, table: str, key: tuple[str, str], expected: float | None, verdict: str,
           cell: Cell | None) -> CellCheck:
    if cell is None:
        return CellCheck(file, layout, table, key[0], key[1], expected, verdict)
    return CellCheck(file, layout, table, key[0], key[1], expected, verdict, cell.raw, cell.value, cell.semantic,
                     cell.locator.line_start, cell.locator.line_end)


def compare_table(file: str, layout: str, table: str, expected: Mapping[tuple[str, str], float | None] | None,
                  cells: Iterable[Cell], units: Mapping[tuple[str, str], str] | None = None) -> list[CellCheck]:
    """Verdicts for every truth cell of one table, plus extracted numbers the truth does not have."""
    extracted = {(c.row, c.column): c for c in cells if c.table == table}
    expected = expected or {}
    units = units or {}
    checks = [_check(file, layout, table, key, value, classify(value, extracted.get(key), units.get(key)),
                     extracted.get(key)) for key, value in expected.items()]
    checks += [_check(file, layout, table, key, None, "unexpected", cell) for key, cell in extracted.items()
               if key not in expected and cell.semantic == "number"]
    return checks


def _unit_map(truth: Mapping) -> dict[tuple[str, str], str]:
    units = truth.get("proactive_units") or {}
    return {(item, measure): unit for item, measures in units.items() for measure, unit in measures.items()}


def compare_cells(file: str, layout: str, truth: Mapping, result: ExtractionResult) -> list[CellCheck]:
    """表三 and 表四 always (a truth null table means none may be extracted); 表二 when the truth has it."""
    checks = []
    for table in ("requests", "review_litigation"):
        checks += compare_table(file, layout, table, truth_cells(truth, table), result.cells)
    if "proactive" in truth:
        checks += compare_table(file, layout, "proactive", truth_cells(truth, "proactive"), result.cells,
                                _unit_map(truth))
    return checks


def result_from_truth(file: str, truth: Mapping) -> ExtractionResult:
    """A perfect extraction of a truth file (blank cells as `blank`): the oracle for tests and sanity
    checks of the evaluation itself. Locators are dummies (line 0)."""
    units = _unit_map(truth)
    cells = []
    for table in TABLE_NAMES:
        for (row, column), value in (truth_cells(truth, table) or {}).items():
            number = value is not None
            cells.append(Cell(table, row, column, _fmt(value) if number else "", value,
                              units.get((row, column), "count") if number else None,
                              "number" if number else "blank", Locator(0, 0)))
    rejected = truth.get("expected_status") == "rejected"
    return ExtractionResult(source_name=file, outcome="rejected" if rejected else "extracted",
                            reason="not an annual report" if rejected else None,
                            agency_name=truth.get("agency_name"), report_year=truth.get("report_year"),
                            template=truth.get("template"), cells=cells)


# ------------------------------------------------------------------------------------- identities

def identity_failures(results: Mapping[str, ExtractionResult]) -> dict[str, dict[tuple[str, str], tuple[str, str]]]:
    """Per report: hard identity instances failing strictly on the extracted cells ->
    (explanation, blame), blame being the warehouse's verdict (expectations.blame): publisher or extraction."""
    reports = [(name, r.template) for name, r in results.items() if r.outcome == "extracted" and r.template]
    cells = [(name, c.table, c.row, c.column, c.value, c.semantic, c.raw)
             for name, r in results.items() for c in r.cells]
    failures: dict[str, dict[tuple[str, str], tuple[str, str]]] = {name: {} for name in results}
    if not reports or not cells:
        return failures
    report_df = pl.DataFrame(reports, schema=["report_id", "template"], orient="row")
    cell_df = pl.DataFrame(cells, schema={"report_id": pl.String, "table_name": pl.String, "row_code": pl.String,
                                          "column_code": pl.String, "value": pl.Float64, "semantic": pl.String,
                                          "raw_text": pl.String},
                           orient="row")
    judged = instances(report_df, cell_df).filter(pl.col("identity_id").is_in(HARD_IDENTITY_IDS)).with_columns(
        status=pl.when(pl.col("lhs").is_null() | pl.col("rhs").is_null()).then(pl.lit("not_assessable"))
        .when((pl.col("lhs") - pl.col("rhs")).abs() > _TOLERANCE).then(pl.lit("fail"))
        .otherwise(pl.lit("pass"))
    )
    findings = pl.DataFrame([(name, f.identity_id, f.scope, f.note) for name, r in results.items() for f in r.findings],
                            schema=FINDING_SCHEMA, orient="row")
    judged = apply_findings(judged, findings)
    failed = judged.filter(pl.col("status") == "fail").join(
        blame_all(report_df, judged, cell_df), on=["report_id", "identity_id", "scope"], how="left")
    for row in failed.iter_rows(named=True):
        failures[row["report_id"]][(row["identity_id"], row["scope"])] = (
            row["explanation"] if row["finding"] is not None else
            explain(row["identity_id"], row["scope"], row["lhs_terms"], row["rhs_terms"], row["lhs"], row["rhs"]),
            row["blame"],
        )
    return failures


def parse_violation(text: str) -> tuple[str, str] | None:
    """'T3-FLOW total: 1+0 != 2+0' (a violation) or 'T3-FLOW total' (what an error breaks) -> ('T3-FLOW', 'total')."""
    m = _VIOLATION.match(text.strip())
    return (m["identity"], m["scope"]) if m else None


def implied_status(result: ExtractionResult, failures: Mapping[tuple[str, str], tuple[str, str]]) -> tuple[str, str]:
    """(status, why) as the warehouse would decide it from this extraction."""
    if result.outcome == "rejected":
        return "rejected", result.reason or "rejected"
    if failures:
        return "quarantined", "; ".join(sorted(f"{why} [{blame}]" for why, blame in failures.values()))
    return "published", ""


# ------------------------------------------------------------------------------------- one file

@dataclass(frozen=True, slots=True)
class FileReport:
    file: str
    layout: str
    quirks: tuple[str, ...]
    expected_status: str
    status: str
    status_reason: str
    checks: tuple[CellCheck, ...]
    truth_violations: frozenset[tuple[str, str]]
    truth_errors: tuple[frozenset[tuple[str, str]], ...]  # per publisher error, the instances it breaks
    found_violations: frozenset[tuple[str, str]]
    blamed_on_extraction: frozenset[tuple[str, str]]  # found violations the blame puts on our extraction
    identification: tuple[tuple[str, object, object], ...]  # (field, expected, got) that differ

    @property
    def status_ok(self) -> bool:
        return self.status == self.expected_status

    @property
    def publisher_found(self) -> frozenset[tuple[str, str]]:
        """Failing instances the blame puts on the publisher."""
        return self.found_violations - self.blamed_on_extraction

    @property
    def errors_unflagged(self) -> list[frozenset[tuple[str, str]]]:
        """Publisher errors none of whose broken instances is flagged as the publisher's."""
        return [e for e in self.truth_errors if not e & self.publisher_found]


def layout_of(file: str, truth: Mapping) -> str:
    """The truth's `layout`; real corpus and seed files are grouped by file type."""
    return truth.get("layout") or f"real {Path(file).suffix.lstrip('.') or 'file'}"


IDENTITY_FIELDS = ("agency_name", "report_year", "template")


def _identification(truth: Mapping, result: ExtractionResult) -> tuple[tuple[str, object, object], ...]:
    if truth.get("expected_status") == "rejected":
        return ()
    pairs = (("agency_name", truth.get("agency_name"), result.agency_name),
             ("report_year", truth.get("report_year"), result.report_year),
             ("template", truth.get("template"), result.template))
    return tuple(p for p in pairs if p[1] is not None and p[1] != p[2])


def truth_errors(truth: Mapping, violations: frozenset[tuple[str, str]]) -> tuple[frozenset[tuple[str, str]], ...]:
    """The publisher's errors, each as the instances it breaks.

    A generated truth lists its injected errors one changed cell at a time; cells changed by one slip
    (same kind and row: a miscount carried into the row's 总计) are one error, breaking what either
    breaks. A slip that breaks no instance strictly (each identity through it has a blank term) cannot
    be seen by any identity and is not counted. A real truth lists only the broken instances: each is
    counted as an error of its own."""
    injected = truth.get("injected_errors")
    if not injected:
        return tuple(frozenset({v}) for v in sorted(violations))
    slips: dict[tuple, set[tuple[str, str]]] = {}
    for entry in injected:
        broken = slips.setdefault((entry.get("kind"), entry.get("table"), entry.get("row")), set())
        broken.update(filter(None, (parse_violation(b) for b in entry.get("breaks") or ())))
    return tuple(frozenset(broken) for broken in slips.values() if broken)


def evaluate_result(file: str, truth: Mapping, result: ExtractionResult,
                    failures: Mapping[tuple[str, str], tuple[str, str]]) -> FileReport:
    """Everything about one file, given its extraction and that extraction's identity failures."""
    layout = layout_of(file, truth)
    status, reason = implied_status(result, failures)
    expected_violations = frozenset(filter(None, (parse_violation(v) for v in truth.get("violations") or [])))
    return FileReport(file, layout, tuple(truth.get("quirks") or ()), truth.get("expected_status", "published"),
                      status, reason, tuple(compare_cells(file, layout, truth, result)), expected_violations,
                      truth_errors(truth, expected_violations),
                      frozenset(failures), frozenset(k for k, (_, blame) in failures.items() if blame == "extraction"),
                      _identification(truth, result))


def evaluate_results(items: Iterable[tuple[str, Mapping, ExtractionResult]]) -> list[FileReport]:
    """Many files at once: the identity instances of all extractions are built in one polars pass."""
    items = list(items)
    failures = identity_failures({file: result for file, _, result in items})
    return [evaluate_result(file, truth, result, failures[file]) for file, truth, result in items]


# ------------------------------------------------------------------------------------- summary

@dataclass(slots=True)
class Tally:
    counts: Counter = field(default_factory=Counter)

    def add(self, verdict: str) -> None:
        self.counts[verdict] += 1

    @property
    def cells(self) -> int:  # truth cells (unexpected ones are extra)
        return sum(self.counts[v] for v in VERDICTS if v != "unexpected")

    @property
    def failing(self) -> int:
        return sum(self.counts[v] for v in FAILING_VERDICTS)

    def line(self) -> str:
        c = self.counts
        return (f"{c['exact']}/{self.cells} exact, {c['flagged']} flagged, {c['absent']} absent, "
                f"{c['wrong']} wrong, {c['unexpected']} unexpected")


@dataclass(slots=True)
class Summary:
    files: int = 0
    statuses_ok: int = 0
    identified: int = 0
    identified_fields: Counter = field(default_factory=Counter)  # agency_name / report_year / template right
    identifiable: int = 0  # files with an identity to check (not expected rejected)
    by_table: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in TABLE_NAMES})
    by_layout: dict[str, Tally] = field(default_factory=dict)
    by_quirk: dict[str, Tally] = field(default_factory=dict)
    truth_violations: int = 0
    found_violations: int = 0
    true_positives: int = 0
    publisher_flagged: int = 0  # truth violations found and blamed on the publisher
    errors: int = 0  # publisher errors in the truth (injected, or one per violation in a real file)
    errors_flagged: int = 0  # of which at least one broken instance is flagged as the publisher's
    extraction_blamed_on_publisher: int = 0  # failures the truth does not list, blamed on the publisher
    extraction_caught: int = 0  # failures the truth does not list, blamed on our extraction

    def add(self, report: FileReport) -> None:
        self.files += 1
        self.statuses_ok += report.status_ok
        self.identified += not report.identification
        if report.expected_status != "rejected":
            self.identifiable += 1
            wrong = {name for name, _, _ in report.identification}
            for name in IDENTITY_FIELDS:
                self.identified_fields[name] += name not in wrong
        self.truth_violations += len(report.truth_violations)
        self.found_violations += len(report.found_violations)
        self.true_positives += len(report.truth_violations & report.found_violations)
        publisher = report.publisher_found
        self.publisher_flagged += len(report.truth_violations & publisher)
        self.errors += len(report.truth_errors)
        self.errors_flagged += len(report.truth_errors) - len(report.errors_unflagged)
        self.extraction_blamed_on_publisher += len(publisher - report.truth_violations)
        self.extraction_caught += len(report.blamed_on_extraction - report.truth_violations)
        for check in report.checks:
            self.by_table[check.table].add(check.verdict)
            self.by_layout.setdefault(report.layout, Tally()).add(check.verdict)
            for quirk in report.quirks:
                self.by_quirk.setdefault(quirk, Tally()).add(check.verdict)

    def merge(self, other: Summary) -> None:
        """Add another summary (e.g. of a chunk evaluated in a worker process)."""
        for name in ("files", "statuses_ok", "identified", "truth_violations", "found_violations", "true_positives",
                     "publisher_flagged", "errors", "errors_flagged", "extraction_blamed_on_publisher",
                     "extraction_caught"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.identifiable += other.identifiable
        self.identified_fields.update(other.identified_fields)
        for mine, theirs in ((self.by_table, other.by_table), (self.by_layout, other.by_layout),
                             (self.by_quirk, other.by_quirk)):
            for key, tally in theirs.items():
                mine.setdefault(key, Tally()).counts.update(tally.counts)

    @property
    def passed(self) -> bool:
        return (self.statuses_ok == self.files and not any(t.failing for t in self.by_table.values())
                and self.errors_flagged == self.errors and self.extraction_blamed_on_publisher == 0)


def summarise(reports: Iterable[FileReport]) -> Summary:
    summary = Summary()
    for report in reports:
        summary.add(report)
    return summary


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}" + (f" ({part / whole:.1%})" if whole else "")


def summary_lines(summary: Summary) -> list[str]:
    """The compact four-line summary (printed last)."""
    tables = summary.by_table
    proactive = tables["proactive"].line() if tables["proactive"].cells or tables["proactive"].counts else "n/a"
    return [
        f"files {summary.files} | statuses {summary.statuses_ok}/{summary.files} | "
        f"identification {summary.identified}/{summary.files} ("
        + ", ".join(f"{name.replace('_name', '').replace('report_', '')} {summary.identified_fields[name]}/"
                    f"{summary.identifiable}" for name in IDENTITY_FIELDS) + ")",
        f"表三 cells {tables['requests'].line()}",
        f"表四 cells {tables['review_litigation'].line()} | 表二 cells {proactive}",
        f"publisher errors flagged as the publisher's {_ratio(summary.errors_flagged, summary.errors)} | "
        f"broken instances {summary.truth_violations}: precision "
        f"{_ratio(summary.true_positives, summary.found_violations)}, recall "
        f"{_ratio(summary.true_positives, summary.truth_violations)}, flagged as the publisher's "
        f"{_ratio(summary.publisher_flagged, summary.truth_violations)} | extraction errors blamed on publisher "
        f"{summary.extraction_blamed_on_publisher}, on extraction {summary.extraction_caught} | "
        f"{'PASS' if summary.passed else 'FAIL'}",
    ]


# ------------------------------------------------------------------------------------- files

def find_pairs(directory: Path) -> list[tuple[Path, Path]]:
    """(document, truth file) for every non-truth file whose stem has a truth file."""
    truths = {p.name[: -len(TRUTH_SUFFIX)]: p for p in directory.glob(f"*{TRUTH_SUFFIX}")}
    return [(p, truths[p.stem]) for p in sorted(directory.iterdir())
            if p.is_file() and not p.name.endswith(TRUTH_SUFFIX) and p.stem in truths]


def load_truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def safe_extract(path: Path) -> ExtractionResult:
    """extract_file never raises by contract; a crash is still reported as this file's outcome."""
    from . import extract_file

    try:
        return extract_file(path)
    except Exception as exc:  # noqa: BLE001 - an evaluation must survive a broken extractor
        return ExtractionResult(source_name=path.name, outcome="rejected",
                                reason=f"extractor crashed: {type(exc).__name__}: {exc}")


# ------------------------------------------------------------------------------------- printing

def tally_table(title: str, tallies: Mapping[str, Tally]) -> Table:
    # A light box and no wrapping keep names and 7-digit counts whole in an 80-column (non-tty) console.
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("", no_wrap=True, min_width=max((len(n) for n in tallies), default=0))
    for column in (*VERDICTS, "exact %"):  # truth cells = exact + flagged + absent + wrong
        table.add_column(column, justify="right", no_wrap=True)
    for name, tally in sorted(tallies.items()):
        c = tally.counts
        share = f"{c['exact'] / tally.cells:.1%}" if tally.cells else "-"
        table.add_row(name, *(str(c[v]) for v in VERDICTS), share)
    return table


def _plain(out: Console, text: str) -> None:
    out.print(text, markup=False, highlight=False, soft_wrap=True)


def print_details(reports: list[FileReport], summary: Summary, out: Console, show_all: bool) -> None:
    out.print(tally_table("cells per table", {TABLE_NAMES[t]: v for t, v in summary.by_table.items() if v.counts}))
    out.print(tally_table("cells per layout", summary.by_layout))
    if summary.by_quirk:
        out.print(tally_table("cells per quirk (a report counts under each of its quirks)", summary.by_quirk))
    mismatches = [c for r in reports for c in r.checks if c.verdict in FAILING_VERDICTS]
    flagged = [c for r in reports for c in r.checks if c.verdict == "flagged"]
    limit = None if show_all else _SHOWN_MISMATCHES
    _plain(out, f"mismatches: {len(mismatches)} (+{len(flagged)} flagged unreadable)")
    for check in (mismatches + flagged)[:limit]:
        _plain(out, "  " + check.describe())
    if limit is not None and len(mismatches) + len(flagged) > limit:
        _plain(out, f"  … {len(mismatches) + len(flagged) - limit} more (use --all)")
    for report in reports:
        if not report.status_ok:
            _plain(out, f"status {report.file}: expected {report.expected_status}, extraction implies "
                        f"{report.status}" + (f" ({report.status_reason})" if report.status_reason else ""))
        for error in report.errors_unflagged:
            _plain(out, f"publisher error not flagged {report.file}: breaks {', '.join(sorted(map(' '.join, error)))}")
        for identity, scope in sorted(report.truth_violations - report.found_violations) if show_all else ():
            _plain(out, f"broken instance not found {report.file}: {identity} {scope}")
        for identity, scope in sorted(report.found_violations - report.truth_violations):
            who = "extraction" if (identity, scope) in report.blamed_on_extraction else "publisher"
            _plain(out, f"extraction error blamed on {who} {report.file}: {identity} {scope}")
        for identity, scope in sorted(report.truth_violations & report.blamed_on_extraction):
            _plain(out, f"publisher error blamed on extraction {report.file}: {identity} {scope}")
        for name, expected, got in report.identification if show_all else ():
            _plain(out, f"identification {report.file}: {name} expected {expected!r}, got {got!r}")


def run_eval(directory: Path, out: Console, show_all: bool = False) -> int:
    """Extract every file with a truth file in `directory`, compare, print; 0 when nothing is silently
    wrong (no wrong, absent or unexpected cell) and every expected status holds, else 1."""
    pairs = find_pairs(Path(directory))
    if not pairs:
        _plain(out, f"no files with a <stem>{TRUTH_SUFFIX} truth file in {directory}")
        return 1
    reports = evaluate_results((doc.name, load_truth(truth), safe_extract(doc)) for doc, truth in pairs)
    summary = summarise(reports)
    print_details(reports, summary, out, show_all)
    for line in summary_lines(summary):
        _plain(out, line)
    return 0 if summary.passed else 1
