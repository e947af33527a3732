from __future__ import annotations

import pytest

from extractors.labels import (clean_label, match_group_heading, match_proactive_item, match_proactive_measure,
                               match_request_row)


@pytest.mark.parametrize("printed,cleaned", [
    ("3.危及“三安全一稳定”", "危及三安全一稳定"),
    ("(三)不予公开", "不予公开"),
    ("一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"),
    ("商业 企业", "商业企业"),
    ("(七)总计", "总计"),
    ("本年增/减", "本年增减"),
])
def test_clean_label_strips_numbering_and_punctuation(printed, cleaned):
    assert clean_label(printed) == cleaned


@pytest.mark.parametrize("printed,code", [
    ("3.危机“三安全一稳定”", "denied_security_stability"),  # typo 危机 for 危及
    ("7.属于行政法案卷", "denied_enforcement_file"),
    ("一、本年新收到政府信息公开申请数量", "new_received"),
    ("二、上年结转政府信息公开数量", "carried_over"),
    ("2.没有现成信息需另行制作", "unavailable_needs_creation"),
    ("4.无正当理由大量反覆申请", "not_processed_excessive"),  # one character off, not a catalogue variant
    ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "partially_granted"),
    ("(七)总计", "total_processed"),
    ("四、结转下年度继续办理", "carried_forward"),
])
def test_request_rows_match_with_typos(printed, code):
    match = match_request_row(printed)
    assert match.code == code
    assert match.score >= 0.8


def test_short_generic_label_needs_its_group():
    assert match_request_row("3.其他").code is None
    assert match_request_row("3.其他", "其他处理").code == "other_other"
    assert match_request_row("(六)其他处理").code == "other_total"
    assert match_group_heading("(六)其他处理").code == "其他处理"
    assert match_group_heading("三、本年度办理结果").code == "本年度办理结果"


def test_unrelated_labels_do_not_match():
    for label in ("自然人", "申请人情况", "行政复议", "今年收到的表扬信"):
        assert match_request_row(label).code is None, label


def test_proactive_labels():
    assert match_proactive_item("规范性文件").code == "normative_documents"
    assert match_proactive_item("行政规范性文件").code == "normative_documents"
    assert match_proactive_item("其他对外管理服务事项").code == "other_admin_services"
    assert match_proactive_measure("本年收费金额(单位:万元)").code == "fee_amount"
    assert match_proactive_measure("本年处理决定数量").code == "decisions"
    assert match_proactive_measure("本年新").code is None  # a fragment alone is ambiguous


@pytest.mark.parametrize("printed,code", [
    ("1.屬於國家秘密", "denied_state_secret"),  # traditional label in an otherwise simplified page
    ("本年新收政府資訊公開申請數量", "new_received"),  # Taiwan phrase 資訊 for 信息
    ("(三)不予公开1.属于国家秘密", "denied_state_secret"),  # group heading printed in the same cell
    ("三、本年度办理结果(一)予以公开", "granted"),
    ("(六)其他处理3.其他", "other_other"),
])
def test_traditional_and_glued_group_labels(printed, code):
    assert match_request_row(printed).code == code


def test_column_labels():
    from extractors.labels import match_applicant, match_old_statistic, match_review_outcome, match_review_proceeding
    assert match_applicant("商业 企业").code == "commercial_enterprise"
    assert match_applicant("其他").code == "other_org" and match_applicant("合计").code == "total"
    assert match_review_outcome("结果").code is None  # truncated: 结果维持 or 结果纠正?
    assert match_review_proceeding("未经复议直接起诉").code == "litigation_direct"
    assert match_old_statistic("其中:1.网站公开").code == "active_via_website"
