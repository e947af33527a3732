"""Plain-text serialisations of a printed table, each one a real source of such text:

- cells_per_line: page text of an HTML table (one cell per line; seeds 000, 003, 004), optionally with a
  blank line after every cell (003, 004);
- pipe_fragments: crawler text that ends every cell with ` |` and pads short rows with `|||` (seed 002);
- pipe_rows / tab_rows: one table row per line, cells joined by ` | ` (crawler get_text) or tabs (copied
  from Word/Excel: every grid position, spanned ones empty);
- space_rows: `pdftotext -layout` output: cells separated by runs of spaces, long labels wrapped onto the
  next line, blank cells gone;
- glued_rows: crawler text that joins a row's cells with no separator at all (pingtan-county-2012.txt).
"""

from __future__ import annotations

import random

from .printed import PrintedTable


def _origin_rows(table: PrintedTable) -> list[list[str]]:
    return [[" ".join(c.lines()) if c.pieces else c.text for c in row] for row in table.rows]


def cells_per_line(table: PrintedTable, blank_lines: bool) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        for cell in row:
            for piece in cell.lines():
                lines.append(piece)
                if blank_lines:
                    lines.append("")
    return lines


def pipe_fragments(table: PrintedTable) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        lines += [f"{text} |" if text else "|" for text in (" ".join(c.lines()) for c in row)]
        missing = table.width - len(row)
        if missing > 0:
            lines.append("|" * missing)
    return lines


def pipe_rows(table: PrintedTable) -> list[str]:
    return [" | ".join(cells) for cells in _origin_rows(table)]


def tab_rows(table: PrintedTable) -> list[str]:
    lines = []
    for slots in table.grid():
        lines.append("\t".join(s[0].text if s is not None and s[1] else "" for s in slots))
    return lines


def glued_rows(table: PrintedTable) -> list[str]:
    return ["".join(cells) for cells in _origin_rows(table)]


_WRAP = 14  # characters of a label that fit the PDF's label column


def space_rows(table: PrintedTable, rng: random.Random) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        labels = [c.text for c in row if c.role != "value"]
        values = [c.text for c in row if c.role == "value"]
        label = "".join(labels)
        head, tail = (label[:_WRAP], label[_WRAP:]) if len(label) > _WRAP + 4 and values else (label, "")
        gap = " " * rng.randint(2, 6)
        lines.append(gap.join(([head] if head else []) + values) if values else gap.join(labels))
        if tail:
            lines.append(tail)
    return lines
