"""The development corpus (every file of ../shared/corpus with a truth file, whatever its format):
identification, rejection of the letter, every 表三/表四 cell against its truth file."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from extractors import extract_file
from extractors.pipeline import SUPPORTED_SUFFIXES

from .conftest import CORPUS_DIR, cells_by_key


def _has_truth(path) -> bool:
    return (path.parent / f"{path.name.rsplit('.', 1)[0]}.truth.json").exists()


# The corpus grows between issues: the files are listed from the directory, never by hand.
ALL_FILES = tuple(sorted(p.name for p in CORPUS_DIR.iterdir()
                         if p.suffix in SUPPORTED_SUFFIXES and _has_truth(p))) if CORPUS_DIR.is_dir() else ()
CORPUS = tuple(name for name in ALL_FILES if not name.startswith("not-a-report"))


def test_the_corpus_is_there():
    # Listing from the directory must not turn a missing corpus into zero tests.
    assert CORPUS_DIR.is_dir(), f"{CORPUS_DIR} missing: set OGI_SHARED_DIR"
    assert len(ALL_FILES) >= 12 and {n.rsplit(".", 1)[1] for n in ALL_FILES} >= {"html", "txt", "md", "pdf"}


@lru_cache(maxsize=None)
def _result(name: str):
    path = CORPUS_DIR / name
    if not path.exists():
        pytest.fail(f"corpus file {path} missing: set OGI_SHARED_DIR")
    return extract_file(path)


def _truth(name: str) -> dict:
    stem = name.rsplit(".", 1)[0]
    return json.loads((CORPUS_DIR / f"{stem}.truth.json").read_text(encoding="utf-8"))


def test_letter_is_rejected():
    result = _result("not-a-report-pingtan-2014.html")
    assert result.outcome == "rejected"
    assert result.reason.startswith("not an annual report: title is a 函 (letter): "
                                    "'关于2014年政府信息公开工作要点落实情况的函'")


@pytest.mark.parametrize("name", CORPUS)
def test_identification(name):
    result, truth = _result(name), _truth(name)
    assert result.outcome == "extracted"
    assert (result.agency_name, result.report_year, result.template) == (
        truth["agency_name"], truth["report_year"], truth["template"])


@pytest.mark.parametrize("name", ["pingtan-zone-2022.html", "shuyang-fgj-2023.html"])
@pytest.mark.parametrize("table", ["requests", "review_litigation"])
def test_html_tables_equal_truth(name, table):
    cells = cells_by_key(_result(name), table)
    expected = {(r, c): v for r, cols in _truth(name)[table].items() for c, v in cols.items()}
    assert set(cells) == set(expected)
    for key, value in expected.items():
        assert cells[key].value == value, key
        assert (cells[key].semantic == "blank") == (value is None), key


def test_html_fee_decimal_and_publication_date():
    cells = cells_by_key(_result("pingtan-zone-2022.html"), "proactive")
    assert (cells[("admin_fees", "fee_amount")].value, cells[("admin_fees", "fee_amount")].unit) == (9116.36, "万元")
    assert _result("shuyang-fgj-2023.html").publication_date == "2024-01-17"  # not the 2025 crawl date


def test_pre2019_zero_applications_stated_in_words():
    facts = {f.fact: f.value for f in _result("pingtan-zone-2011.html").narrative_facts}
    assert facts["applications_received"] == 0
    assert facts["admin_review_total"] == 0


# ---------------------------------------------------------------- every corpus file against its truth

# county-2012.txt glues the old table's numbers ('条20263542' = 2026 | 3542). The 主动公开 row and its
# 网站公开 sub-row keep two readings each under the table's constraints (202 | 63542 with 179 | 53304 is
# as consistent as 2026 | 3542 with 1795 | 3304), so they are not emitted; every other row is.
AMBIGUOUS_GLUED = {"pingtan-county-2012.txt": {"table_active_disclosed_year", "table_active_disclosed_cumulative",
                                                "table_active_via_website_year",
                                                "table_active_via_website_cumulative"}}


@pytest.mark.parametrize("name", ALL_FILES)
def test_status_and_identification_equal_truth(name):
    result, truth = _result(name), _truth(name)
    expected_outcome = "rejected" if truth["expected_status"] == "rejected" else "extracted"
    assert result.outcome == expected_outcome, result.reason
    if expected_outcome == "rejected":
        assert result.reason.startswith("not an annual report")
        assert result.cells == []
        return
    assert (result.agency_name, result.report_year, result.template) == (
        truth["agency_name"], truth["report_year"], truth["template"])


@pytest.mark.parametrize("name", ALL_FILES)
@pytest.mark.parametrize("table", ["requests", "review_litigation"])
def test_every_table_cell_equals_truth(name, table):
    cells = cells_by_key(_result(name), table)
    truth = _truth(name)[table]
    if truth is None:
        assert cells == {}
        return
    expected = {(r, c): v for r, cols in truth.items() for c, v in cols.items()}
    assert set(cells) == set(expected)
    for key, value in expected.items():
        cell = cells[key]
        if value is None:
            assert (cell.semantic, cell.value) == ("blank", None), key
        else:
            assert (cell.semantic, cell.value, cell.unit) == ("number", value, "count"), key


@pytest.mark.parametrize("name", ["pingtan-county-2012.html", "pingtan-county-2012.txt", "pingtan-zone-2011.html",
                                  "pingtan-zone-2011.txt"])
def test_old_statistics_table_equals_truth(name):
    expected = {k: v for k, v in _truth(name)["narrative_facts"].items() if k.startswith("table_")}
    facts = [f for f in _result(name).narrative_facts if f.fact.startswith("table_")]
    got = {f.fact: f.value for f in facts}
    assert len(got) == len(facts), "a table fact is stated twice"
    ambiguous = AMBIGUOUS_GLUED.get(name, set())
    assert set(got) == set(expected) - ambiguous
    for fact, value in got.items():
        assert value == expected[fact], fact
    for fact in facts:
        assert fact.unit == "count" and fact.locator.line_start >= 1


def test_glued_old_table_rows_left_out_are_warned():
    warnings = _result("pingtan-county-2012.txt").warnings
    assert any("active_disclosed" in w and "'条20263542': 2 readings; not emitted" in w for w in warnings)
    assert any("active_via_website" in w and "not emitted" in w for w in warnings)


def test_old_table_year_values_state_their_metrics():
    facts = {f.fact: f for f in _result("pingtan-county-2012.html").narrative_facts}
    assert facts["table_requests_received_year"].metrics == (("requests", "new_received", "total"),)
    assert facts["table_admin_review_year"].metrics == (("review_litigation", "admin_review", "total"),)
    assert facts["table_requests_received_cumulative"].metrics == ()


def test_letter_numbers_are_not_read_as_statistics():
    result = _result("not-a-report-pingtan-2014.html")
    assert result.narrative_facts == [] and result.cells == []
