"""How table cells sit on text lines.

Two families of layout reach the table parser (HTML is rendered into the first by html_text):
- a row per line: cells separated by `|` (Markdown, HTML grids, PDF->Markdown), tabs, or runs of two
  or more spaces; Markdown separator lines (`|---|:--:|`) are not rows;
- a cell per line (crawler flattening), with or without blank lines, or `|`-terminated fragments
  (`0 |`; a lone `|` is an empty cell, `||`/`|||` lines are padding).
`line_cells` reads any line into its cells; `CONT_LEFT` / `CONT_UP` mark positions covered by an HTML
cell spanning from the left / from above (never a blank value). A `|` line alone cannot say whether its
outer `|` are borders (`| a | b |`) or stand next to empty cells (crawler text joining a row's cells
with ` | `, whose first and last cells are empty): `pipes_join_cells` tells from the whole table.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

CONT_LEFT = "←"
CONT_UP = "↑"
MARKERS = frozenset({CONT_LEFT, CONT_UP})

_PIPE_ONLY = re.compile(r"^[|\s]+$")
_MD_SEPARATOR = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?$|^\|?\s*:?-{3,}:?\s*\|?$")
_SPACE_RUN = re.compile(r"\s{2,}")
_BR = re.compile(r"<br\s*/?>", re.I)  # a line break inside a Markdown table cell
_EMPHASIS = re.compile(r"^#{1,6}\s+|^\*\*|\*\*$")  # Markdown heading marks and bold


def render_row(cells: list[str]) -> str:
    """One grid row as a text line: '| a | b |  |' (an empty cell keeps its place)."""
    return "| " + " | ".join(cells) + " |"


def is_md_separator(line: str) -> bool:
    return "-" in line and _MD_SEPARATOR.match(line.strip()) is not None


@lru_cache(maxsize=65536)
def line_cells(line: str, joined: bool = False) -> tuple[str, ...]:
    """Cells printed on one line.

    '|' rows: 'X |' -> ('X',), '|' -> ('',) (empty cell), '||' -> () (padding),
    'a | | 0 | 41' -> ('a', '', '0', '41'), '| a | b |' -> ('a', 'b'); Markdown separators -> ().
    With `joined` (the table joins cells with '|' and has no borders) every '|' separates two cells:
    '| a | b |' -> ('', 'a', 'b', ''), 'X |' -> ('X', ''), '|  |' -> ('', '', '').
    Otherwise each tab separates two cells ('规章\t\t5' -> ('规章', '', '5')), or runs of 2+ spaces do
    ('规章  0  0  0' -> ('规章', '0', '0', '0'); an empty cell cannot show there).
    """
    text = line.strip(" ")
    if "|" in text:
        return _joined_cells(text.strip()) if joined else _pipe_cells(text.strip())
    if "\t" in text:
        return tuple(p.strip() for p in text.split("\t"))
    text = text.strip()
    if "  " in text:
        return tuple(p for p in _SPACE_RUN.split(text) if p)
    return (text,)


def _pipe_cells(text: str) -> tuple[str, ...]:
    """'|' cells. A line that starts and ends with '|' has borders (Markdown, HTML grids); one that
    does not is cells joined by '|', where a '|' at either end stands next to an empty cell; a single
    trailing '|' after one cell is a crawler fragment terminator ('0 |')."""
    if _PIPE_ONLY.match(text):
        if " " in text and text.count("|") >= 2:  # '|  |  |': a grid row of empty cells
            return ("",) * (text.count("|") - 1)
        return ("",) if text.count("|") == 1 else ()  # '|' an empty cell, '|||' crawler padding
    if is_md_separator(text):
        return ()
    parts = [_BR.sub("", p).strip() for p in text.split("|")]
    if text.startswith("|") and text.endswith("|"):
        return tuple(parts[1:-1])
    if text.endswith("|") and text.count("|") == 1:
        return (parts[0],)
    return tuple(parts)


def _joined_cells(text: str) -> tuple[str, ...]:
    if (_PIPE_ONLY.match(text) and " " not in text) or is_md_separator(text):
        return ()  # '|||' padding
    return tuple(_BR.sub("", p).strip() for p in text.split("|"))


def _pipe_evidence(line: str) -> int:
    """+1 for a line that joins cells with '|' without borders ('a | b', 'a | b |' … with text at an
    end), -1 for a bordered one ('| a | b |', a Markdown separator), 0 when it cannot tell."""
    text = line.strip()
    if "|" not in text or _PIPE_ONLY.match(text):
        return 0
    if is_md_separator(text):
        return -1
    inner = text.strip("|").strip()
    if "|" not in inner:
        return 0  # 'X |' fragments and '| X |' alike
    return -1 if text.startswith("|") and text.endswith("|") else 1


def pipes_join_cells(lines: Sequence[str]) -> bool:
    """True when the table's '|' lines join cells without borders: more lines show it (text before the
    first or after the last '|') than look bordered. Then a row whose first and last cells are empty
    ('|  | 3 |  |') keeps them."""
    evidence = [_pipe_evidence(line) for line in lines if "|" in line]
    return sum(1 for e in evidence if e > 0) > sum(1 for e in evidence if e < 0)


# A label with its numbers printed right after it on the same line, glued ('规章7269517') or apart by
# single spaces ('行政许可 0 +172 5'): the label ends in a CJK character or closing bracket.
_LABEL_THEN_VALUES = re.compile(
    r"^(?P<label>.*[\u4e00-\u9fff)）”\]])\s*"
    r"(?P<values>[+\-]?\d[\d.,+\-]*(?:元|万元|亿元|%)?(?:\s+[+\-]?\d[\d.,+\-]*(?:元|万元|亿元|%)?)*)$")


@lru_cache(maxsize=65536)
def label_and_values(text: str) -> tuple[str, tuple[str, ...]] | None:
    """('规章', ('7269517',)) for a cell that prints a label and its values together; None when the
    cell is not a label followed by numbers."""
    m = _LABEL_THEN_VALUES.match(text)
    if m is None or len(m["label"].strip()) < 2:
        return None
    return m["label"].strip(), tuple(m["values"].split())


def is_row_line(cells: tuple[str, ...]) -> bool:
    """A line that prints several cells of one table row (not a single cell or fragment)."""
    return len(cells) >= 2


def line_text(line: str) -> str:
    """The readable text of a line: a grid row whose only content is one (spanned) cell reads as
    that cell ('| 三、收到和处理… | ← | ← |' -> '三、收到和处理…'); other lines as they are."""
    text = _EMPHASIS.sub("", line.strip()).strip()
    if not text.startswith("|"):
        return text
    cells = {c for c in line_cells(text) if c and c not in MARKERS}
    return cells.pop() if len(cells) == 1 else text
