"""Seed acceptance: identification, every 表三/表四 cell against the truth files, 表二 spot checks,
locators and narrative facts."""

from __future__ import annotations

from collections import Counter

import pytest

from extractors import catalogue

from .conftest import SEED_NAMES, cells_by_key, seed_lines, seed_result, seed_truth

TABLE_SEEDS = tuple(s for s in SEED_NAMES if seed_truth(s)["requests"] is not None)


@pytest.mark.parametrize("stem", SEED_NAMES)
def test_identification_matches_truth(stem):
    result, truth = seed_result(stem), seed_truth(stem)
    assert result.outcome == "extracted"
    assert result.reason is None
    assert result.encoding == "utf-8"
    assert result.agency_name == truth["agency_name"]
    assert result.report_year == truth["report_year"]
    assert result.template == truth["template"]


@pytest.mark.parametrize("stem", SEED_NAMES)
def test_no_warnings_on_seeds(stem):
    assert seed_result(stem).warnings == []


@pytest.mark.parametrize("stem,expected", [
    ("000_ee2ac1f4facddbc2", None),
    ("001_16a26869f300a3bd", "2019-03-22"),
    ("002_11efede76b55d959", None),
    ("003_91a4c20e6918bacb", "2020-03-23"),
    ("004_4a8b712bfc0e61a8", "2021-01-21"),
])
def test_publication_date(stem, expected):
    assert seed_result(stem).publication_date == expected


@pytest.mark.parametrize("stem", TABLE_SEEDS)
@pytest.mark.parametrize("table", ["requests", "review_litigation"])
def test_every_table_cell_equals_truth(stem, table):
    truth = seed_truth(stem)[table]
    cells = cells_by_key(seed_result(stem), table)
    expected = {(row, col): value for row, cols in truth.items() for col, value in cols.items()}
    assert set(cells) == set(expected)
    for key, value in expected.items():
        cell = cells[key]
        if value is None:
            assert cell.value is None and cell.semantic != "number", key
        else:
            assert cell.semantic == "number", key
            assert cell.value == value, key
            assert cell.unit == "count", key


@pytest.mark.parametrize("stem", TABLE_SEEDS)
def test_cell_counts_follow_template(stem):
    result = seed_result(stem)
    counts = Counter(c.table for c in result.cells)
    rows = {"2019": 23, "2021": 25}[result.template]
    assert counts["requests"] == rows * 7
    assert counts["review_litigation"] == 15
    request_rows = {c.row for c in result.cells if c.table == "requests"}
    if result.template == "2021":
        assert set(catalogue.OTHER_ROWS_2021) <= request_rows and "other_total" not in request_rows
    else:
        assert "other_total" in request_rows and not request_rows & set(catalogue.OTHER_ROWS_2021)


@pytest.mark.parametrize("stem", TABLE_SEEDS)
def test_locators_point_at_the_raw_value(stem):
    lines = seed_lines(stem)
    for cell in seed_result(stem).cells:
        assert 1 <= cell.locator.line_start <= cell.locator.line_end <= len(lines)
        span = "\n".join(lines[cell.locator.line_start - 1:cell.locator.line_end])
        if cell.raw:
            assert cell.raw in span, (cell, span)
        else:
            assert cell.semantic == "blank"
            assert span.strip(" |") == ""


@pytest.mark.parametrize("stem", TABLE_SEEDS)
def test_all_table_semantics_are_numbers_except_known_blank(stem):
    semantics = Counter(c.semantic for c in seed_result(stem).cells)
    expected_blank = 1 if stem.startswith("002") else 0
    assert semantics["blank"] == expected_blank
    assert semantics["number"] == len(seed_result(stem).cells) - expected_blank


def test_seed_002_blank_normative_documents_cell_is_kept():
    cells = cells_by_key(seed_result("002_11efede76b55d959"), "proactive")
    blank = cells[("normative_documents", "issued")]
    assert (blank.raw, blank.value, blank.unit, blank.semantic) == ("", None, None, "blank")
    assert cells[("normative_documents", "repealed")].value == 0
    assert cells[("normative_documents", "in_force")].value == 41
    fee = cells[("admin_fees", "fee_amount")]
    assert (fee.value, fee.unit) == (0, "万元")  # the 2021 header fixes 万元
    assert len(cells) == 10


def test_seed_000_proactive_amount_and_negative_delta():
    cells = cells_by_key(seed_result("000_ee2ac1f4facddbc2"), "proactive")
    amount = cells[("govt_procurement", "procurement_amount")]
    assert (amount.raw, amount.value, amount.unit, amount.semantic) == ("87694.8万元", 87694.8, "万元", "number")
    assert cells[("admin_licensing", "change")].value == -59417
    assert cells[("admin_licensing", "decisions")].value == 1084744
    assert cells[("normative_documents", "total_published")].value == 166
    assert cells[("govt_procurement", "procurement_items")].unit == "count"
    assert len(cells) == 22


def test_seed_004_signed_delta_and_yuan_amount():
    cells = cells_by_key(seed_result("004_4a8b712bfc0e61a8"), "proactive")
    delta = cells[("other_admin_services", "change")]
    assert (delta.raw, delta.value, delta.semantic) == ("+6", 6, "number")
    amount = cells[("govt_procurement", "procurement_amount")]
    assert (amount.raw, amount.value, amount.unit) == ("346490.00元", 346490.0, "元")


def test_seed_003_follows_printed_headers_and_yi_yuan():
    cells = cells_by_key(seed_result("003_91a4c20e6918bacb"), "proactive")
    # 003 prints the 2019 (一) columns under (五)(六), split over lines (本年新 / 制作数量).
    assert cells[("admin_licensing", "new_made")].value == 429
    assert cells[("admin_penalty", "new_made")].value == 410
    assert cells[("admin_penalty", "total_published")].value == 65
    assert ("admin_penalty", "decisions") not in cells
    amount = cells[("govt_procurement", "procurement_amount")]
    assert (amount.raw, amount.value, amount.unit) == ("1.8亿元", 1.8, "亿元")


def test_seed_004_published_inconsistency_is_kept_as_printed():
    cells = cells_by_key(seed_result("004_4a8b712bfc0e61a8"), "requests")
    assert cells[("total_processed", "natural_person")].value == 2
    assert cells[("total_processed", "total")].value == 2
    assert cells[("new_received", "total")].value == 1
    assert cells[("granted", "total")].value == 1


def test_seed_003_typo_labels_are_matched():
    result = seed_result("003_91a4c20e6918bacb")
    labels = {c.row: c.row_label for c in result.cells if c.table == "requests"}
    assert labels["denied_security_stability"] == "3.危机“三安全一稳定”"
    assert labels["denied_enforcement_file"] == "7.属于行政法案卷"
    assert labels["new_received"] == "一、本年新收到政府信息公开申请数量"
    assert labels["carried_over"] == "二、上年结转政府信息公开数量"
    assert labels["unavailable_needs_creation"] == "2.没有现成信息需另行制作"
    assert cells_by_key(result, "requests")[("denied_internal_affairs", "commercial_enterprise")].value == 1


def _facts(stem: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for fact in seed_result(stem).narrative_facts:
        out.setdefault(fact.fact, []).append(fact)
    return out


def test_seed_001_narrative_acceptance():
    facts = _facts("001_16a26869f300a3bd")
    lines = seed_lines("001_16a26869f300a3bd")
    received = facts["applications_received"]
    assert [f.value for f in received] == [19]
    assert received[0].metrics == (("requests", "new_received", "total"),)
    assert "受理依申请公开政府信息19条" in received[0].sentence
    assert received[0].sentence in lines[received[0].locator.line_start - 1]
    assert [f.value for f in facts["admin_review_total"]] == [5]
    assert facts["admin_review_total"][0].metrics == (("review_litigation", "admin_review", "total"),)
    assert [f.value for f in facts["admin_review_upheld"]] == [2]
    assert facts["admin_review_upheld"][0].metrics == (("review_litigation", "admin_review", "upheld"),)
    assert [f.value for f in facts["admin_review_corrected"]] == [3]
    assert facts["admin_review_corrected"][0].metrics == (("review_litigation", "admin_review", "corrected"),)
    lawsuits = facts["litigation_total"]
    assert [f.value for f in lawsuits] == [0]
    assert set(lawsuits[0].metrics) == {("review_litigation", "litigation_direct", "total"),
                                        ("review_litigation", "litigation_after_review", "total")}
    assert [f.value for f in facts["applications_answered"]] == [19]
    assert [f.value for f in facts["applications_closed"]] == [19]


def test_seed_000_narrative_combined_review_litigation():
    facts = _facts("000_ee2ac1f4facddbc2")
    got = {code: [f.value for f in facts[code]] for code in (
        "applications_received", "applications_carried_over", "review_litigation_total",
        "review_litigation_upheld", "review_litigation_corrected", "review_litigation_other",
        "review_litigation_pending")}
    assert got == {"applications_received": [104], "applications_carried_over": [56],
                   "review_litigation_total": [46], "review_litigation_upheld": [20],
                   "review_litigation_corrected": [10], "review_litigation_other": [5],
                   "review_litigation_pending": [11]}
    # 2019 template: "共收到 N 件" is ambiguous, combined counts are sums: no metrics.
    assert facts["applications_received"][0].metrics == ()
    assert facts["review_litigation_total"][0].metrics == ()
    assert facts["applications_carried_over"][0].metrics == (("requests", "carried_over", "total"),)
    sentence = facts["review_litigation_total"][0].sentence
    assert sentence.startswith("政府信息公开类复议、诉讼案件共46件")
    assert facts["review_litigation_total"][0].locator.line_start == 8


def test_seed_000_narrative_sum_matches_table():
    result = seed_result("000_ee2ac1f4facddbc2")
    review = cells_by_key(result, "review_litigation")
    total = sum(review[(p, "total")].value for p in catalogue.PROCEEDINGS)
    assert total == _facts("000_ee2ac1f4facddbc2")["review_litigation_total"][0].value


def test_seed_002_narrative_reviews_and_lawsuits():
    facts = _facts("002_11efede76b55d959")
    assert [f.value for f in facts["applications_received"]] == [66]
    assert [f.value for f in facts["applications_answered"]] == [59]
    assert [f.value for f in facts["applications_carried_forward"]] == [7]
    assert [f.value for f in facts["admin_review_total"]] == [3]
    assert [f.value for f in facts["admin_review_upheld"]] == [2]
    assert [f.value for f in facts["admin_review_pending"]] == [1]
    assert [f.value for f in facts["litigation_total"]] == [1]
    assert facts["litigation_total"][0].metrics == ()  # direct or after review: ambiguous


def test_seed_003_and_004_narrative():
    facts3 = _facts("003_91a4c20e6918bacb")
    assert [f.value for f in facts3["applications_received"]] == [43]
    assert [f.value for f in facts3["applications_answered"]] == [43]  # not 按期答复41件
    assert [f.value for f in facts3["items_proactively_published"]] == [5604]
    facts4 = _facts("004_4a8b712bfc0e61a8")
    assert [f.value for f in facts4["applications_received"]] == [1]


def test_to_json_dict_shape():
    d = seed_result("001_16a26869f300a3bd").to_json_dict()
    fact = next(f for f in d["narrative_facts"] if f["fact"] == "applications_received")
    assert fact["metrics"] == [{"table": "requests", "row": "new_received", "column": "total"}]
    assert d["outcome"] == "extracted" and d["template"] == "pre2019"
