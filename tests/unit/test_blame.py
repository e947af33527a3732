"""Blame: the publisher's own inconsistency vs our extraction error, located from identity residuals."""

from __future__ import annotations

import polars as pl

from expectations.blame import blame_report
from expectations.gate import run_identity_suites
from expectations.identities import instances
from extractors import extract_file
from tests.unit.conftest import seed_path


def seed_cells(stem: str) -> tuple[str, pl.DataFrame]:
    result = extract_file(seed_path(stem))
    frame = pl.DataFrame(
        [(stem, c.table, c.row, c.column, c.value, c.semantic, c.raw) for c in result.cells],
        schema=["report_id", "table_name", "row_code", "column_code", "value", "semantic", "raw_text"],
        orient="row",
    )
    return result.template, frame


def judge(template: str, cells: pl.DataFrame) -> list:
    report_id = cells["report_id"][0]
    reports = pl.DataFrame({"report_id": [report_id], "template": [template]})
    results = run_identity_suites(instances(reports, cells)).identity_results
    return blame_report(report_id, template, results, cells)


def misprint(cells: pl.DataFrame, row: str, column: str, raw: str, value: float) -> pl.DataFrame:
    hit = (pl.col("row_code") == row) & (pl.col("column_code") == column) & (pl.col("table_name") == "requests")
    return cells.with_columns(
        raw_text=pl.when(hit).then(pl.lit(raw)).otherwise(pl.col("raw_text")),
        value=pl.when(hit).then(pl.lit(value)).otherwise(pl.col("value")),
    )


def test_seed_004_is_the_publishers_inconsistency_located_in_the_total_row():
    template, cells = seed_cells("004_4a8b712bfc0e61a8")
    blames = judge(template, cells)
    assert sorted((b.identity_id, b.scope) for b in blames) == [
        ("T3-FLOW", "natural_person"), ("T3-FLOW", "total"), ("T3-RES", "natural_person"), ("T3-RES", "total")]
    assert {b.blame for b in blames} == {"publisher"}
    assert blames[0].suspect_cells == ["total_processed.natural_person, total_processed.total"]
    assert blames[0].evidence.startswith(
        "total_processed.natural_person printed 2 and total_processed.total printed 2; the other identities agree on 1")


def test_a_glued_number_is_blamed_on_extraction():
    # 000 prints 新收 自然人 90 | 商业企业 2: reading "902" into the first cell is our mistake.
    template, cells = seed_cells("000_ee2ac1f4facddbc2")
    blames = judge(template, misprint(cells, "new_received", "natural_person", "902", 902.0))
    assert blames and {b.blame for b in blames} == {"extraction"}
    assert "glued number" in blames[0].evidence and "new_received.natural_person" in blames[0].evidence


def test_a_plain_misprint_is_the_publishers():
    template, cells = seed_cells("000_ee2ac1f4facddbc2")
    blames = judge(template, misprint(cells, "granted", "natural_person", "28", 28.0))
    assert blames and {b.blame for b in blames} == {"publisher"}
    assert blames[0].suspect_cells[0].startswith("granted.natural_person")


def test_several_disagreeing_cells_are_the_publishers_unless_cells_went_unread():
    template, cells = seed_cells("000_ee2ac1f4facddbc2")
    # Two independent misprints: no single correction explains them.
    twice = misprint(misprint(cells, "granted", "natural_person", "28", 28.0), "carried_forward", "other_org", "9", 9.0)
    blames = judge(template, twice)
    assert blames and {b.blame for b in blames} == {"publisher"}
    assert blames[0].evidence == "no single cell explains the failures: several printed numbers disagree"
    # The same, with a cell we could not read: our extraction is the likelier culprit.
    unread = (pl.col("row_code") == "denied_third_party") & (pl.col("column_code") == "commercial_enterprise")
    twice = twice.with_columns(
        semantic=pl.when(unread).then(pl.lit("unreadable")).otherwise(pl.col("semantic")),
        value=pl.when(unread).then(None).otherwise(pl.col("value")),
    )
    blames = judge(template, twice)
    assert blames and {b.blame for b in blames} == {"extraction"}
    assert blames[0].evidence == "cells not read as numbers: denied_third_party.commercial_enterprise"
