"""Findings: identity instances the printed digits prove broken although the cells stay unreadable.

Three generated reports in tests/fixtures/glued (from `python -m extractors.synthetic`, seed 1), each
with one injected publisher error in a glued row, hand-checked against the text:
- syn1_03193: (一)予以公开 printed `811011011` (8|11|0|1|1|0|11; commercial_enterprise should be 1).
- syn1_07327: 四、结转下年度继续办理 printed `2600100137` (26|0|0|10|0|1|37; public_interest_org and
  total should be 0 and 27), so T3-FLOW fails in those columns: 1+0 ≠ 1+10, 181+1 ≠ 155+37. Two cuts of
  一、本年新收 `17800111181` fit the column identities, so its public_interest_org and total stay unread.
  Under every cut of the glued rows T3-FLOW total still fails (new_received's total ends in 1, 81, 181 …,
  carried_forward's in 7, 37, 137 …, total_processed's in 5, 55, 155 …: no sum meets); in
  public_interest_org some cut would hold, so only the total is proven.
- syn1_00307: 表四 printed `0000010207910012`; 未经复议直接起诉 is 10|2|0|7|9 (10+2+0+7 = 19 ≠ 9).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from expectations.blame import blame_report
from expectations.identities import FINDING_SCHEMA, apply_findings
from extractors import extract_file
from extractors.evaluation import evaluate_results, load_truth, summarise
from extractors.requests_table import Columns, Row, _read_glued_rows
from extractors.tokens import TableResult, Token, make_cell
from tests.unit.conftest import SEED_NAMES, seed_result
from tests.unit.test_segment import APPLICANTS, brute_cuts

FIXTURES = Path(__file__).parents[1] / "fixtures" / "glued"


def extracted(stem: str):
    return extract_file(FIXTURES / f"{stem}.txt")


def cells_of(result, table: str, row: str) -> dict[str, tuple[str, str]]:
    return {c.column: (c.semantic, c.raw) for c in result.cells if c.table == table and c.row == row}


def test_a_glued_row_no_cut_adds_up_is_a_t3_row_finding():
    result = extracted("syn1_03193_glued")
    assert not any(sum(cut[:6]) == cut[6] for cut in brute_cuts("811011011", 7))  # the proof, by brute force
    assert [(f.identity_id, f.scope) for f in result.findings] == [("T3-ROW", "granted")]
    finding = result.findings[0]
    assert "'811011011'" in finding.note and (finding.locator.line_start, finding.locator.line_end) == (32, 32)
    granted = cells_of(result, "requests", "granted")
    assert {c for c, (semantic, _) in granted.items() if semantic == "unreadable"} == {
        "natural_person", "commercial_enterprise", "research_institution"}  # 8|11|0, 81|1|0, 8|1|10 …
    assert granted["total"] == ("number", "11")


def test_column_identities_broken_under_every_reading_are_findings():
    result = extracted("syn1_07327_glued")
    found = {(f.identity_id, f.scope): f for f in result.findings}
    assert set(found) == {("T3-FLOW", "total")}
    assert "carried_forward '2600100137'" in found[("T3-FLOW", "total")].note
    assert "new_received '17800111181'" in found[("T3-FLOW", "total")].note
    new_received = cells_of(result, "requests", "new_received")
    assert {c for c, (semantic, _) in new_received.items() if semantic == "unreadable"} == {"public_interest_org", "total"}
    assert cells_of(result, "requests", "carried_forward")["total"] == ("number", "37")  # printed as such


def test_a_review_block_no_cut_adds_up_is_a_t4_finding():
    result = extracted("syn1_00307_glued")
    assert [(f.identity_id, f.scope) for f in result.findings] == [("T4-LD", "litigation_direct")]
    assert all(semantic == "unreadable"
               for semantic, _ in cells_of(result, "review_litigation", "litigation_direct").values())
    assert cells_of(result, "review_litigation", "admin_review")["total"] == ("number", "0")


@pytest.mark.parametrize("stem", SEED_NAMES)
def test_real_reports_have_no_findings(stem):
    # the seeds are not glued; 004's inconsistency is judged from its numbers
    assert seed_result(stem).findings == []


RESULTS = pl.DataFrame(
    [("r", "T3-ROW", "granted", "not_assessable", "not_assessable", None),
     ("r", "T3-ROW", "total", "not_assessable", "pass", None),
     ("r", "T3-FLOW", "total", "fail", "fail", "T3-FLOW total: 1 ≠ 2")],
    schema=["report_id", "identity_id", "scope", "status", "status_blank_as_zero", "explanation"], orient="row")


def test_apply_findings_fails_only_instances_not_judged_from_numbers():
    findings = pl.DataFrame([("r", "T3-ROW", "granted", "no cut adds up"), ("r", "T3-FLOW", "total", "ignored")],
                            schema=FINDING_SCHEMA, orient="row")
    out = apply_findings(RESULTS, findings)
    assert out.select("scope", "status", "status_blank_as_zero", "explanation", "finding").rows() == [
        ("granted", "fail", "fail", "T3-ROW granted: no cut adds up", "no cut adds up"),
        ("total", "not_assessable", "pass", None, None),
        ("total", "fail", "fail", "T3-FLOW total: 1 ≠ 2", None),  # judged from numbers: left alone
    ]
    assert apply_findings(RESULTS, None)["finding"].null_count() == 3


def test_a_finding_is_blamed_on_the_publisher_even_with_unreadable_cells():
    results = apply_findings(RESULTS.filter(pl.col("identity_id") == "T3-ROW").with_columns(
        lhs=pl.lit(None, pl.Float64), rhs=pl.lit(None, pl.Float64)),
        pl.DataFrame([("r", "T3-ROW", "granted", "no cut adds up")], schema=FINDING_SCHEMA, orient="row"))
    cells = pl.DataFrame([("requests", "granted", c, "811011011", None, "unreadable") for c in APPLICANTS],
                         schema=["table_name", "row_code", "column_code", "raw_text", "value", "semantic"],
                         orient="row")
    [blame] = blame_report("r", "2021", results, cells)
    assert (blame.identity_id, blame.scope, blame.blame) == ("T3-ROW", "granted", "publisher")
    assert blame.evidence == "proven from the printed digits: no cut adds up"


@pytest.mark.parametrize("stem", ["syn1_03193_glued", "syn1_07327_glued", "syn1_00307_glued"])
def test_eval_counts_the_injected_error_as_flagged_as_the_publishers(stem):
    [report] = evaluate_results([(f"{stem}.txt", load_truth(FIXTURES / f"{stem}.truth.json"), extracted(stem))])
    assert report.status == report.expected_status == "quarantined"
    assert report.errors_unflagged == [] and report.blamed_on_extraction == frozenset()
    summary = summarise([report])
    assert (summary.errors, summary.errors_flagged) == (len(report.truth_errors), len(report.truth_errors)) != (0, 0)


def glued_requests(rows: dict[str, str], printed: dict[str, tuple[int, ...]], columns=APPLICANTS) -> TableResult:
    """A 表三 whose `rows` are glued runs and `printed` rows read normally, through the table's glued
    reader (what requests_table does after reading the other rows)."""
    result = TableResult([], [])
    for code, values in printed.items():
        for column, value in zip(columns, values):
            result.cells.append(make_cell("requests", code, column, Token(str(value), 1, True), ""))
    glued = {code: (Row(code, "", [], line), Token(digits, line, True)) for line, (code, digits) in
             enumerate(rows.items(), start=10)}
    _read_glued_rows(glued, Columns(columns), result)
    return result


def test_no_finding_where_the_printed_cut_holds_the_instance():
    # carried_forward printed 1|1|21|13|0|1|28 (research_institution should be 12: T3-ROW fails as
    # printed). Under its cuts where T3-ROW holds, T3-FLOW commercial_enterprise would always fail, but
    # the printed cut holds it (12 + 2 = 13 + 1): only a proof over every cut may be recorded.
    result = glued_requests({"new_received": "1121220229", "carried_forward": "1121130128"},
                            {"carried_over": (0, 2, 2, 12, 1, 1, 18), "total_processed": (0, 13, 2, 1, 1, 2, 19)})
    assert ("T3-FLOW", "commercial_enterprise") not in {(f.identity_id, f.scope) for f in result.findings}
    # 1|1|21|13|0|1|28 does not add up, but other cuts do (1|12|1|13|0|1|28): T3-ROW is not proven either
    assert all(f.identity_id != "T3-ROW" for f in result.findings)
