from __future__ import annotations

from collections import Counter

import pytest

from extractors import catalogue
from extractors.tables import (find_regions, line_cells, merge_header, parse_proactive, parse_requests,
                               parse_review, parse_tables, request_columns, tokenise)

ROW_VALUES_2019 = [
    ("一、本年新收政府信息公开申请数量", "5"), ("二、上年结转政府信息公开申请数量", "1"), ("三、本年度办理结果", None),
    ("(一)予以公开", "3"), ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "0"), ("(三)不予公开", None),
    ("1.属于国家秘密", "0"), ("2.其他法律行政法规禁止公开", "0"), ("3.危及“三安全一稳定”", "0"),
    ("4.保护第三方合法权益", "0"), ("5.属于三类内部事务信息", "0"), ("6.属于四类过程性信息", "0"),
    ("7.属于行政执法案卷", "0"), ("8.属于行政查询事项", "0"), ("(四)无法提供", None),
    ("1.本机关不掌握相关政府信息", "2"), ("2.没有现成信息需要另行制作", "0"), ("3.补正后申请内容仍不明确", "0"),
    ("(五)不予处理", None), ("1.信访举报投诉类申请", "0"), ("2.重复申请", "0"), ("3.要求提供公开出版物", "0"),
    ("4.无正当理由大量反复申请", "0"), ("5.要求行政机关确认或重新出具已获取信息", "0"),
]
HEADER = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def _table_lines(rows, other_rows, ncols=7, header=HEADER):
    lines = ["三、收到和处理政府信息公开申请情况", *header]
    for label, value in [*rows, *other_rows, ("(七)总计", "6"), ("四、结转下年度继续办理", "0")]:
        lines.append(label)
        if value is not None:
            lines.extend([value] + ["0"] * (ncols - 2) + [value])
    return lines


def _requests(lines):
    return parse_requests(tokenise(lines, 1, len(lines)))


@pytest.mark.parametrize("line,cells", [
    ("0 |", ["0"]),
    ("|", [""]),
    ("||", []),
    ("|||||", []),
    ("行政规范性文件 | | 0 | 41", ["行政规范性文件", "", "0", "41"]),
    ("| a | b |", ["a", "b"]),
    ("规章", ["规章"]),
])
def test_line_cells(line, cells):
    assert line_cells(line) == cells


def test_tokenise_skips_blank_lines_and_keeps_line_numbers():
    tokens = tokenise(["规章", "", "0 |", "||", "|", "41"], 0, 6)
    assert [(t.text, t.line, t.is_value) for t in tokens] == [
        ("规章", 1, False), ("0", 3, True), ("", 5, True), ("41", 6, True)]


def test_2019_requests_table_single_other_row():
    lines = _table_lines(ROW_VALUES_2019, [("(六)其他处理", "1")])
    result = _requests(lines)
    assert result.warnings == []
    assert result.template_hint == "2019"
    rows = Counter(c.row for c in result.cells)
    assert len(rows) == 23 and set(rows.values()) == {7}
    cell = next(c for c in result.cells if c.row == "other_total" and c.column == "total")
    assert cell.value == 1 and lines[cell.locator.line_start - 1] == "1"


def test_2021_requests_table_three_other_rows():
    other = [("(六)其他处理", None), ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "0"),
             ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0"), ("3.其他", "1")]
    result = _requests(_table_lines(ROW_VALUES_2019, other))
    assert result.warnings == []
    assert result.template_hint == "2021"
    rows = {c.row for c in result.cells}
    assert len(rows) == 25 and "other_total" not in rows
    assert {c.value for c in result.cells if c.row == "other_other" and c.column in ("natural_person", "total")} == {1}


def test_unknown_row_label_warns_and_is_not_dropped_silently():
    rows = [*ROW_VALUES_2019[:4], ("(一点五)被外星人带走", "9"), *ROW_VALUES_2019[4:]]
    result = _requests(_table_lines(rows, [("(六)其他处理", "0")]))
    assert len(result.warnings) == 1
    assert "unknown row label '(一点五)被外星人带走'" in result.warnings[0]
    assert 9 not in {c.value for c in result.cells}


def test_short_row_is_flagged_not_guessed():
    # 3 values for 7 columns: which four cells vanished? T3-ROW allows several placements (1 | 2 in
    # any organisation column | 3), so the row is unreadable rather than read left to right.
    lines = ["申请人情况", "一、本年新收政府信息公开申请数量", "1", "2", "3", "二、上年结转政府信息公开申请数量",
             *["0"] * 7]
    result = _requests(lines)
    assert any("has 3 of 7 values" in w for w in result.warnings)
    cells = [c for c in result.cells if c.row == "new_received"]
    assert len(cells) == 7 and {c.semantic for c in cells} == {"unreadable"}
    assert {c.raw for c in cells} == {"1 2 3"}
    assert {c.value for c in result.cells if c.row == "carried_over"} == {0}


def test_subtotal_column_is_kept_when_printed():
    header = [*HEADER, "小计"]
    assert request_columns(tokenise(header, 0, len(header)))[-2:] == ("subtotal_org", "total")
    result = _requests(_table_lines(ROW_VALUES_2019, [("(六)其他处理", "0")], ncols=8, header=header))
    assert result.warnings == []
    assert Counter(c.column for c in result.cells)["subtotal_org"] == 23


def test_split_row_label_is_joined():
    lines = ["申请人情况", "一、本年新收政府信息", "公开申请数量", *["4"] * 7]
    result = _requests(lines)
    assert {c.row for c in result.cells} == {"new_received"}
    assert result.cells[0].row_label == "一、本年新收政府信息公开申请数量"


def test_review_table_fifteen_values_in_template_order():
    header = ["行政复议", "行政诉讼", "结果维持", "结果", "其他", "尚未", "总计", "未经复议直接起诉", "复议后起诉"]
    values = [str(v) for v in range(15)]
    result = parse_review(tokenise([*header, *values], 0, 24))
    assert result.warnings == []
    got = {(c.row, c.column): c.value for c in result.cells}
    assert got[("admin_review", "upheld")] == 0
    assert got[("litigation_direct", "upheld")] == 5
    assert got[("litigation_after_review", "total")] == 14


def test_review_table_with_wrong_count_is_not_guessed():
    result = parse_review(tokenise(["行政复议", *["1"] * 14], 0, 15))
    assert len(result.cells) == 15 and {c.semantic for c in result.cells} == {"unreadable"}
    assert {c.note for c in result.cells} == {"table prints 14 values for 15 columns"}
    assert "prints 14 values for 15 columns" in result.warnings[0]


def test_merge_header_joins_split_fragments():
    merged = merge_header(["本年新", "制作数量", "本年新", "公开数量", "对外公开", "数量"])
    assert [code for code, _ in merged] == ["new_made", "new_published", "total_published"]
    assert merge_header(["上一年项目数量", "本年增/减", "处理决定数量"]) == [
        ("previous_year_count", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")]


def test_proactive_block_with_blank_cell_and_fee_unit():
    lines = ["第二十条第(一)项 |", "|||", "信息内容 |", "本年制发件数 |", "本年废止件数 |", "现行有效件数 |",
             "行政规范性文件 |", "|", "0 |", "41 |", "第二十条第(八)项 |", "信息内容 |", "本年收费金额(单位:万元) |",
             "||", "行政事业性收费 |", "9116.36 |"]
    result = parse_proactive(tokenise(lines, 0, len(lines)))
    assert result.warnings == [] and result.template_hint == "2021"
    got = {(c.row, c.column): (c.value, c.unit, c.semantic) for c in result.cells}
    assert got == {("normative_documents", "issued"): (None, None, "blank"),
                   ("normative_documents", "repealed"): (0, "count", "number"),
                   ("normative_documents", "in_force"): (41, "count", "number"),
                   ("admin_fees", "fee_amount"): (9116.36, "万元", "number")}


def test_unknown_proactive_item_warns():
    lines = ["第二十条第(五)项", "信息内容", "处理决定数量", "行政奖励的神秘事项", "3"]
    result = parse_proactive(tokenise(lines, 0, len(lines)))
    assert result.cells == []
    assert "unknown item label" in result.warnings[0]


def test_prose_mention_is_not_a_table_heading():
    lines = ["本报告由总体情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况等组成,涵盖全年工作。",
             "三、收到和处理政府信息公开申请情况", "申请人情况"]
    assert find_regions(lines) == {"requests": (2, 3)}


def test_no_tables_in_prose_only_text():
    result = parse_tables(["一、总体情况", "2018年,我市共收到申请19件。"])
    assert (result.cells, result.warnings, result.template_hint) == ([], [], None)


def test_catalogue_codes_cover_template_rows():
    # Guards the test fixtures above against catalogue drift.
    assert len([m for m in catalogue.REQUEST_METRICS if "2019" in m.templates]) == 23
    assert len([m for m in catalogue.REQUEST_METRICS if "2021" in m.templates]) == 25


def test_review_section_in_prose_is_silent_but_empty_table_warns():
    assert parse_review(tokenise(["全年无行政复议、行政诉讼。"], 0, 1)).warnings == []
    headers = ["行政复议", "结果维持", "结果纠正", "尚未审结", "总计"]
    result = parse_review(tokenise(headers, 0, 5))
    assert result.warnings == ["review_litigation: table at line 4 prints its headers but no values; "
                               "its cells are marked unreadable"]
    assert len(result.cells) == 15 and {(c.semantic, c.note) for c in result.cells} == {
        ("unreadable", "table prints its headers but no values")}


def test_html_header_cells_with_empty_neighbours_are_not_rows():
    lines = ["申请人情况 |", "|", "|", "自然人 |", "|", "一、本年新收政府信息公开申请数量 |", *["1 |"] * 7]
    result = _requests(lines)
    assert result.warnings == []
    assert {c.row for c in result.cells} == {"new_received"}
