"""Layouts copied from real files nobody here wrote a reader for (../shared/corpus), studied one by one.

- one_line_page (pingtan-zone-2019.txt, pingtan-zone-2023.txt): an archiver's innerText. A key: value
  header, a `=== 正文 ===` rule, then the whole body on ONE line: headings after a space, prose, every
  table row's label and cells glued with no separator, 表四's header labels then its 15 digits in one run;
  in 2019-style captures some `&nbsp;` survive as single spaces at cell boundaries (`23 0 00 0 023`).
- pdf_text_layer (huaian-city-2024.txt, pdfplumber `extract_text()` of a WPS export): prose wrapped at a
  fixed width, `- N -` page numbers between lines, the title over two lines (agency / year + title), 表三
  header labels split inside their cells over several lines, long row labels wrapped *around* their number
  row (head / numbers / tail), the vertical group label 三、本年度办理结果 one character per line between
  rows, `（三）不` before a sub-row and `予公开` on a line of its own, 表四's header over five lines above one
  line of 15 numbers; cells apart by one space, blank cells gone.
- pdf_markdown_pieces (shanghai-office-2025.md, a PDF→Markdown conversion): 表三's header as loose
  lines, a header row of five cells over rows of seven numbers, the table cut into pieces, rows with an
  extra group-label cell or a trailing empty cell, long labels printed outside the table above a row of
  values that lost its label; 表四's mangled header above one row of 15 numbers.
These imitate the files, not the parsers: the readers never saw them when they were written.
"""

from __future__ import annotations

import random

from .document import Document
from .printed import PrintedTable


def _cell_text(cell) -> str:
    return "".join(cell.lines())


# ----------------------------------------------------------------------------- one line page

def _glued_table(table: PrintedTable, rng: random.Random, stray_spaces: bool) -> str:
    out: list[str] = []
    for row in table.rows:
        for cell in row:
            text = _cell_text(cell)
            if cell.role == "value" and stray_spaces and out and rng.random() < 0.2:
                out.append(" ")  # a surviving &nbsp; at a cell boundary, never inside a number
            out.append(text)
    return (table.caption or "") + "".join(out)


def one_line_page(doc: Document, rng: random.Random, charset: str) -> str:
    hour, minute = rng.randint(8, 18), rng.randint(0, 59)
    header = [f"标题: {doc.title}", f"发布时间: {doc.published} {hour:02d}:{minute:02d}", "文号: ",
              f"发布机构: {doc.agency}", "栏目: 政府信息公开年报",
              f"原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/{doc.published[:7].replace('-', '')}/t{rng.randint(10**7, 10**8)}.htm",
              "页面链接与图片详见 links.tsv(同目录)", "==================== 正文 ===================="]
    stray = rng.random() < 0.5
    body: list[str] = [doc.preamble]
    for section in doc.sections:
        body.append(" " + section.heading)
        body += section.paragraphs
        body += [_glued_table(t, rng, stray) for t in section.tables]
    body.append(f"{doc.agency}{doc.signed()}" if rng.random() < 0.5 else "")
    return "\n".join(header) + "\n" + "".join(body) + "\n"


# ----------------------------------------------------------------------------- PDF text layer

_PAGE_LINES = 34  # lines per page before a `- N -` footer
_WIDTH = 30  # characters of prose per PDF line


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _values(row) -> list[str]:
    return [c.text for c in row if c.role == "value" and c.text]


def _requests_lines(table: PrintedTable, rng: random.Random) -> list[str]:
    lines = ["申请人情况", "（本列数据的勾稽关系为：第一项加第二项之和， 法人或其他组织", "等于第三项加第四项之和）",
             "自然人 总计"]
    header_cells = [_cell_text(c) for row in table.rows[:table.header_rows] for c in row if c.role == "header"]
    organisations = [h for h in header_cells if h not in ("申请人情况", "自然人", "总计", "法人或其他组织")]
    heads = [h[:3] if len(h) > 3 else h for h in organisations]  # 商业企 / 业: labels wrap inside their cells
    tails = [h[3:] for h in organisations if len(h) > 3]
    lines += [" ".join(heads), " ".join(tails)] if tails else [" ".join(heads)]
    vertical: list[str] = []  # characters of a rowspan group label still to print, one per line
    for row in table.rows[table.header_rows:]:
        labels = [c for c in row if c.role != "value"]
        values = " ".join(_values(row))
        for cell in labels[:-1]:  # outer group cells of this row
            text = _cell_text(cell)
            if cell.rowspan > 3:
                vertical = [text[:2], *text[2:]]  # 三、 / 本 / 年 …: printed down its merged cell
            elif cell.rowspan > 1:
                lines.append(text[:4])  # （三）不 / 予公开: a narrow merged cell wraps its label
                if len(text) > 4:
                    lines.append(text[4:])
        if vertical:
            lines.append(vertical.pop(0))
        label = _cell_text(labels[-1]) if labels else ""
        if not values:
            lines.append(label)
            continue
        if len(label) > 18:  # a long label wraps around its own number row (head / numbers / tail)
            cut = rng.randint(12, 17)
            if rng.random() < 0.5:
                lines += [label[:cut], values, label[cut:]]
            else:
                lines += [f"{label[:cut]} {values}", label[cut:]]
        else:
            lines.append(f"{label} {values}")
    if vertical:
        lines.append("".join(vertical))
    return lines


def _review_lines(table: PrintedTable) -> list[str]:
    values = [c.text for row in table.rows for c in row if c.role == "value" and c.text]
    return ["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉", "结果 结果 其他结 尚未", "总计",
            "结 果 结果 其他 尚未 结果 结果 其他 尚未审", "维持 纠正 果 审结", "总计 总计",
            "维持 纠正 结果 审结 维持 纠正 结果 结", " ".join(values)]


def _proactive_lines(table: PrintedTable) -> list[str]:
    lines = [table.caption] if table.caption else []
    for row in table.rows:
        texts = [_cell_text(c) for c in row if _cell_text(c)]
        if texts:
            lines.append(" ".join(texts))
    return lines


def pdf_text_layer(doc: Document, rng: random.Random, charset: str) -> str:
    lines: list[str] = []
    agency_line = rng.random() < 0.6 and doc.title.startswith(doc.agency)
    if agency_line:
        lines += [doc.agency, doc.title[len(doc.agency):]]
    else:
        lines += _wrap(doc.title, 24)
    lines += _wrap(doc.preamble, _WIDTH)
    for section in doc.sections:
        lines.append(section.heading)
        for paragraph in section.paragraphs:
            lines += _wrap(paragraph, _WIDTH)
        for table in section.tables:
            if table.table == "requests":
                lines += _requests_lines(table, rng)
            elif table.table == "review_litigation":
                lines += _review_lines(table)
            else:
                lines += _proactive_lines(table)
    lines += [doc.agency, doc.signed()]
    paged: list[str] = []
    for n, line in enumerate(lines):
        paged.append(line)
        if n and n % _PAGE_LINES == 0:
            paged.append(f"- {n // _PAGE_LINES} -")
    return "\n".join(paged) + "\n"


# ----------------------------------------------------------------------------- PDF→Markdown in pieces

_PIECE_HEADING = {"requests": "## 表三：收到和处理政府信息公开申请情况", "review_litigation": "## 表四：政府信息公开行政复议、行政诉讼情况"}


def _md(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _pieces_requests(table: PrintedTable, rng: random.Random) -> list[str]:
    """shanghai-office-2025.md: the header as loose lines, a header row of five cells over data rows of
    seven numbers, the table cut into pieces (a separator row or a `## 表三` heading between them),
    rows with an extra group-label cell or a trailing empty cell, and long labels printed as loose
    lines above a row of values that lost its label."""
    subtotal = any(_cell_text(c) == "小计" for row in table.rows[:table.header_rows] for c in row)
    lines = ["申请人情况", "法人或其他组织", "（本列数据的勾稽关系为：第一项加第二项之和，", "社会法律",
             "公益服务其他" + ("小计" if subtotal else ""), "企业机构", "组织机构", _PIECE_HEADING["requests"],
             _md(["等于第三项加第四项之和）", "自然人", "商业", "科研", "总计"]), _md(["---"] * 5)]
    for row in table.rows[table.header_rows:]:
        labels = [_cell_text(c) for c in row if c.role != "value"]
        values = [c.text for c in row if c.role == "value"]
        if not values:
            continue
        label = labels[-1] if labels else ""
        group = labels[-2] if len(labels) > 1 else ""
        draw = rng.random()
        if draw < 0.12 and len(label) > 14:  # the label as loose lines, its values on a row of their own
            lines += ["", label[:16], label[16:], _md(values), _md(["---"] * len(values))]
            continue
        if draw < 0.3 and group:  # a piece of the merged group cell printed in the row
            cells = [group[:4] if rng.random() < 0.5 else group[4:] or group, label, *values]
        elif draw < 0.5:
            cells = [label, *values, ""]  # a trailing empty cell
        else:
            cells = [label, *values]
        if rng.random() < 0.08:  # the converter starts a new table, this row its first
            lines += ["", _PIECE_HEADING["requests"], _md(cells), _md(["---"] * len(cells))]
        else:
            lines.append(_md(cells))
    return lines


def _pieces_review(table: PrintedTable) -> list[str]:
    values = [c.text for row in table.rows for c in row if c.role == "value"]
    return ["行政复议行政诉讼", "未经复议直接起诉复议后起诉", "结果结果其他尚未", "总计结果结果其他尚未结果结果其他尚未",
            "维持纠正结果审结维持纠正结果审结", _md(["维持", "纠正", "结果", "审结", "总计", "总计"]), _md(["---"] * 6),
            _md(values), _md(["---"] * len(values))]


def pdf_markdown_pieces(doc: Document, rng: random.Random, charset: str) -> str:
    from .document import markdown_document
    from .render_markdown import pdf_markdown_table

    def table_lines(table: PrintedTable) -> list[str]:
        if table.table == "requests":
            return _pieces_requests(table, rng)
        if table.table == "review_litigation":
            return _pieces_review(table)
        return pdf_markdown_table(table, rng)
    return markdown_document(doc, table_lines, rng)
