from __future__ import annotations

import pytest

from extractors.narrative import FACT_CODES, extract_facts
from extractors.numerals import parse_chinese_int, parse_number


@pytest.mark.parametrize("text,value", [
    ("零", 0), ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105),
    ("三万二千", 32000), ("二○一二", 2012), ("二〇一九", 2019),
])
def test_chinese_numerals(text, value):
    assert parse_chinese_int(text) == value


def test_non_numerals():
    assert parse_chinese_int("一是") is None
    assert parse_chinese_int("") is None
    assert parse_number("12.5") == 12.5


def _facts(text: str, template: str = "2019") -> list[tuple[str, float]]:
    return [(f.fact, f.value) for f in extract_facts(text.split("\n"), template)]


def test_chinese_numerals_in_prose():
    assert _facts("本年度共收到政府信息公开申请十二件。") == [("applications_received", 12)]
    assert _facts("本机关发生行政复议两起,维持一起,纠正一起。") == [
        ("admin_review_total", 2), ("admin_review_upheld", 1), ("admin_review_corrected", 1)]


def test_zero_statements():
    assert _facts("2011年全区未收到有关政府信息公开的申请,未收到有关政府信息公开行政复议申请。") == [
        ("applications_received", 0), ("admin_review_total", 0)]
    assert _facts("本年度行政诉讼0件。") == [("litigation_total", 0)]


def test_approximate_numbers_are_not_facts():
    assert _facts("全市主动公开政府信息约5000条,依申请公开5300余条。") == []


def test_non_request_counts_are_ignored():
    assert _facts("市网络问政平台共收到网民留言18420件,投诉回复选登45条。") == []
    assert _facts("受理行政审批申请121510件。") == []


def test_answered_excludes_sub_counts():
    assert _facts("答复43件,按期答复41件,延期2件。") == [("applications_answered", 43)]


def test_metrics_depend_on_template():
    pre = extract_facts(["全年共收到政府信息公开申请7件,行政复议1件,无行政诉讼情况。"], "pre2019")
    got = {f.fact: f.metrics for f in pre}
    assert got["applications_received"] == (("requests", "new_received", "total"),)
    assert got["admin_review_total"] == (("review_litigation", "admin_review", "total"),)
    assert set(got["litigation_total"]) == {("review_litigation", "litigation_direct", "total"),
                                            ("review_litigation", "litigation_after_review", "total")}
    post = {f.fact: f.metrics for f in extract_facts(["全年共收到政府信息公开申请7件。"], "2021")}
    assert post["applications_received"] == ()


def test_fact_codes_are_documented_set():
    for code in ("applications_received", "applications_carried_over", "applications_answered",
                 "applications_carried_forward", "admin_review_total", "admin_review_upheld",
                 "admin_review_corrected", "admin_review_other", "admin_review_pending", "litigation_total",
                 "review_litigation_total", "review_litigation_pending", "items_proactively_published"):
        assert code in FACT_CODES
