"""The printed form of each statistics table: a grid of cells with row/column spans, as the official
templates lay them out (merged 法人或其他组织 header, merged 三、本年度办理结果 / (三)不予公开 label cells).

Every renderer (HTML, flattened text, Markdown …) starts from these PrintedTable objects, so the layouts
differ only in how a real page or converter would serialise the same grid.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from extractors.catalogue import REQUEST_METRICS

from .tables import PROACTIVE_BLOCKS, Amount, Grid

Role = str  # 'corner' | 'header' | 'group' | 'label' | 'value'

_FULLWIDTH = str.maketrans("0123456789+-.", "０１２３４５６７８９＋－．")
_CN_NUMBERS = "一二三四五六七八九十"


@dataclass(slots=True)
class Style:
    """Per-document printing habits (drawn once per report, so a document is self-consistent)."""

    fullwidth: bool = False
    fullwidth_parens: bool = True  # （一） vs (一)
    plus_sign: bool = True  # 本年增/减 printed '+6' or '6'
    typos: frozenset[str] = frozenset()  # keys of LABEL_TYPOS applied
    split_labels: bool = False

    def digits(self, text: str) -> str:
        return text.translate(_FULLWIDTH) if self.fullwidth else text

    def paren(self, number: str) -> str:
        return f"（{number}）" if self.fullwidth_parens else f"({number})"


# Label typos seen in published tables (domain.md): canonical fragment -> printed fragment.
LABEL_TYPOS: dict[str, tuple[str, str]] = {
    "weiji": ("危及", "危机"),
    "zhifa": ("属于行政执法案卷", "属于行政法案卷"),
    "xinshoudao": ("本年新收政府", "本年新收到政府"),
    "jiezhuan": ("上年结转政府信息公开申请数量", "上年结转政府信息公开数量"),
}

# Header labels as real tables split them over lines (002, 003, pingtan) or truncate them (002: 结果).
_SPLITS: dict[str, tuple[str, ...]] = {
    "自然人": ("自然", "人"), "商业企业": ("商业", "企业"), "科研机构": ("科研", "机构"),
    "社会公益组织": ("社会公益", "组织"), "法律服务机构": ("法律服务", "机构"),
    "本年新制作数量": ("本年新", "制作数量"), "本年新公开数量": ("本年新", "公开数量"),
    "对外公开总数量": ("对外公开", "总数量"), "上一年项目数量": ("上一年", "项目数量"),
    "结果维持": ("结果", "维持"), "其他结果": ("其他", "结果"), "本年制发件数": ("本年制发", "件数"),
}
_TRUNCATIONS: dict[str, str] = {"结果纠正": "结果", "尚未审结": "尚未", "其他结果": "其他"}


@dataclass(slots=True)
class PrintedCell:
    text: str
    role: Role
    colspan: int = 1
    rowspan: int = 1
    pieces: tuple[str, ...] = ()  # the text as printed over several lines; () = one piece

    def lines(self) -> tuple[str, ...]:
        return self.pieces or (self.text,)


@dataclass(slots=True)
class PrintedTable:
    """A table as printed: `rows` of origin cells (spanned-over positions are not repeated)."""

    table: str  # requests | review_litigation | proactive
    width: int
    rows: list[list[PrintedCell]] = field(default_factory=list)
    header_rows: int = 0
    caption: str = ""  # 第二十条第（一）项 for 表二 blocks

    def grid(self) -> list[list[tuple[PrintedCell, bool] | None]]:
        """Positions row x column: (cell, is_origin); None where a row printed fewer cells."""
        slots: list[list[tuple[PrintedCell, bool] | None]] = [[None] * self.width for _ in self.rows]
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while c < self.width and slots[r][c] is not None:
                    c += 1
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if r + dr < len(slots) and c + dc < self.width:
                            slots[r + dr][c + dc] = (cell, dr == 0 and dc == 0)
                c += cell.colspan
        return slots


def _header_cell(text: str, style: Style, rng: random.Random, colspan: int = 1, rowspan: int = 1,
                 truncate: bool = True) -> PrintedCell:
    if style.split_labels and truncate and text in _TRUNCATIONS and rng.random() < 0.5:
        text = _TRUNCATIONS[text]
    pieces = _SPLITS.get(text, ()) if style.split_labels and rng.random() < 0.7 else ()
    return PrintedCell(text, "header", colspan, rowspan, pieces)


def _label(text: str, style: Style) -> str:
    for key in style.typos:
        canonical, typo = LABEL_TYPOS[key]
        text = text.replace(canonical, typo)
    return text


def _value(value, style: Style) -> PrintedCell:
    return PrintedCell("" if value is None else style.digits(str(value)), "value")


# ------------------------------------------------------------------------------------ 表三

_APPLICANT_HEADERS = {"commercial_enterprise": "商业企业", "research_institution": "科研机构",
                      "public_interest_org": "社会公益组织", "legal_service_org": "法律服务机构", "other_org": "其他",
                      "subtotal_org": "小计"}
_LABEL = {m.row: m.label_zh for m in REQUEST_METRICS}
_GROUPS_2019 = (("不予公开", "denied_"), ("无法提供", "unavailable_"), ("不予处理", "not_processed_"))
CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def value_columns(grid: Grid) -> tuple[str, ...]:
    first = next(iter(grid.values()))
    return tuple(first)


def _request_header(columns: tuple[str, ...], style: Style, rng: random.Random) -> list[list[PrintedCell]]:
    orgs = [c for c in columns if c in _APPLICANT_HEADERS]
    return [
        [PrintedCell(CORNER_NOTE, "corner", 3, 3), PrintedCell("申请人情况", "header", len(columns))],
        [_header_cell("自然人", style, rng, rowspan=2), PrintedCell("法人或其他组织", "header", len(orgs)),
         PrintedCell("总计", "header", rowspan=2)],
        [_header_cell(_APPLICANT_HEADERS[c], style, rng) for c in orgs],
    ]


def _data_row(lead: list[PrintedCell], row: str, grid: Grid, style: Style) -> list[PrintedCell]:
    return lead + [_value(v, style) for v in grid[row].values()]


def _outcome_block(grid: Grid, template: str, style: Style) -> list[tuple[list[PrintedCell], str]]:
    """Rows under 三、本年度办理结果 with their label cells (without the 三 cell itself)."""
    out: list[tuple[list[PrintedCell], str]] = []
    p = style.paren
    out.append(([PrintedCell(_label(f"{p('一')}予以公开", style), "label", 2)], "granted"))
    out.append(([PrintedCell(_label(f"{p('二')}{_LABEL['partially_granted']}", style), "label", 2)],
                "partially_granted"))
    groups = list(_GROUPS_2019) + ([("其他处理", "other_")] if template == "2021" else [])
    for number, (heading, prefix) in zip(_CN_NUMBERS[2:], groups):
        rows = [r for r in grid if r.startswith(prefix) and r != "other_total"]
        for i, row in enumerate(rows):
            lead = [PrintedCell(f"{p(number)}{heading}", "group", rowspan=len(rows))] if i == 0 else []
            lead.append(PrintedCell(_label(f"{i + 1}.{_LABEL[row]}", style), "label"))
            out.append((lead, row))
    if template == "2019":
        out.append(([PrintedCell(f"{p('六')}其他处理", "label", 2)], "other_total"))
    out.append(([PrintedCell(f"{p('七')}总计", "label", 2)], "total_processed"))
    return out


def requests_table(grid: Grid, template: str, style: Style, rng: random.Random) -> PrintedTable:
    columns = value_columns(grid)
    table = PrintedTable("requests", 3 + len(columns), _request_header(columns, style, rng), header_rows=3)
    for row, text in (("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量")):
        table.rows.append(_data_row([PrintedCell(_label(text, style), "label", 3)], row, grid, style))
    block = _outcome_block(grid, template, style)
    for i, (lead, row) in enumerate(block):
        if i == 0:
            lead = [PrintedCell("三、本年度办理结果", "group", rowspan=len(block))] + lead
        table.rows.append(_data_row(lead, row, grid, style))
    table.rows.append(_data_row([PrintedCell("四、结转下年度继续办理", "label", 3)], "carried_forward", grid, style))
    return table


# ------------------------------------------------------------------------------------ 表四

_OUTCOME_HEADERS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def review_table(grid: Grid, style: Style, rng: random.Random) -> PrintedTable:
    def outcomes(rowspan: int) -> list[PrintedCell]:
        return [_header_cell(h, style, rng, rowspan=rowspan) for h in _OUTCOME_HEADERS]

    rows = [
        [PrintedCell("行政复议", "header", 5), PrintedCell("行政诉讼", "header", 10)],
        outcomes(2) + [PrintedCell("未经复议直接起诉", "header", 5), PrintedCell("复议后起诉", "header", 5)],
        outcomes(1) + outcomes(1),
        [_value(v, style) for block in grid.values() for v in block.values()],
    ]
    return PrintedTable("review_litigation", 15, rows, header_rows=3)


# ------------------------------------------------------------------------------------ 表二

_ITEM_LABELS = {"regulations": "规章", "normative_documents": "规范性文件", "admin_licensing": "行政许可",
                "other_admin_services": "其他对外管理服务事项", "admin_penalty": "行政处罚", "admin_coercion": "行政强制",
                "admin_fees": "行政事业性收费", "govt_procurement": "政府集中采购"}
_MEASURE_LABELS = {"new_made": "本年新制作数量", "new_published": "本年新公开数量", "total_published": "对外公开总数量",
                   "previous_year_count": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量",
                   "procurement_items": "采购项目数量", "procurement_amount": "采购总金额", "issued": "本年制发件数",
                   "repealed": "本年废止件数", "in_force": "现行有效件数", "fee_amount": "本年收费金额（单位：万元）"}
_PROACTIVE_WIDTH = 4


def _proactive_value(value, measure: str, style: Style) -> str:
    if value is None:
        return ""
    if isinstance(value, Amount):
        return style.digits(value.printed(with_unit=measure != "fee_amount"))
    if measure == "change" and value > 0 and style.plus_sign:
        return style.digits(f"+{value}")
    return style.digits(str(value))


def _spread(cells: list[PrintedCell]) -> list[PrintedCell]:
    """Widen the last cell so every row spans the block's four columns (template layout)."""
    cells[-1].colspan += _PROACTIVE_WIDTH - sum(c.colspan for c in cells)
    return cells


def proactive_tables(grid: dict, template: str, style: Style, rng: random.Random) -> list[PrintedTable]:
    """One printed block per 第二十条 item, each with its caption row, header row and item rows."""
    tables = []
    for block in PROACTIVE_BLOCKS[template]:
        caption = f"第二十条第{style.paren(block.number)}项"
        label_2021 = template == "2021"
        header = [PrintedCell("信息内容", "header")] + [
            _header_cell(("本年处理决定数量" if label_2021 and m == "decisions" else _MEASURE_LABELS[m]), style, rng,
                         truncate=False) for m in block.measures]
        rows = [[PrintedCell(caption, "header", _PROACTIVE_WIDTH)], _spread(header)]
        for item in block.items:
            label = "行政规范性文件" if label_2021 and item == "normative_documents" else _ITEM_LABELS[item]
            values = [PrintedCell(_proactive_value(grid[item][m], m, style), "value") for m in block.measures]
            rows.append(_spread([PrintedCell(label, "label")] + values))
        tables.append(PrintedTable("proactive", _PROACTIVE_WIDTH, rows, header_rows=2, caption=caption))
    return tables


# ------------------------------------------------------------------------------- pre-2019 附件 table

def old_statistics_table(rows: list[tuple[str, str, int, int]], year: int, style: Style) -> PrintedTable:
    """The pre-2019 附件 统计表: 指标名称 | 计量单位 | 本年度 | 历年累计 (pingtan-county-2012)."""
    header = [PrintedCell(h, "header") for h in ("指标名称", "计量单位", f"{year}年度", "历年累计")]
    body = [[PrintedCell(label, "label"), PrintedCell("条", "label"), _value(this_year, style),
             _value(cumulative, style)] for _, label, this_year, cumulative in rows]
    return PrintedTable("old_statistics", 4, [header] + body, header_rows=1)
