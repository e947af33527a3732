"""The development corpus (HTML pages, next issue's scope): identification, rejection of the letter,
and the 表三/表四 of the two 2021-template HTML reports against their truth files."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from extractors import extract_file

from .conftest import CORPUS_DIR, cells_by_key

CORPUS = ("pingtan-county-2012.html", "pingtan-county-2012.txt", "pingtan-zone-2011.html", "pingtan-zone-2011.txt",
          "pingtan-zone-2022.html", "shuyang-fgj-2023.html")


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
