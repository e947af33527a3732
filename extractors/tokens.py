"""Table tokens: the cells of a table region as printed, with their line and grid position.

A cell printed on its own line has `pos` None; the cells of a row line (grid, Markdown, tabs, space
runs) carry their position in that line. HTML span markers are resolved here: a covered position
takes the text of the cell covering it and is flagged `spanned`, so headers and labels read whole
while a spanned value is never counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

from .labels import Match
from .layout import CONT_LEFT, CONT_UP, is_row_line, label_and_values, line_cells, pipes_join_cells
from .model import Cell, Locator
from .values import parse_value


@dataclass(frozen=True, slots=True)
class Token:
    """One table cell as printed: text ('' for an empty cell) and its 1-based line."""

    text: str
    line: int
    is_value: bool
    pos: int | None = None  # position in its row line; None for a cell printed on its own line
    spanned: bool = False  # a position covered by an HTML cell spanning from the left or above
    # An empty cell on a line that also prints `||` padding next to content (cell fragments whose lines
    # ran together): padding or an empty cell, nobody can say.
    doubtful: bool = False
    col: int | None = None  # 0-based offset of `text` in its line, where known (the box of a PDF number)


@dataclass(slots=True)
class TableResult:
    cells: list[Cell]
    warnings: list[str]
    template_hint: str | None = None  # '2019' / '2021' when the printed structure tells
    facts: list = field(default_factory=list)  # NarrativeFacts read from tables (pre-2019 statistics)
    findings: list = field(default_factory=list)  # Findings: instances proven broken by unreadable cells
    regions: dict = field(default_factory=dict)  # table -> 0-based [start, end) lines its layout reader read


def is_value_token(text: str) -> bool:
    return parse_value(text).semantic != "text"


def _resolve(cells: Sequence[str], above: Sequence[str]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for pos, text in enumerate(cells):
        if text == CONT_LEFT:
            out.append((out[-1][0] if out else "", True))
        elif text == CONT_UP:
            out.append((above[pos] if pos < len(above) else "", True))
        else:
            out.append((text, False))
    return out


# In a cell-per-line table a blank line is an empty cell, unless blank lines separate cells (then
# almost no printed line follows another directly) or the table prints empty cells as `|` fragments.
_SEPARATED_SHARE = 0.1


def blank_lines_are_cells(lines: Sequence[str], start: int, end: int) -> bool:
    span = [line.strip() for line in lines[start:end]]
    if not span or any("|" in line for line in span):
        return False
    printed = sum(1 for line in span if line)
    adjacent = sum(1 for a, b in zip(span, span[1:]) if a and b)
    return printed > 0 and adjacent >= _SEPARATED_SHARE * printed


def tokenise(lines: Sequence[str], start: int, end: int) -> list[Token]:
    """Tokens of lines[start:end] (0-based indices). A blank line is an empty cell when it follows a
    cell printed on its own line and blank lines are not separators; otherwise it is skipped."""
    out: list[Token] = []
    above: list[str] = []  # resolved cells of the previous row line, for CONT_UP
    blank_cells = blank_lines_are_cells(lines, start, end)
    joined = pipes_join_cells(lines[start:end])
    after_single = False
    for idx in range(start, min(end, len(lines))):
        line = lines[idx]
        if not line.strip(" "):
            if blank_cells and after_single:
                out.append(Token("", idx + 1, True))
            continue
        cells = line_cells(line, joined)
        after_single = len(cells) == 1
        if not is_row_line(cells):
            out.extend(_single_cell_tokens(cells[0], idx + 1, line) if cells else ())
            continue
        resolved = _resolve(cells, above)
        above = [text for text, _ in resolved]
        padded = "||" in line and line.replace("|", "").strip() != ""
        cols = offsets_in_line(line, [None if spanned else text for text, spanned in resolved])
        for pos, ((text, spanned), col) in enumerate(zip(resolved, cols)):
            out.append(Token(text, idx + 1, is_value_token(text), pos, spanned, doubtful=padded and not text,
                             col=col))
    return out


def offsets_in_line(line: str, texts: Sequence[str | None]) -> list[int | None]:
    """Where each of `texts` (cells of `line`, in print order) starts in `line`: each is looked for after
    the previous one. None for an empty or covered cell and for text the line does not print as such."""
    out: list[int | None] = []
    cursor = 0
    for text in texts:
        at = line.find(text, cursor) if text else -1
        if at < 0:
            out.append(None)
            continue
        out.append(at)
        cursor = at + len(text)
    return out


def _single_cell_tokens(text: str, line: int, printed: str = "") -> list[Token]:
    """A cell printed alone on its line; a label with its numbers on the same line (glued crawler
    text, single-space PDF text) is split into the label and its value cells. The numbers stay as
    printed: a glued run is one value token, cut (or not) by the table's parser. `printed` is the
    whole line, for the offsets."""
    if is_value_token(text):
        return [Token(text, line, True, col=offsets_in_line(printed, [text])[0])]
    split = label_and_values(text)
    if split is None:
        return [Token(text, line, False)]
    label, values = split
    cols = offsets_in_line(printed, [label, *values])
    return [Token(label, line, False, col=cols[0]),
            *(Token(v, line, True, col=c) for v, c in zip(values, cols[1:]))]


def piece_tokens(token: Token, values: Sequence[float | None]) -> list[Token]:
    """The tokens of a glued run `token` cut into `values` (None: that piece unread). A piece's offset
    is known when the pieces, printed as integers, spell the run exactly."""
    texts = [None if v is None else str(int(v)) if float(v).is_integer() else str(v) for v in values]
    spelled = None not in texts and "".join(texts) == token.text and token.col is not None
    out, col = [], token.col
    for value, text in zip(values, texts):
        out.append(Token(str(value), token.line, True, col=col if spelled else None))
        if spelled:
            col += len(text)
    return out


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
    if nxt < len(tokens) and not tokens[nxt].is_value and tokens[nxt].pos in (None, 0) \
            and matcher(first).code is None:
        joined = first + tokens[nxt].text
        if matcher(joined).score > max(matcher(tokens[nxt].text).score, matcher(first).score) \
                and matcher(joined).code is not None:
            return joined, nxt + 1
    return first, nxt


def make_cell(table: str, row: str, column: str, token: Token, row_label: str,
              default_unit: str | None = "count", line_start: int | None = None, note: str = "") -> Cell:
    parsed = parse_value(token.text, default_unit or "")
    unit = (parsed.unit or None) if parsed.semantic == "number" else None
    span = (token.col, token.col + len(token.text)) if token.col is not None and token.text else (None, None)
    return Cell(table=table, row=row, column=column, raw=token.text, value=parsed.value, unit=unit,
                semantic=parsed.semantic, locator=Locator(line_start or token.line, token.line, *span),
                row_label=row_label, note=note)


def with_note(cell: Cell, note: str) -> Cell:
    """`cell` with `note` added after the note it already has."""
    return replace(cell, note=(cell.note + "; " if cell.note else "") + note)


def unreadable_cell(table: str, row: str, column: str, raw: str, line_start: int, line_end: int,
                    row_label: str = "", *, note: str) -> Cell:
    """A cell the report prints but that cannot be read without guessing (glued digits, a row whose
    label or columns cannot be placed): value None, the printed text kept as evidence, and `note`
    saying why (every unreadable cell has one)."""
    return Cell(table=table, row=row, column=column, raw=raw, value=None, unit=None, semantic="unreadable",
                locator=Locator(line_start, max(line_start, line_end)), row_label=row_label, note=note)
