"""Findings: identity instances the printed digits prove broken although the cells stay unreadable.

Three generated reports in tests/fixtures/glued (from `python -m extractors.synthetic`, seed 1), each
with one injected publisher error in a glued row, hand-checked against the text:
- syn1_03193: (一)予以公开 printed `811011011` (8|11|0|1|1|0|11; commercial_enterprise should be 1).
- syn1_07327: 四、结转下年度继续办理 printed `2600100137` (26|0|0|10|0|1|37; public_interest_org and
  total should be 0 and 27), so T3-FLOW fails in those columns: 1+0 ≠ 1+10, 181+1 ≠ 155+37. Two cuts of
  一、本年新收 `17800111181` fit the column identities, so its public_interest_org and total stay unread.
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
    assert set(found) == {("T3-FLOW", "public_interest_org"), ("T3-FLOW", "total")}
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
