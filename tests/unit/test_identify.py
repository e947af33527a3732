from __future__ import annotations

import pytest

from extractors.identify import (Title, agency_from_title, find_report_title, is_report_title, publication_date,
                                 rejection_reason, report_year)


@pytest.mark.parametrize("title,agency", [
    ("阳江市人民政府2019年政府信息公开工作年度报告", "阳江市人民政府"),
    ("2019年度于洪区人民政府信息公开工作报告", "于洪区人民政府"),
    ("广州市花都区狮岭镇政府信息公开工作2020年度报告", "广州市花都区狮岭镇人民政府"),
    ("大同市人民政府办公室2024年政府信息公开工作年度报告", "大同市人民政府办公室"),
    ("河池市2018年政府信息公开工作年度报告", "河池市人民政府"),
    ("沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局", "沭阳县发展和改革局"),
    ("平潭综合实验区2011年政府信息公开工作年度报告", "平潭综合实验区"),
    ("标题: 平潭县人民政府2012年政府信息公开工作年度报告", "平潭县人民政府"),
    ("某某街道2020年政府信息公开工作年度报告", "某某街道办事处"),
    ("二〇一二年度某县政府信息公开工作年度报告", "某县人民政府"),
])
def test_agency_from_title(title, agency):
    assert agency_from_title(title) == agency


@pytest.mark.parametrize("line,expected", [
    ("阳江市人民政府2019年政府信息公开工作年度报告", True),
    ("2019年度于洪区人民政府信息公开工作报告", True),
    ("关于2014年政府信息公开工作要点落实情况的函", False),
    ("政府信息公开年报", False),  # a site column name: no year
    ("根据《关于做好2019年政府信息公开工作年度报告的通知》要求", False),
])
def test_is_report_title(line, expected):
    assert is_report_title(line) is expected


def test_html_title_fallback_splits_site_suffix():
    assert find_report_title(["正文"], "某县2020年政府信息公开工作年度报告_某县人民政府") == Title(
        "某县2020年政府信息公开工作年度报告", 0)
    assert find_report_title(["正文"], "关于2014年政府信息公开工作要点落实情况的函_政府信息公开年报") is None


def test_report_year_is_statistics_year():
    assert report_year(Title("广州市花都区狮岭镇政府信息公开工作2020年度报告", 1), [], "2021-01-21") == 2020
    lines = ["某局政府信息公开工作年度报告", "本年度报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。"]
    assert report_year(None, lines, None) == 2024
    assert report_year(None, ["无年份"], "2021-03-01") == 2020


def test_publication_date_forms():
    assert publication_date(["标题2020年度报告", "", "发布日期:2021-01-21 15:24 文章来源:本网"], None, 2020) == "2021-01-21"
    assert publication_date(["2019年度某区报告", "2020年03月23日来源:1"], Title("2019年度某区报告", 1), 2019) == "2020-03-23"
    signature = ["某县2011年报告", "正文", "平潭综合实验区管委会办公室", "二○一二年二月二十日"]
    assert publication_date(signature, Title("某县2011年报告", 1), 2011) == "2012-02-20"
    # a date inside the statistics year's prose is not a publication date when it precedes the year
    assert publication_date(["报告", "2017年5月1日召开会议"], Title("报告", 1), 2018) is None


LETTER = ["首页", "关于2014年政府信息公开工作要点落实情况的函", "省政府办公厅:", "现将我区主动公开、依申请公开、复议诉讼情况函告如下。"]


def test_letter_is_rejected_with_its_kind():
    reason = rejection_reason(LETTER, find_report_title(LETTER), has_tables=False)
    assert reason.startswith("not an annual report: title is a 函 (letter): '关于2014年政府信息公开工作要点落实情况的函'")


def test_page_without_title_or_tables_is_rejected():
    lines = ["今天天气很好", "我们去公园散步"]
    assert "no 政府信息公开工作年度报告 title" in rejection_reason(lines, None, has_tables=False)


def test_list_page_with_only_titles_is_rejected():
    lines = [f"某县{y}年政府信息公开工作年度报告" for y in range(2015, 2024)]
    reason = rejection_reason(lines, find_report_title(lines), has_tables=False)
    assert "no report content" in reason


def test_tables_make_a_report_even_without_title():
    assert rejection_reason(["申请人情况"], None, has_tables=True) is None


def test_title_from_file_name_is_the_last_resort():
    from extractors.identify import title_from_file_name
    name = "沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局_2025-12-30.html"
    title = title_from_file_name(name)
    assert title == Title("沭阳县发展和改革局2023年政府信息公开年度报告", 0)
    assert agency_from_title(title.text) == "沭阳县发展和改革局"
    assert title_from_file_name("page.html") is None


@pytest.mark.parametrize("title,agency", [
    ("# 2022年度江城区东湖街道办事处政府信息公开工作年度报告", "江城区东湖街道办事处"),
    ("**某县2020年政府信息公开工作年度报告**", "某县人民政府"),
])
def test_markdown_title_marks_are_not_part_of_the_agency(title, agency):
    assert agency_from_title(title) == agency


def test_full_agency_name_from_signature():
    from extractors.identify import full_agency_name
    lines = ["于洪区政府信息公开工作2019年度报告", "正文", "沈阳市于洪区人民政府", "2020年1月20日"]
    assert full_agency_name("于洪区人民政府", lines) == "沈阳市于洪区人民政府"
    assert full_agency_name("于洪区人民政府", ["于洪区人民政府"]) == "于洪区人民政府"
    assert full_agency_name("阳江市人民政府", ["阳江市人民政府办公室"]) == "阳江市人民政府"


# ---------------------------------------------------------------- identification from the whole document

def test_title_wrapped_over_two_lines_with_the_agency_above():
    # huaian-city-2024 (PDF text layer): the agency on its own line above a title without one.
    title = find_report_title(["淮安市人民政府", "2024 年政府信息公开工作年度报告", "本报告由淮安市人民政府办公室根据…"])
    assert agency_from_title(title.text) == "淮安市人民政府"


def test_title_wrapped_inside_its_words():
    # shanghai-office-2025.md: '2025 年上海市人民政府办公厅政府信息公开' / '工作年度报告'
    title = find_report_title(["正文", "2025 年上海市人民政府办公厅政府信息公开", "工作年度报告", "本年度报告根据…"])
    assert agency_from_title(title.text) == "上海市人民政府办公厅"
    assert report_year(title, [], None) == 2025


def test_agency_from_the_signature_when_the_title_names_none():
    from extractors.identify import agency_from_body
    lines = ["2024 年政府信息公开工作年度报告", "一、总体情况", "……", "某某县人民政府办公室", "2025 年 1 月 20 日"]
    assert agency_from_body(lines) == ("某某县人民政府办公室", "signature")


def test_agency_from_the_source_line():
    from extractors.identify import agency_from_body
    lines = ["标题: 2024年政府信息公开工作年度报告", "来源：某某市生态环境局", "一、总体情况", "正文……" * 3]
    assert agency_from_body(lines) == ("某某市生态环境局", "来源 line")


def test_the_blank_national_form_is_rejected_as_not_a_report():
    lines = ["中华人民共和国政府信息公开工作年度报告格式模板", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"]
    reason = rejection_reason(lines, None, has_tables=True, has_numbers=False)
    assert reason.startswith("not an annual report:") and "blank national form" in reason
    # The same title over tables that print numbers is a report (some bodies keep the word 格式).
    assert rejection_reason(lines, None, has_tables=True, has_numbers=True) is None
