"""The identity catalogue and the GX gate on hand-built cells with hand-checked verdicts."""

from __future__ import annotations

import polars as pl
import pytest

from expectations.gate import run_identity_suites
from expectations.identities import identity_terms, instances


def test_template_terms():
    terms_2019, terms_2021 = identity_terms("2019"), identity_terms("2021")
    res_2019 = terms_2019.filter((pl.col("identity_id") == "T3-RES") & (pl.col("scope") == "total"))
    res_2021 = terms_2021.filter((pl.col("identity_id") == "T3-RES") & (pl.col("scope") == "total"))
    # 18 outcome rows + (六): one other_total row in 2019, three sub-rows in 2021.
    assert res_2019.filter(pl.col("side") == "rhs").height == 19
    assert "other_total" in res_2019["row_code"].to_list()
    assert res_2021.filter(pl.col("side") == "rhs").height == 21
    assert "other_total" not in res_2021["row_code"].to_list()
    assert terms_2019.filter(pl.col("identity_id") == "T3-NN").height == 23 * 7
    assert terms_2021.filter(pl.col("identity_id") == "T3-NN").height == 25 * 7
    assert terms_2021.filter(pl.col("identity_id") == "T4-NN").height == 15


def cells(report: str, rows: list[tuple[str, str, str, float | None, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(report, t, r, c, v, s) for t, r, c, v, s in rows],
        schema=["report_id", "table_name", "row_code", "column_code", "value", "semantic"],
        orient="row",
    )


def review(block: str, values: list, semantics: list | None = None) -> list[tuple]:
    outcomes = ["upheld", "corrected", "other", "pending", "total"]
    semantics = semantics or ["number"] * 5
    return [("review_litigation", block, o, v, s) for o, v, s in zip(outcomes, values, semantics)]


@pytest.fixture(scope="module")
def judged() -> pl.DataFrame:
    reports = pl.DataFrame({"report_id": ["r1", "r2"], "template": ["2021", "2019"]})
    frame = pl.concat([
        cells("r1", review("admin_review", [1.0, 1.0, 0.0, 0.0, 3.0])            # 2 ≠ 3: fails
                    + review("litigation_direct", [1.0, None, 0.0, 0.0, 1.0],
                             ["number", "blank", "number", "number", "number"])     # holds only blank=0
                    + review("litigation_after_review", [-1.0, 1.0, 0.0, 0.0, 0.0])),  # sums, but -1
        cells("r2", review("admin_review", [0.0, 0.0, 0.0, 0.0, 0.0])),
    ])
    return run_identity_suites(instances(reports, frame), gx_dir=None).identity_results


def verdict(judged: pl.DataFrame, report: str, identity: str, scope: str) -> tuple:
    row = judged.filter((pl.col("report_id") == report) & (pl.col("identity_id") == identity)
                        & (pl.col("scope") == scope))
    assert row.height == 1
    return row.select("lhs", "rhs", "status", "status_blank_as_zero", "explanation").row(0)


def test_a_broken_block_fails_in_both_readings(judged):
    assert verdict(judged, "r1", "T4-REV", "admin_review") == (
        3.0, 2.0, "fail", "fail", "T4-REV admin_review: 3 ≠ 1+1+0+0 = 2")


def test_a_blank_term_is_not_assessable_strictly_but_holds_as_zero(judged):
    assert verdict(judged, "r1", "T4-LD", "litigation_direct")[:4] == (1.0, None, "not_assessable", "pass")


def test_a_negative_cell_fails_non_negativity(judged):
    assert verdict(judged, "r1", "T4-LR", "litigation_after_review")[2] == "pass"
    assert verdict(judged, "r1", "T4-NN", "litigation_after_review.upheld") == (
        -1.0, 0.0, "fail", "fail", "T4-NN litigation_after_review.upheld: -1 is not a non-negative integer")


def test_missing_cells_are_never_zero(judged):
    # r2 printed no 表三 at all: every T3 instance is not assessable in both readings.
    t3 = judged.filter((pl.col("report_id") == "r2") & pl.col("identity_id").str.starts_with("T3"))
    assert t3.height == 7 + 7 + 23 + 23 * 7
    assert set(t3["status"]) == {"not_assessable"} and set(t3["status_blank_as_zero"]) == {"not_assessable"}
    assert verdict(judged, "r2", "T4-REV", "admin_review")[2] == "pass"


def test_reports_without_national_tables_have_no_instances():
    reports = pl.DataFrame({"report_id": ["old"], "template": ["pre2019"]})
    empty = pl.DataFrame(schema={"report_id": pl.String, "table_name": pl.String, "row_code": pl.String,
                                 "column_code": pl.String, "value": pl.Float64, "semantic": pl.String})
    assert instances(reports, empty).is_empty()
