"""Who broke an identity: the publisher, or our extraction?

A failing identity is either the agency's own arithmetic (data: keep it, explain it) or an extraction
mistake (a bug: a glued or split number, a shifted column, a cell read from the wrong row, a cell we
could not read). We never change a published number; we only say which is more likely and keep the
evidence.

Localisation uses the residuals of all identities of the report: a *correction* is a set of cells moved
by the same amount d. It explains the failures when every failing instance is repaired by it and every
passing instance stays untouched. We try single cells, and a cell together with its 总计 twin in the
same row (an agency that mistyped a cell usually carried the mistake into its total). The first
corrections that explain everything locate the suspect cell; its printed text and its neighbours then
say whether the extraction is to blame. Without such evidence, blame falls on the publisher: we only
accuse our own extraction on evidence, so that a real inconsistency is never explained away.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import polars as pl

from extractors.catalogue import APPLICANT_COLUMNS
from expectations.identities import IDENTITY_BY_ID, TABLE_TEMPLATES, format_number, identity_terms

EXTRACTION = "extraction"
PUBLISHER = "publisher"
_NOT_NUMBERS = ("text", "unreadable")

Cell = tuple[str, str, str]  # table, row, column


@dataclass
class Blame:
    report_id: str
    identity_id: str
    scope: str
    blame: str  # 'publisher' | 'extraction'
    evidence: str
    suspect_cells: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Instance:
    identity_id: str
    scope: str
    residual: float | None  # lhs - rhs, strict; None when not assessable
    signs: dict[Cell, int]  # +1 lhs term, -1 rhs term


_TERMS = {t: identity_terms(t) for t in TABLE_TEMPLATES}


def _instances(template: str, results: pl.DataFrame) -> list[_Instance]:
    """The report's sum identities with their residuals and the signed cells they add up."""
    signs: dict[tuple[str, str], dict[Cell, int]] = defaultdict(dict)
    for identity, scope, side, table, row, column in _TERMS[template].filter(
        pl.col("side") != "cell"
    ).select("identity_id", "scope", "side", "table_name", "row_code", "column_code").iter_rows():
        signs[(identity, scope)][(table, row, column)] = 1 if side == "lhs" else -1
    residuals = {
        (r["identity_id"], r["scope"]): (None if r["lhs"] is None or r["rhs"] is None else r["lhs"] - r["rhs"])
        for r in results.iter_rows(named=True)
    }
    return [_Instance(i, s, residuals.get((i, s)), cells) for (i, s), cells in signs.items()]


def _explains(correction: tuple[Cell, ...], instances: list[_Instance]) -> float | None:
    """The shift d that repairs every failing instance and leaves the others alone, if there is one."""
    shift = None
    for inst in instances:
        k = sum(inst.signs.get(cell, 0) for cell in correction)
        failing = inst.residual not in (None, 0)
        if not failing:
            if k != 0 and inst.residual is not None:
                return None
            continue
        if k == 0:
            return None
        d = -inst.residual / k
        if shift is not None and d != shift:
            return None
        shift = d
    return shift


def locate(template: str, results: pl.DataFrame, numbers: dict[Cell, float]) -> list[tuple[tuple[Cell, ...], float]]:
    """Corrections (cells, shift) that explain all sum-identity failures of one report."""
    instances = _instances(template, results)
    if not any(i.residual not in (None, 0) for i in instances):
        return []
    candidates: list[tuple[Cell, ...]] = [(cell,) for cell in numbers]
    candidates += [
        (cell, (cell[0], cell[1], "total")) for cell in numbers
        if cell[0] == "requests" and cell[2] != "total" and (cell[0], cell[1], "total") in numbers
    ]
    found = []
    for correction in candidates:
        shift = _explains(correction, instances)
        if shift is not None:
            found.append((correction, shift))
    return found


def _row_neighbours(cell: Cell, raw: dict[Cell, str]) -> list[str]:
    """Printed text of the cells left and right of `cell` in its row."""
    table, row, column = cell
    if table != "requests" or column not in APPLICANT_COLUMNS:
        return []
    i = APPLICANT_COLUMNS.index(column)
    return [raw.get((table, row, APPLICANT_COLUMNS[j]), "") for j in (i - 1, i + 1) if 0 <= j < len(APPLICANT_COLUMNS)]


def extraction_evidence(cell: Cell, printed: float, wanted: float, raw: dict[Cell, str]) -> str | None:
    """Why the printed cell looks misread rather than mistyped by the agency, or None."""
    text = raw.get(cell, "")
    wanted_digits, printed_digits = format_number(wanted), format_number(printed)
    if wanted < 0:
        return None
    neighbours = [n.strip() for n in _row_neighbours(cell, raw) if n.strip()]
    for n in neighbours:
        # Glued: the printed digits are the wanted value with a neighbour's digits stuck to it. Only for
        # numbers of 3+ digits: for small ones such coincidences are too common to accuse anybody.
        if len(printed_digits) >= 3 and printed_digits in (wanted_digits + n, n + wanted_digits):
            return f"glued number: printed {text!r} reads as {wanted_digits} followed or preceded by neighbour {n!r}"
        # Split: the wanted value is the printed digits joined with a neighbour's.
        if len(wanted_digits) >= 3 and wanted_digits in (printed_digits + n, n + printed_digits):
            return f"split number: {wanted_digits} appears cut into {printed_digits!r} and neighbour {n!r}"
    if any(ch.isspace() for ch in text.strip()):
        return f"cell text {text!r} holds more than one token"
    return None


def blame_report(
    report_id: str, template: str, results: pl.DataFrame, cells: pl.DataFrame
) -> list[Blame]:
    """Blame for each strictly failing instance of one report.

    results: the report's identity results (identity_id, scope, lhs, rhs, status)
    cells: the report's table cells (table_name, row_code, column_code, raw_text, value, semantic)
    """
    failing = results.filter(pl.col("status") == "fail")
    if failing.is_empty():
        return []
    # An instance the printed digits prove broken (identities.apply_findings) is the publisher's: no
    # reading of what was printed lets it hold. It has no numbers, so it takes no part in locating.
    proven = failing.filter(pl.col("finding").is_not_null()) if "finding" in failing.columns else failing.clear()
    out = [Blame(report_id, r["identity_id"], r["scope"], PUBLISHER, f"proven from the printed digits: {r['finding']}")
           for r in proven.iter_rows(named=True)]
    failing = failing.join(proven.select("identity_id", "scope"), on=["identity_id", "scope"], how="anti")
    if failing.is_empty():
        return out
    raw: dict[Cell, str] = {}
    numbers: dict[Cell, float] = {}
    unreadable: list[str] = []
    for table, row, column, text, value, semantic in cells.select(
        "table_name", "row_code", "column_code", "raw_text", "value", "semantic"
    ).iter_rows():
        raw[(table, row, column)] = text or ""
        if semantic == "number":
            numbers[(table, row, column)] = value
        elif semantic in _NOT_NUMBERS:
            unreadable.append(f"{row}.{column}")
    unreadable.sort()
    sums = results.filter(pl.col("identity_id").is_in([i for i, d in IDENTITY_BY_ID.items() if d.kind == "sum"]))
    corrections = locate(template, sums, numbers)

    verdict, evidence, suspects = PUBLISHER, "", []
    if corrections:
        suspects = [", ".join(".".join(c[1:]) for c in cells_) for cells_, _ in corrections]
        for cells_, shift in corrections:
            first = cells_[0]
            why = extraction_evidence(first, numbers[first], numbers[first] + shift, raw)
            if why:
                verdict, evidence = EXTRACTION, f"{'.'.join(first[1:])}: {why}"
                break
        else:
            cells_, shift = corrections[0]
            where = " and ".join(f"{'.'.join(c[1:])} printed {format_number(numbers[c])}" for c in cells_)
            evidence = (f"{where}; the other identities agree on {format_number(numbers[cells_[0]] + shift)}: "
                        "a single inconsistent entry, printed as such")
            if len(corrections) > 1:
                evidence += f" (or one of: {'; '.join(suspects[1:4])})"
    elif unreadable:
        verdict, evidence = EXTRACTION, f"cells not read as numbers: {', '.join(unreadable[:5])}"
    else:
        evidence = "no single cell explains the failures: several printed numbers disagree"

    for row in failing.iter_rows(named=True):
        if IDENTITY_BY_ID[row["identity_id"]].kind == "nonneg":
            cell = tuple(["requests" if row["identity_id"].startswith("T3") else "review_litigation",
                          *row["scope"].split(".")])
            text = raw.get(cell, "")
            nn_blame = EXTRACTION if not text.strip().lstrip("-+").replace(".", "").isdigit() else PUBLISHER
            out.append(Blame(report_id, row["identity_id"], row["scope"], nn_blame,
                             f"printed {text!r}", [row["scope"]]))
        else:
            out.append(Blame(report_id, row["identity_id"], row["scope"], verdict, evidence, suspects[:1]))
    return out


BLAME_SCHEMA = {"report_id": pl.String, "identity_id": pl.String, "scope": pl.String, "blame": pl.String,
                "blame_evidence": pl.String, "suspect_cells": pl.String}


def blame_all(reports: pl.DataFrame, results: pl.DataFrame, cells: pl.DataFrame) -> pl.DataFrame:
    """Blame for every failing instance of every report (few reports fail, so a loop per report is fine)."""
    failing_ids = results.filter(pl.col("status") == "fail")["report_id"].unique().to_list()
    templates = dict(reports.select("report_id", "template").iter_rows())
    rows = []
    for rid in failing_ids:
        for b in blame_report(rid, templates[rid], results.filter(pl.col("report_id") == rid),
                              cells.filter(pl.col("report_id") == rid)):
            rows.append((b.report_id, b.identity_id, b.scope, b.blame, b.evidence, "; ".join(b.suspect_cells)))
    return pl.DataFrame(rows, schema=BLAME_SCHEMA, orient="row")
