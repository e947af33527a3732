"""表二 (proactive), 表三 (requests) and 表四 (review_litigation) from normalised text lines.

Input layouts (all seen in the seeds, HTML is turned into the second by html_text):
- one cell per line, with or without blank lines between cells (000, 003, 004);
- `|`-terminated fragments: `0 |`, a lone `|` is an empty cell, `||`/`|||` lines are padding (002).

Tables are read positionally: a row label followed by up to N value tokens, N = number of columns.
Column order of 表三 and 表四 is fixed by the templates; the flattened header order is not the data
order (rowspan/colspan flattening prints 自然人, 法人或其他组织, 总计, 商业企业 …), so headers are only
used to detect an extra 小计 column. 表二 columns follow the headers actually printed.
Nothing is repaired: every value is kept as printed, and a label we cannot place is reported as a
warning, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from . import catalogue
from .labels import (Match, clean_label, match_group_heading, match_proactive_item, match_proactive_measure,
                     match_request_row, similarity)
from .model import Cell, Locator
from .values import parse_value

_PIPE_ONLY = re.compile(r"^[|\s]+$")
_BLOCK_HEADING = re.compile(rf"^{catalogue.PROACTIVE_BLOCK_ANCHOR}第\(([一二三四五六七八九十]+)\)项")
_STOP_HEADING = re.compile(r"^[五六七八九]、")  # sections after 表四: 五、存在的主要问题 …
_HEADER_UNIT = re.compile(r"(亿元|万元|元)")
_MAX_HEADING_LEN = 40
_MAX_CELL_LEN = 80  # longer lines are prose: a table never prints a cell that long
_AMOUNT_MEASURES = frozenset({"fee_amount", "procurement_amount"})
_INFO_CONTENT = clean_label("信息内容")  # the 表二 corner header, not a measure
_SECTION_LABELS = {table: tuple(clean_label(h) for h in hs) for table, hs in catalogue.SECTION_HEADINGS.items()}
_SUBTOTAL = clean_label(catalogue.REQUEST_SUBTOTAL_HEADER)
_REVIEW_HEADER = re.compile(r"结果维持|结果纠正|尚未审结|直接起诉|复议后起诉")
_REVIEW_COUNT = len(catalogue.PROCEEDINGS) * len(catalogue.OUTCOMES)


@dataclass(frozen=True, slots=True)
class Token:
    """One table cell as printed: text ('' for an empty cell) and its 1-based line."""

    text: str
    line: int
    is_value: bool


@dataclass(slots=True)
class TableResult:
    cells: list[Cell]
    warnings: list[str]
    template_hint: str | None = None  # '2019' / '2021' when the printed structure tells


# ---------------------------------------------------------------- tokens and regions

def line_cells(line: str) -> list[str]:
    """Cells printed on one line: 'X |' -> ['X'], '|' -> [''] (empty cell), '||' -> [] (padding),
    'a | | 0 | 41' -> ['a', '', '0', '41']."""
    if "|" not in line:
        return [line]
    if _PIPE_ONLY.match(line):
        return [""] if line.count("|") == 1 else []
    parts = line.split("|")
    if line.rstrip().endswith("|"):
        parts.pop()
    if line.lstrip().startswith("|"):
        parts.pop(0)
    return [p.strip() for p in parts]


def tokenise(lines: Sequence[str], start: int, end: int) -> list[Token]:
    """Tokens of lines[start:end] (0-based indices), skipping blank lines."""
    out: list[Token] = []
    for idx in range(start, min(end, len(lines))):
        line = lines[idx].strip()
        if not line:
            continue
        for text in line_cells(line):
            out.append(Token(text, idx + 1, parse_value(text).semantic != "text"))
    return out


# Cheap keyword gate before fuzzy matching: every heading variant of the table contains one of these.
_HEADING_KEYWORDS = {"proactive": ("主动公开",), "requests": ("申请",), "review_litigation": ("复议", "诉讼")}


@lru_cache(maxsize=4096)
def is_section_heading(line: str, table: str) -> bool:
    if len(line) > _MAX_HEADING_LEN or "情况" not in line or not any(k in line for k in _HEADING_KEYWORDS[table]):
        return False
    cleaned = clean_label(line)
    return any(similarity(cleaned, h) >= 0.85 for h in _SECTION_LABELS[table])


def find_regions(lines: Sequence[str]) -> dict[str, tuple[int, int]]:
    """0-based [start, end) line ranges of each table found, in document order."""
    starts: dict[str, int] = {}
    for idx, raw in enumerate(lines):
        line = raw.strip()
        if not line or len(line) > _MAX_HEADING_LEN:
            continue
        if "proactive" not in starts and _BLOCK_HEADING.match(line):
            starts["proactive"] = idx
        elif "requests" not in starts and is_section_heading(line, "requests"):
            starts["requests"] = idx + 1
        elif "review_litigation" not in starts and is_section_heading(line, "review_litigation"):
            starts["review_litigation"] = idx + 1
    if "requests" not in starts:
        # No heading printed: the applicant header opens the table.
        for idx, raw in enumerate(lines):
            if raw.strip().rstrip("| ") == "申请人情况":
                starts["requests"] = idx
                break
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    regions: dict[str, tuple[int, int]] = {}
    for pos, (table, start) in enumerate(ordered):
        end = ordered[pos + 1][1] if pos + 1 < len(ordered) else len(lines)
        if table in ("requests", "review_litigation"):
            end = _section_end(lines, start, end)
        regions[table] = (start, end)
    return regions


def _section_end(lines: Sequence[str], start: int, end: int) -> int:
    for idx in range(start, end):
        line = lines[idx].strip()
        if len(line) > _MAX_CELL_LEN or _STOP_HEADING.match(line):
            return idx
    return end


# ---------------------------------------------------------------- shared row reading

def take_values(tokens: Sequence[Token], start: int, limit: int) -> tuple[list[Token], int]:
    """Up to `limit` consecutive value tokens from `start`; returns them and the next index."""
    values: list[Token] = []
    idx = start
    while idx < len(tokens) and len(values) < limit and tokens[idx].is_value:
        values.append(tokens[idx])
        idx += 1
    return values, idx


def read_label(tokens: Sequence[Token], start: int, matcher: Callable[[str], Match]) -> tuple[str, int]:
    """The row label starting at `start`, merging a label printed over two lines when neither
    fragment matches alone but the joined text does. Returns (label, next index)."""
    first = tokens[start].text
    nxt = start + 1
    if nxt < len(tokens) and not tokens[nxt].is_value and matcher(first).code is None:
        joined = first + tokens[nxt].text
        if matcher(joined).score > max(matcher(tokens[nxt].text).score, matcher(first).score) \
                and matcher(joined).code is not None:
            return joined, nxt + 1
    return first, nxt


def make_cell(table: str, row: str, column: str, token: Token, row_label: str,
              default_unit: str | None = "count", line_start: int | None = None) -> Cell:
    parsed = parse_value(token.text, default_unit or "")
    unit = (parsed.unit or None) if parsed.semantic == "number" else None
    return Cell(table=table, row=row, column=column, raw=token.text, value=parsed.value, unit=unit,
                semantic=parsed.semantic, locator=Locator(line_start or token.line, token.line),
                row_label=row_label)


# ---------------------------------------------------------------- 表三

def request_columns(tokens: Sequence[Token]) -> tuple[str, ...]:
    """Applicant columns in data order; 小计 adds subtotal_org when the header prints it."""
    columns = ["natural_person", *catalogue.ORGANISATION_COLUMNS]
    for idx, tok in enumerate(tokens):
        if tok.is_value:
            break  # header is over at the first value
        if clean_label(tok.text) == _SUBTOTAL:
            columns.append("subtotal_org")
            break
        if idx > 40:
            break
    columns.append("total")
    return tuple(columns)


def parse_requests(tokens: Sequence[Token]) -> TableResult:
    columns = request_columns(tokens)
    result = TableResult([], [])
    seen: set[str] = set()
    group: str | None = None
    started = False
    idx = 0
    while idx < len(tokens):
        tok = tokens[idx]
        if tok.is_value:
            if started and tok.text:
                result.warnings.append(f"requests: value {tok.text!r} at line {tok.line} belongs to no row label")
            idx += 1
            continue
        label, idx = read_label(tokens, idx, lambda t: match_request_row(t, group))
        values, idx = take_values(tokens, idx, len(columns))
        code = match_request_row(label, group).code
        if not values or (code is None and not any(v.text for v in values)):
            # A heading, or a header cell followed by empty cells (HTML corner/spanned cells).
            group = _update_group(label, group)
            if started and match_request_row(label, group).code is None and match_group_heading(label).code is None:
                result.warnings.append(f"requests: unknown label {label!r} at line {tok.line} (no values)")
            continue
        started = True
        if not _emit_request_row(result, code, label, tok, values, columns, seen):
            continue
        if code == "carried_forward":
            break
    rows = {c.row for c in result.cells}
    if rows & set(catalogue.OTHER_ROWS_2021):
        result.template_hint = "2021"
    elif "other_total" in rows:
        result.template_hint = "2019"
    return result


def _update_group(label: str, group: str | None) -> str | None:
    heading = match_group_heading(label).code
    return heading if heading is not None else group


def _emit_request_row(result: TableResult, code: str | None, label: str, tok: Token, values: list[Token],
                      columns: tuple[str, ...], seen: set[str]) -> bool:
    if code is None:
        result.warnings.append(f"requests: unknown row label {label!r} at line {tok.line}; its "
                               f"{len(values)} values were not assigned")
        return False
    if code in seen:
        result.warnings.append(f"requests: row {code} printed twice (again at line {tok.line}); kept the first")
        return False
    seen.add(code)
    if len(values) < len(columns):
        result.warnings.append(f"requests: row {code} at line {tok.line} has {len(values)} of {len(columns)} "
                               "values; missing cells not emitted")
    for column, value in zip(columns, values):
        result.cells.append(make_cell("requests", code, column, value, label))
    return True


# ---------------------------------------------------------------- 表四

def parse_review(tokens: Sequence[Token]) -> TableResult:
    """The 15 numbers in template order: three proceedings × (upheld, corrected, other, pending, total)."""
    result = TableResult([], [])
    first = next((i for i, t in enumerate(tokens) if t.is_value and t.text), None)
    if first is None:
        # Many reports answer this section in prose; only printed table headers with no numbers warn.
        if any(not t.is_value and len(t.text) <= 10 and _REVIEW_HEADER.search(t.text) for t in tokens):
            result.warnings.append("review_litigation: table headers printed but no values found")
        return result
    values, _ = take_values(tokens, first, len(tokens))
    while len(values) > _REVIEW_COUNT and not values[-1].text:
        values.pop()  # trailing empty cells of an HTML row
    if not any("复议" in t.text or "诉讼" in t.text for t in tokens[:first]):
        result.warnings.append("review_litigation: no 行政复议/行政诉讼 header before the values")
    if len(values) != _REVIEW_COUNT:
        result.warnings.append(f"review_litigation: expected {_REVIEW_COUNT} values, found {len(values)} "
                               f"from line {values[0].line}; table not read")
        return result
    positions = [(p, o) for p in catalogue.PROCEEDINGS for o in catalogue.OUTCOMES]
    labels = {m.row: m.label_zh for m in catalogue.REVIEW_METRICS}
    for (proceeding, outcome), tok in zip(positions, values):
        result.cells.append(make_cell("review_litigation", proceeding, outcome, tok, labels[proceeding]))
    return result


# ---------------------------------------------------------------- 表二

def parse_proactive(tokens: Sequence[Token]) -> TableResult:
    result = TableResult([], [])
    blocks: list[list[Token]] = []
    for tok in tokens:
        if not tok.is_value and _BLOCK_HEADING.match(tok.text):
            blocks.append([])
        elif blocks:
            blocks[-1].append(tok)
    for number, block in enumerate(blocks):
        measures = _parse_block(block, result)
        if number == 0:
            result.template_hint = _proactive_template(measures)
    return result


def _proactive_template(measures: list[tuple[str | None, str]]) -> str | None:
    codes = {code for code, _ in measures}
    if codes & {"new_made", "new_published", "total_published"}:
        return "2019"
    if codes & {"issued", "repealed", "in_force"}:
        return "2021"
    return None


def _first_row_index(block: Sequence[Token]) -> int:
    """Index of the first row label: a label token directly followed by a value."""
    for idx in range(len(block) - 1):
        if not block[idx].is_value and block[idx + 1].is_value:
            return idx
    return len(block)


def merge_header(fragments: Sequence[str]) -> list[tuple[str | None, str]]:
    """Measure headers from printed fragments, joining headers split over lines (本年新 / 制作数量)."""
    measures: list[tuple[str | None, str]] = []
    idx = 0
    while idx < len(fragments):
        alone = match_proactive_measure(fragments[idx])
        if idx + 1 < len(fragments):
            joined_text = fragments[idx] + fragments[idx + 1]
            joined = match_proactive_measure(joined_text)
            if joined.code is not None and joined.score > alone.score:
                measures.append((joined.code, joined_text))
                idx += 2
                continue
        measures.append((alone.code, fragments[idx]))
        idx += 1
    return measures


def _parse_block(block: Sequence[Token], result: TableResult) -> list[tuple[str | None, str]]:
    first_row = _first_row_index(block)
    fragments = [t.text for t in block[:first_row] if not t.is_value and clean_label(t.text) != _INFO_CONTENT]
    measures = merge_header(fragments)
    for code, text in measures:
        if code is None:
            result.warnings.append(f"proactive: unknown column header {text!r}; its cells are not emitted")
    idx = first_row
    while idx < len(block):
        tok = block[idx]
        if tok.is_value:
            idx += 1
            continue
        label, idx = read_label(block, idx, match_proactive_item)
        values, idx = take_values(block, idx, len(measures))
        if not values:
            continue
        item = match_proactive_item(label).code
        if item is None:
            result.warnings.append(f"proactive: unknown item label {label!r} at line {tok.line}; its "
                                   f"{len(values)} values were not assigned")
            continue
        for (measure, header), value in zip(measures, values):
            if measure is not None:
                result.cells.append(make_cell("proactive", item, measure, value, label, _measure_unit(measure, header)))
    return measures


def _measure_unit(measure: str, header: str) -> str | None:
    if measure not in _AMOUNT_MEASURES:
        return "count"
    m = _HEADER_UNIT.search(header)
    return m.group(1) if m else None  # amount printed without a unit anywhere: unit unknown


# ---------------------------------------------------------------- all tables

def parse_tables(lines: Sequence[str]) -> TableResult:
    regions = find_regions(lines)
    out = TableResult([], [])
    hints: list[str] = []
    parsers = {"proactive": parse_proactive, "requests": parse_requests, "review_litigation": parse_review}
    for table in ("proactive", "requests", "review_litigation"):
        if table not in regions:
            continue
        start, end = regions[table]
        part = parsers[table](tokenise(lines, start, end))
        out.cells.extend(part.cells)
        out.warnings.extend(part.warnings)
        if part.template_hint:
            hints.append(part.template_hint)
    if len(set(hints)) > 1:
        out.warnings.append(f"template: 表二 and 表三 disagree ({' vs '.join(hints)}); using 表二's")
    out.template_hint = hints[0] if hints else None
    return out
