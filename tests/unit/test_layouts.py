"""One small inline fixture per table layout: the same 表三 rendered every way must read the same, and
what cannot be read without guessing is `unreadable`, never a wrong number."""

from __future__ import annotations

import pytest

from extractors import extract_bytes
from extractors.html_text import html_to_text
from extractors.normalise import normalise
from extractors.requests_table import short_row_placements
from extractors.segment import request_row_readings
from extractors.tables import parse_tables

from .conftest import cells_by_key

LABELS = [
    ("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "(一)予以公开"), ("partially_granted", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"),
    ("denied_state_secret", "1.属于国家秘密"), ("denied_law_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"), ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"), ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_file", "7.属于行政执法案卷"), ("denied_admin_query", "8.属于行政查询事项"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息"), ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"), ("not_processed_complaint", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", "2.重复申请"), ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_excessive", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", "3.其他"), ("total_processed", "(七)总计"), ("carried_forward", "四、结转下年度继续办理"),
]
GROUPS = {"granted": "三、本年度办理结果", "denied_state_secret": "(三)不予公开", "unavailable_not_held": "(四)无法提供",
          "not_processed_complaint": "(五)不予处理", "other_no_correction": "(六)其他处理"}
COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
           "legal_service_org", "other_org", "total")
HEADER = ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况", "自然人", "法人或其他组织",
          "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
LEAVES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _values(code: str) -> list[str]:
    """A consistent table: natural person 2·k, commercial 1 on some rows, total = the sum."""
    k = [c for c, _ in LABELS].index(code)
    row = [2 * k, k % 2, 0, 0, 0, 0]
    return [str(v) for v in (*row, sum(row))]


def _expected(blank_org: bool = False) -> dict:
    return {(code, col): (None if blank_org and col in COLUMNS[2:6] else float(v))
            for code, _ in LABELS for col, v in zip(COLUMNS, _values(code))}


def _read(lines: list[str]) -> dict:
    return cells_by_key(parse_tables(["三、收到和处理政府信息公开申请情况", *lines]), "requests")


def _assert_reads(cells: dict, expected: dict) -> None:
    assert set(cells) == set(expected)
    for key, value in expected.items():
        assert cells[key].value == value, (key, cells[key])
        assert cells[key].semantic == ("blank" if value is None else "number"), key


def _rows(render, group_cell=True) -> list[str]:
    lines = []
    for code, label in LABELS:
        cells = [GROUPS[code] + label] if code in GROUPS and not group_cell else [label]
        if code in GROUPS and group_cell:
            lines.append(render([GROUPS[code]]))
        lines.append(render([*cells, *_values(code)]))
    return lines


def test_pipe_rows_without_borders():
    lines = [" | ".join(HEADER[:2]), " | ".join(HEADER[2:5]), " | ".join(HEADER[5:]), *_rows(" | ".join)]
    _assert_reads(_read(lines), _expected())


def test_markdown_with_separator_and_br_in_header():
    md = ["| " + " | ".join(c.replace("自然人", "自然<br>人") for c in ["", *LEAVES]) + " |", "| --- " * 8 + "|",
          *_rows(lambda cells: "| " + " | ".join(cells) + " |")]
    _assert_reads(_read(md), _expected())


def test_tab_rows_keep_empty_cells():
    def render(cells):
        if len(cells) == 1:
            return cells[0]
        return "\t".join([cells[0], cells[1], cells[2], "", "", "", "", cells[7]])  # organisations blank
    text = "\n".join(["\t".join(["", *LEAVES]), *_rows(render)])
    lines = normalise(text, plain_text=True).split("\n")
    _assert_reads(_read(lines), _expected(blank_org=True) | {
        (code, "commercial_enterprise"): float(_values(code)[1]) for code, _ in LABELS})


def test_space_rows_with_labels_wrapped_above_and_below_the_values():
    lines = ["  ".join(HEADER[:2]), "  ".join(HEADER[2:5]), "  ".join(HEADER[5:])]
    for code, label in LABELS:
        printed = (GROUPS.get(code, "") + label)
        if len(printed) > 14:  # pdftotext wraps: the values sit on the first line, the label's rest below
            lines += ["  ".join([printed[:12], *_values(code)]), printed[12:]]
        else:
            lines.append("  ".join([printed, *_values(code)]))
    cells = _read(lines)
    _assert_reads(cells, _expected())


def test_pdf_markdown_label_wrapped_onto_the_values_line_and_lost_label():
    md = ["| " + " | ".join(LEAVES) + " |", "| --- | --- |"]
    for code, label in LABELS:
        label = GROUPS.get(code, "") + label if code != "partially_granted" else label
        if code == "partially_granted":  # the label's first half on a line of its own
            md += [f"| {label[:6]} |" + " |" * 7, f"| {label[6:]} | " + " | ".join(_values(code)) + " |"]
        elif code == "denied_law_prohibited":  # lost its label: one row left between its neighbours
            md.append("|  | " + " | ".join(_values(code)) + " |")
        else:
            md.append(f"| {label} | " + " | ".join(_values(code)) + " |")
    result = parse_tables(["三、收到和处理政府信息公开申请情况", *md])
    _assert_reads(cells_by_key(result, "requests"), _expected())
    assert any("read as denied_law_prohibited" in w for w in result.warnings)


def test_two_rows_without_labels_where_one_row_is_missing_are_unreadable():
    md = ["| " + " | ".join(LEAVES) + " |"]
    for code, label in LABELS:
        label = GROUPS.get(code, "") + label
        if code in ("denied_law_prohibited", "denied_security_stability"):
            md.append("|  | " + " | ".join(_values(code)) + " |")
        elif code == "denied_third_party":
            md.append("|  | " + " | ".join(_values(code)) + " |")
            md.append("|  | 9 | 0 | 0 | 0 | 0 | 0 | 9 |")  # a stray subtotal: four rows for three places
        else:
            md.append(f"| {label} | " + " | ".join(_values(code)) + " |")
    result = parse_tables(["三、收到和处理政府信息公开申请情况", *md])
    cells = cells_by_key(result, "requests")
    for code in ("denied_law_prohibited", "denied_security_stability", "denied_third_party"):
        assert {cells[(code, c)].semantic for c in COLUMNS} == {"unreadable"}
    assert cells[("denied_state_secret", "total")].value == float(_values("denied_state_secret")[-1])
    assert any("cannot be placed" in w for w in result.warnings)


def test_glued_rows_are_cut_only_when_one_reading_holds():
    lines = ["".join(HEADER[:2]), "".join(HEADER[2:5]), "".join(HEADER[5:])]
    for code, label in LABELS:
        digits = "".join(_values(code))
        if code == "granted":
            digits = "10100000101"  # several readings keep T3-ROW: unreadable
        lines.append((GROUPS.get(code, "") + label) + digits)
    result = parse_tables(["三、收到和处理政府信息公开申请情况", *lines])
    cells = cells_by_key(result, "requests")
    assert set(cells) == set(_expected())
    for code, _ in LABELS:
        digits = "10100000101" if code == "granted" else "".join(_values(code))
        unique = len(request_row_readings(digits, COLUMNS)) == 1
        for column, value in zip(COLUMNS, _values(code)):
            cell = cells[(code, column)]
            if unique:
                assert (cell.semantic, cell.value) == ("number", float(value)), (code, column)
            else:  # e.g. 101000011: 10|1|0|0|0|0|11 or 1|0|10|0|0|0|11
                assert (cell.semantic, cell.value, cell.raw) == ("unreadable", None, digits), (code, column)
    assert cells[("new_received", "total")].value == 0 and cells[("total_processed", "total")].value == 47
    assert any("'10100000101'" in w and "unreadable" in w for w in result.warnings)
    assert cells[("granted", "total")].note.startswith("glued row '10100000101': ")


def test_cell_per_line_blank_lines_are_empty_cells():
    text = ["\n".join(HEADER)]
    for code, label in LABELS:
        values = _values(code)
        text.append("\n".join([*([GROUPS[code]] if code in GROUPS else []), label, values[0], values[1],
                               "", "", "", "", values[6]]))
    lines = normalise("\n".join(text), plain_text=True).split("\n")
    _assert_reads(_read(lines), _expected(blank_org=True) | {
        (code, "commercial_enterprise"): float(_values(code)[1]) for code, _ in LABELS})


def test_short_row_placement_by_t3_row():
    # six values, one cell vanished: only 'total blank' keeps T3-ROW
    assert short_row_placements([5, 0, 0, 0, 0, 0], COLUMNS) == [(0, 1, 2, 3, 4, 5)]
    assert len(short_row_placements([0, 0, 0, 0, 0, 0], COLUMNS)) == 2  # ambiguous
    assert (0, 6) in short_row_placements([3, 3], COLUMNS, limit=50)  # …among others: ambiguous


HTML_HEAD = """<html><body><table><tr><td>名称</td><td colspan=3>某县2021年政府信息公开工作年度报告</td></tr>
<tr><td>发布机构</td><td>某县人民政府</td><td>公开日期</td><td>2022-01-20</td></tr></table>
<h1>某县2021年政府信息公开工作年度报告</h1><p>三、收到和处理政府信息公开申请情况</p>"""


def _html_table(rows: list[str], subtotal: bool = False, blank_total: bool = False) -> str:
    orgs = "".join(f"<td><p>{c[:2]}</p><p>{c[2:]}</p></td>" for c in LEAVES[1:6]) + ("<td>小计</td>" if subtotal else "")
    head = (f"<tr><td rowspan=3 colspan=3>(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)</td>"
            f"<td colspan={8 if subtotal else 7}>申请人情况</td></tr>"
            f"<tr><td rowspan=2>自然人</td><td colspan={6 if subtotal else 5}>法人或其他组织</td><td rowspan=2>总计</td></tr>"
            f"<tr>{orgs}</tr>")
    return "<table>" + head + "".join(rows) + "</table>"


def _html_rows(subtotal=False, blank_total=False, start=0, stop=None) -> list[str]:
    out = []
    for code, label in LABELS[start:stop]:
        values = _values(code)
        cells = values[:6] + ([str(sum(map(int, values[1:6])))] if subtotal else []) + ["&nbsp;" if blank_total else values[6]]
        tds = "".join(f"<td><span>&nbsp;{v}&nbsp;</span></td>" for v in cells)
        group = f"<td rowspan=2>{GROUPS[code]}</td>" if code in GROUPS else ""
        lead = f"<td colspan=3>{label}</td>" if code in ("new_received", "carried_over", "carried_forward") \
            else f"{group}<td colspan={3 if code in ('total_processed',) else 2 if not group else 2}>{label}</td>"
        out.append(f"<tr>{lead}{tds}</tr>")
    return out


def test_html_grid_with_spans_metadata_table_split_table_subtotal_and_blank_total():
    html = HTML_HEAD + _html_table(_html_rows(subtotal=True, blank_total=True, stop=10), subtotal=True) \
        + "<table>" + "".join(_html_rows(subtotal=True, blank_total=True, start=10)) + "</table></body></html>"
    result = extract_bytes(html.encode(), "split.html")
    cells = cells_by_key(result, "requests")
    assert len(cells) == 25 * 8
    for code, _ in LABELS:
        values = _values(code)
        assert [cells[(code, c)].value for c in COLUMNS[:6]] == [float(v) for v in values[:6]], code
        assert cells[(code, "subtotal_org")].value == sum(map(float, values[1:6]))
        assert (cells[(code, "total")].semantic, cells[(code, "total")].raw) == ("blank", "")
    assert result.publication_date == "2022-01-20"


def test_html_grid_lines_keep_positions():
    text = html_to_text("<table><tr><td rowspan=2 colspan=2>a</td><td>b</td></tr><tr><td></td></tr></table>")
    assert [line for line in text.split("\n") if line] == ["| a | ← | b |", "| ↑ | ↑ |  |"]


REVIEW = ["四、政府信息公开行政复议、行政诉讼情况"]


@pytest.mark.parametrize("data", [
    "| 1 | 0 | 0 | 0 | 1 | 0 | 2 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 |",
    "1\t0\t0\t0\t1\t0\t2\t0\t0\t2\t0\t0\t0\t0\t0",
    "100010200200000",  # glued: the three blocks' identities leave one reading
])
def test_review_table_layouts(data):
    header = ["| 行政复议 | ← | ← | ← | ← | 行政诉讼 | ← | ← | ← | ← | ← | ← | ← | ← | ← |",
              "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | ← | ← | ← | ← | 复议后起诉 | ← | ← | ← | ← |",
              "| ↑ | ↑ | ↑ | ↑ | ↑ | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |"]
    lines = normalise("\n".join([*REVIEW, *header, data]), plain_text=True).split("\n")
    cells = cells_by_key(parse_tables(lines), "review_litigation")
    assert cells[("admin_review", "upheld")].value == 1 and cells[("admin_review", "total")].value == 1
    assert cells[("litigation_direct", "corrected")].value == 2
    assert cells[("litigation_direct", "total")].value == 2
    assert {c.value for k, c in cells.items() if k[0] == "litigation_after_review"} == {0}


def test_review_header_out_of_template_order_is_followed():
    header = "| 复议后起诉 | ← | ← | ← | ← | 行政复议 | ← | ← | ← | ← | 未经复议直接起诉 | ← | ← | ← | ← |"
    leaves = "| " + " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + " |"
    data = "| 5 | 0 | 0 | 0 | 5 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |"
    cells = cells_by_key(parse_tables([*REVIEW, header, leaves, data]), "review_litigation")
    assert cells[("litigation_after_review", "total")].value == 5
    assert cells[("admin_review", "total")].value == 1


def test_proactive_markdown_with_repeated_merged_header_and_wrapped_item():
    lines = ["二、主动公开政府信息情况", "| 第二十条第(五)项 | 第二十条第(五)项 | 第二十条第(五)项 | 第二十条第(五)项 |",
             "| --- | --- | --- | --- |", "| 信息内容 | 上一年<br>项目数量 | 本年增/减 | 处理决定数量 |",
             "| 行政许可 | 0 | +172 | 5 |", "| 其他对外管理服务事项 |  |  |  |", "|  | 2568 | -1374 | 0 |",
             "| 第二十条第(八)项 | ← | ← | ← |", "| 信息内容 | 本年收费金额(单位:万元) | ← | ← |",
             "| 行政事业性收费 | 1,234.5 | ← | ← |"]
    cells = cells_by_key(parse_tables(lines), "proactive")
    assert cells[("admin_licensing", "change")].value == 172
    assert cells[("other_admin_services", "previous_year_count")].value == 2568
    assert cells[("other_admin_services", "change")].value == -1374
    assert (cells[("admin_fees", "fee_amount")].value, cells[("admin_fees", "fee_amount")].unit) == (1234.5, "万元")


def test_proactive_glued_rows_are_unreadable_not_guessed():
    lines = ["二、主动公开政府信息情况", "第二十条第(一)项", "信息内容本年制发件数本年废止件数现行有效件数", "规章7269517"]
    cells = cells_by_key(parse_tables(lines), "proactive")
    assert {(k, c.semantic, c.raw) for k, c in cells.items()} == {
        (("regulations", m), "unreadable", "7269517") for m in ("issued", "repealed", "in_force")}


REVIEW_LEAVES = ["行政复议 | 行政诉讼", "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉",
                 " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)]


def test_pipe_rows_whose_outer_cells_are_empty_keep_them():
    # Crawler text joins a row's cells with ' | ': a row whose first and last cells are empty looks
    # like a bordered Markdown row, but the table's other rows show the '|' have no borders.
    proactive = ["二、主动公开政府信息情况", "第二十条第(五)项", "信息内容 | 本年处理决定数量", "行政许可 | ",
                 "第二十条第(六)项", "信息内容 | 本年处理决定数量", "行政处罚 | 12", "行政强制 |  "]
    review = [*REVIEW, *REVIEW_LEAVES, " | ".join([""] * 15)]
    result = parse_tables(normalise("\n".join([*proactive, *review]), plain_text=True).split("\n"))
    proactive_cells = cells_by_key(result, "proactive")
    assert {k: c.semantic for k, c in proactive_cells.items()} == {
        ("admin_licensing", "decisions"): "blank", ("admin_penalty", "decisions"): "number",
        ("admin_coercion", "decisions"): "blank"}
    review_cells = cells_by_key(result, "review_litigation")
    assert len(review_cells) == 15 and {c.semantic for c in review_cells.values()} == {"blank"}


def test_markdown_rows_keep_their_borders():
    review = [*REVIEW, *("| " + line + " |" for line in REVIEW_LEAVES), "| " + " | ".join(["0"] * 14 + ["1"]) + " |"]
    cells = cells_by_key(parse_tables(review), "review_litigation")
    assert cells[("litigation_after_review", "total")].value == 1 and len(cells) == 15


def test_pdf_markdown_blank_row_with_label_wrapped_over_two_rows():
    # '二、上年结转' alone names nothing, '政府信息公开申请数量' alone looks like new_received: joined,
    # they name carried_over, a row of blank cells.
    md = ["| " + " | ".join(LEAVES) + " |", "| --- | --- |"]
    for code, label in LABELS:
        label = GROUPS.get(code, "") + label
        if code == "carried_over":
            md += ["| 二、上年结转 |" + "  |" * 7, "| 政府信息公开申请数量 |" + "  |" * 7]
        else:
            md.append(f"| {label} | " + " | ".join(_values(code)) + " |")
    cells = cells_by_key(parse_tables(["三、收到和处理政府信息公开申请情况", *md]), "requests")
    expected = _expected() | {("carried_over", c): None for c in COLUMNS}
    _assert_reads(cells, expected)


def _space_rows(drop: int) -> list[str]:
    """A space-separated table whose column `drop` is blank throughout (pdftotext drops it)."""
    lines = ["  ".join(HEADER[:2]), "  ".join(HEADER[2:5]), "  ".join(HEADER[5:])]
    for code, label in LABELS:
        values = _values(code)
        lines.append("  ".join([GROUPS.get(code, "") + label, *values[:drop], *values[drop + 1:]]))
    return lines


_FLOWING = {"new_received": [2, 1, 0, 0, 0, 0], "granted": [2, 1, 0, 0, 0, 0], "total_processed": [2, 1, 0, 0, 0, 0]}


def _flowing_values(code: str) -> list[str]:
    """A table whose column identities hold: 3 requests (2 natural persons, 1 enterprise), all granted."""
    row = _FLOWING.get(code, [0] * 6)
    return [str(v) for v in (*row, sum(row))]


def test_space_rows_with_the_total_blank_throughout():
    # Every row prints six values with the total left blank (pdftotext drops the empty column). A row
    # of zeros alone has seven placements that keep T3-ROW; the rows whose only placement leaves the
    # total blank agree, and the column identities hold over the rows so placed: read, with a note.
    lines = ["  ".join(HEADER[:2]), "  ".join(HEADER[2:5]), "  ".join(HEADER[5:])]
    lines += ["  ".join([GROUPS.get(code, "") + label, *_flowing_values(code)[:6]]) for code, label in LABELS]
    cells = _read(lines)
    expected = {(code, col): (None if col == "total" else float(v))
                for code, _ in LABELS for col, v in zip(COLUMNS, _flowing_values(code))}
    _assert_reads(cells, expected)
    assert "placed like the table's other short rows: total blank throughout" in cells[("carried_over", "total")].note


def test_space_rows_placed_like_others_are_unreadable_when_the_column_identities_fail():
    # The same pattern over values whose columns do not add up (T3-FLOW fails in several columns): the
    # pattern alone is no proof, so the rows placed by it are not read.
    cells = _read(_space_rows(drop=6))
    assert cells[("carried_over", "total")].semantic == "unreadable"
    assert "column identities" in cells[("carried_over", "total")].note


def test_space_rows_with_an_organisation_column_blank_throughout_are_unreadable():
    # A blank organisation column cannot be told from its neighbours: T3-ROW holds wherever the
    # values shift among the organisations.
    cells = _read(_space_rows(drop=3))
    assert {c.semantic for c in cells.values()} == {"unreadable"}
    assert all(c.note.startswith("row has 6 of 7 values and ") for c in cells.values())


# A consistent 2021 表三 (T3-FLOW, T3-RES and T3-ROW hold in every row and column).
CONSISTENT = {code: (0,) * 7 for code, _ in LABELS} | {
    "granted": (4, 1, 0, 0, 0, 0, 5), "partially_granted": (2, 0, 0, 0, 0, 0, 2),
    "denied_state_secret": (10, 1, 0, 0, 0, 0, 11), "unavailable_not_held": (3, 0, 1, 0, 0, 0, 4),
    "new_received": (19, 2, 1, 0, 0, 0, 22), "total_processed": (19, 2, 1, 0, 0, 0, 22)}


def test_glued_table_with_a_publisher_error_reads_the_error_as_printed():
    # Every row glued; denied_state_secret prints 12 for natural_person where the other rows say 10:
    # no cut of '121000011' keeps T3-ROW, but the column identities read it, and T3-RES then shows the
    # publisher's slip as printed.
    printed = CONSISTENT | {"denied_state_secret": (12, 1, 0, 0, 0, 0, 11)}
    lines = ["".join(HEADER[:2]), "".join(HEADER[2:5]), "".join(HEADER[5:])]
    lines += [GROUPS.get(code, "") + label + "".join(map(str, printed[code])) for code, label in LABELS]
    cells = _read(lines)
    assert request_row_readings("121000011", COLUMNS) == []
    _assert_reads(cells, {(code, c): float(v) for code, values in printed.items() for c, v in zip(COLUMNS, values)})
    assert cells[("denied_state_secret", "natural_person")].note.endswith(
        "disagrees with the column identities: printed as such")
    assert cells[("denied_state_secret", "total")].note.startswith("cut from glued digits '121000011'")


def test_glued_review_table_with_a_slip_in_one_block():
    # admin_review prints total 7 for 2+1+3+0: no cut keeps every block's total; one keeps the others.
    lines = normalise("\n".join([*REVIEW, *(line.replace(" | ", "") for line in REVIEW_LEAVES), "2130705551500000"]),
                      plain_text=True).split("\n")
    cells = cells_by_key(parse_tables(lines), "review_litigation")
    assert [cells[("admin_review", o)].value for o in ("upheld", "corrected", "other", "pending", "total")] == [
        2, 1, 3, 0, 7]
    assert cells[("litigation_direct", "total")].value == 15
    assert "admin_review not adding up" in cells[("admin_review", "total")].note


def test_a_row_not_printed_is_flagged_not_missing():
    lines = ["| " + " | ".join(LEAVES) + " |"]
    lines += [f"| {GROUPS.get(code, '')}{label} | " + " | ".join(_values(code)) + " |"
              for code, label in LABELS if code != "not_processed_duplicate"]
    result = parse_tables(["三、收到和处理政府信息公开申请情况", *lines])
    cells = cells_by_key(result, "requests")
    assert len(cells) == 25 * 7
    assert {(cells[("not_processed_duplicate", c)].semantic, cells[("not_processed_duplicate", c)].note)
            for c in COLUMNS} == {("unreadable", "row not found in the printed table")}
    assert any("not_processed_duplicate not found" in w for w in result.warnings)
