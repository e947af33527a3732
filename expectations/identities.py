"""The one catalogue of accounting identities (勾稽关系, domain.md) and their instances.

An identity instance is one equation `lhs = rhs` for one report and one scope (a column, a row, a
block or a cell). `instances()` turns published table cells into instances, each with two readings:
strict (only printed numbers are assessable; any blank, `/`, `-`, `—`, `无` or missing term makes it
not assessable) and blanks-as-zero (blank and not-applicable cells read as 0). Whether an instance holds
is decided by the Great Expectations suites in `expectations.suites`, not here.

Non-negativity (T3-NN, T4-NN) is written in the same lhs = rhs form so that one expectation serves all:
lhs is the printed value and rhs the largest non-negative integer not above it; the two are equal
exactly when the value is a non-negative integer.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from extractors.catalogue import (
    APPLICANT_COLUMNS,
    BLOCK_IDENTITIES,
    ORGANISATION_COLUMNS,
    OTHER_ROWS_2021,
    OUTCOME_ROWS,
    OUTCOMES,
    REQUEST_METRICS,
)

TABLE_TEMPLATES = ("2019", "2021")

# Bump when an identity, its terms or the judging changes: every report is evaluated again.
GATE_VERSION = "2"


@dataclass(frozen=True)
class Identity:
    id: str
    table: str
    title: str
    kind: str  # 'sum' | 'nonneg'
    hard: bool = True  # a strict failure quarantines the report


IDENTITIES: tuple[Identity, ...] = (
    Identity("T3-FLOW", "requests", "new_received + carried_over = total_processed + carried_forward", "sum"),
    Identity("T3-RES", "requests", "total_processed = granted + partially_granted + Σdenied + Σunavailable "
                                   "+ Σnot_processed + other", "sum"),
    Identity("T3-ROW", "requests", "total = natural_person + the five organisation columns", "sum"),
    Identity("T3-NN", "requests", "every 表三 cell is a non-negative integer", "nonneg"),
    Identity("T4-REV", "review_litigation", "admin_review: upheld + corrected + other + pending = total", "sum"),
    Identity("T4-LD", "review_litigation", "litigation_direct: upheld + corrected + other + pending = total", "sum"),
    Identity("T4-LR", "review_litigation", "litigation_after_review: upheld + corrected + other + pending = total",
             "sum"),
    Identity("T4-NN", "review_litigation", "every 表四 cell is a non-negative integer", "nonneg"),
)
IDENTITY_BY_ID = {i.id: i for i in IDENTITIES}
HARD_IDENTITY_IDS = tuple(i.id for i in IDENTITIES if i.hard)


def request_rows(template: str) -> tuple[str, ...]:
    """表三 row codes printed in a template: (六) is one row in 2019 and three sub-rows in 2021."""
    return tuple(m.row for m in REQUEST_METRICS if template in m.templates)


def _other_rows(template: str) -> tuple[str, ...]:
    return OTHER_ROWS_2021 if template == "2021" else ("other_total",)


_BLOCK_OF = {identity: block for block, identity in BLOCK_IDENTITIES.items()}


def identity_terms(template: str) -> pl.DataFrame:
    """Every term of every instance for one template: identity_id, scope, side, sign, table, row, column."""
    rows: list[tuple[str, str, str, str, str, str]] = []

    def add(identity: str, scope: str, side: str, table: str, row: str, column: str) -> None:
        rows.append((identity, scope, side, table, row, column))

    for col in APPLICANT_COLUMNS:
        for r in ("new_received", "carried_over"):
            add("T3-FLOW", col, "lhs", "requests", r, col)
        for r in ("total_processed", "carried_forward"):
            add("T3-FLOW", col, "rhs", "requests", r, col)
        add("T3-RES", col, "lhs", "requests", "total_processed", col)
        for r in OUTCOME_ROWS + _other_rows(template):
            add("T3-RES", col, "rhs", "requests", r, col)
    for r in request_rows(template):
        add("T3-ROW", r, "lhs", "requests", r, "total")
        for col in ("natural_person",) + ORGANISATION_COLUMNS:
            add("T3-ROW", r, "rhs", "requests", r, col)
        for col in APPLICANT_COLUMNS:
            add("T3-NN", f"{r}.{col}", "cell", "requests", r, col)
    for identity, block in _BLOCK_OF.items():
        for outcome in OUTCOMES:
            side = "lhs" if outcome == "total" else "rhs"
            add(identity, block, side, "review_litigation", block, outcome)
            add("T4-NN", f"{block}.{outcome}", "cell", "review_litigation", block, outcome)
    return pl.DataFrame(
        rows, schema=["identity_id", "scope", "side", "table_name", "row_code", "column_code"], orient="row"
    ).with_columns(template=pl.lit(template))


_TERMS = pl.concat([identity_terms(t) for t in TABLE_TEMPLATES])

INSTANCE_SCHEMA = {
    "report_id": pl.String, "identity_id": pl.String, "scope": pl.String,
    "lhs": pl.Float64, "rhs": pl.Float64, "lhs_blank_as_zero": pl.Float64, "rhs_blank_as_zero": pl.Float64,
    "lhs_terms": pl.String, "rhs_terms": pl.String,
}


def instances(reports: pl.DataFrame, cells: pl.DataFrame) -> pl.DataFrame:
    """Identity instances for reports with tables.

    reports: report_id, template (only '2019' and '2021' reports have the national tables)
    cells: report_id, table_name, row_code, column_code, value, semantic — table cells as published
    A term whose cell was not found at all is missing in both readings (an extraction gap, never a zero).
    """
    terms = (
        reports.select("report_id", "template")
        .filter(pl.col("template").is_in(TABLE_TEMPLATES))
        .join(_TERMS, on="template")
        .join(
            cells.select("report_id", "table_name", "row_code", "column_code", "value", "semantic"),
            on=["report_id", "table_name", "row_code", "column_code"],
            how="left",
        )
        .with_columns(
            strict=pl.when(pl.col("semantic") == "number").then(pl.col("value")),
            blank_as_zero=pl.when(pl.col("semantic") == "number")
            .then(pl.col("value"))
            .when(pl.col("semantic").is_in(["blank", "not_applicable"]))
            .then(0.0),
            shown=pl.when(pl.col("semantic") == "number")
            .then(_fmt_expr(pl.col("value")))
            .when(pl.col("semantic") == "blank").then(pl.lit("blank"))
            .when(pl.col("semantic").is_null()).then(pl.lit("missing"))
            .otherwise(pl.col("semantic")),
        )
    )
    keys = ["report_id", "identity_id", "scope"]
    if terms.is_empty():
        return pl.DataFrame(schema=INSTANCE_SCHEMA)
    sums = (
        terms.filter(pl.col("side") != "cell")
        .group_by(keys + ["side"], maintain_order=True)
        .agg(
            strict=pl.when(pl.col("strict").is_null().any()).then(None).otherwise(pl.col("strict").sum()),
            blank_as_zero=pl.when(pl.col("blank_as_zero").is_null().any())
            .then(None).otherwise(pl.col("blank_as_zero").sum()),
            shown=pl.col("shown").str.join("+"),
        )
        .pivot(on="side", index=keys, values=["strict", "blank_as_zero", "shown"])
        .select(
            *keys,
            lhs=pl.col("strict_lhs"), rhs=pl.col("strict_rhs"),
            lhs_blank_as_zero=pl.col("blank_as_zero_lhs"), rhs_blank_as_zero=pl.col("blank_as_zero_rhs"),
            lhs_terms=pl.col("shown_lhs"), rhs_terms=pl.col("shown_rhs"),
        )
    )
    nonneg = (
        terms.filter(pl.col("side") == "cell")
        .select(
            *keys,
            lhs=pl.col("strict"), rhs=_nonneg_floor(pl.col("strict")),
            lhs_blank_as_zero=pl.col("blank_as_zero"), rhs_blank_as_zero=_nonneg_floor(pl.col("blank_as_zero")),
            lhs_terms=pl.col("shown"), rhs_terms=pl.lit("a non-negative integer"),
        )
    )
    return pl.concat([sums, nonneg], how="vertical_relaxed").select(
        [pl.col(c).cast(t) for c, t in INSTANCE_SCHEMA.items()]
    ).sort(keys)


def _nonneg_floor(expr: pl.Expr) -> pl.Expr:
    return pl.when(expr.is_null()).then(None).otherwise(pl.max_horizontal(expr.floor(), pl.lit(0.0)))


def _fmt_expr(expr: pl.Expr) -> pl.Expr:
    """Numbers as printed in explanations: integers without a trailing .0."""
    return pl.when(expr == expr.floor()).then(expr.cast(pl.Int64).cast(pl.String)).otherwise(expr.cast(pl.String))


def format_number(value: float) -> str:
    """A number as printed: integers without a trailing .0."""
    return str(int(value)) if float(value).is_integer() else repr(value)


def _side(terms: str, total: float) -> str:
    """A side as a person checks it: its terms when few, else the number of cells summed."""
    parts = terms.split("+")
    return format_number(total) if len(parts) == 1 else (
        f"{terms} = {format_number(total)}" if len(parts) <= 4 else f"{format_number(total)} (sum of {len(parts)} cells)"
    )


def explain(identity_id: str, scope: str, lhs_terms: str, rhs_terms: str, lhs: float, rhs: float) -> str:
    """One line a person can check against the document, e.g. 'T3-FLOW total: 1+0 = 1 ≠ 2+0 = 2'."""
    if IDENTITY_BY_ID[identity_id].kind == "nonneg":
        return f"{identity_id} {scope}: {lhs_terms} is not a non-negative integer"
    return f"{identity_id} {scope}: {_side(lhs_terms, lhs)} ≠ {_side(rhs_terms, rhs)}"


# ------------------------------------------------------------------------------------- findings

FINDING_SCHEMA = {"report_id": pl.String, "identity_id": pl.String, "scope": pl.String, "note": pl.String}


def apply_findings(results: pl.DataFrame, findings: pl.DataFrame | None) -> pl.DataFrame:
    """Mark as failing the instances the extraction proved broken (extractors.model.Finding).

    Such an instance is not assessable from its cells (they were printed glued and admit several cuts),
    but no cut of the printed digits lets it hold: it fails in both readings, with the proof as its
    explanation, and `finding` keeps the proof so that the blame can name the publisher. Instances
    judged from numbers are never touched. results: report_id, identity_id, scope, status and, when
    present, status_blank_as_zero and explanation; findings: FINDING_SCHEMA.
    """
    keys = ["report_id", "identity_id", "scope"]
    if findings is None or findings.is_empty():
        return results.with_columns(finding=pl.lit(None, pl.String))
    proofs = findings.select(keys + ["note"]).unique(keys, keep="first").rename({"note": "finding"})
    merged = results.join(proofs, on=keys, how="left", maintain_order="left")
    proven = pl.col("finding").is_not_null() & (pl.col("status") == "not_assessable")
    statuses = [c for c in ("status", "status_blank_as_zero") if c in merged.columns]
    return merged.with_columns(
        *(pl.when(proven & (pl.col(c) == "not_assessable")).then(pl.lit("fail")).otherwise(pl.col(c)).alias(c)
          for c in statuses),
        explanation=pl.when(proven).then(pl.format("{} {}: {}", "identity_id", "scope", "finding"))
        .otherwise(pl.col("explanation") if "explanation" in merged.columns else pl.lit(None, pl.String)),
        finding=pl.when(proven).then(pl.col("finding")),
    )
