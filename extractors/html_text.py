"""HTML -> plain text lines with selectolax (a real parser, not regexes).

Layout produced:
- every block element starts a new line;
- every data table (no nested table, no cell longer than a paragraph) becomes a grid, one line per
  `<tr>`: `| 申请人情况 | ← | ↑ | 26 |  |`. rowspan/colspan are honoured: a position covered by a cell
  spanning from the left prints `←` (CONT_LEFT), from above `↑` (CONT_UP), so an empty cell (a blank
  value) is never confused with a merged one, and every row keeps the table's column positions;
- a layout table (one holding the page body, nested tables or long prose) keeps its cells' block
  structure, so the article inside reads like any other page.
Cell text joins inline and block children without separator: printed Chinese cells are split across
`<p>`/`<span>` (结/果/纠/正, '20'+'23') and must read as one label or number.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from .layout import CONT_LEFT, CONT_UP, render_row

# Never part of the report body: scripts, styles, the <head> (its <title> is read separately), forms.
_DROP_TAGS = ("script", "style", "head", "noscript", "template", "iframe", "svg", "object", "select",
              "button", "textarea")
_BLOCK_SELECTOR = ",".join((
    "p", "div", "br", "tr", "table", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "nav", "aside", "blockquote", "pre", "dl", "dt", "dd", "form", "hr",
    "caption", "center", "address", "figure", "figcaption", "tbody", "thead", "tfoot", "main",
))
_MAX_DATA_CELL = 300  # a cell longer than this holds prose: its table is layout, not data
_MAX_SPAN = 200  # rowspan/colspan beyond this is markup garbage (colspan="9999"), not a real span


def html_to_text(html: str) -> str:
    return html_to_text_and_title(html)[0]


def html_to_text_and_title(html: str) -> tuple[str, str | None]:
    """(body text, <title> text or None): one parse for both; the title is a fallback for
    identification when the body prints no report title."""
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node is not None else ""
    root = tree.body or tree.root
    if root is None:
        return "", title or None
    for tag in _DROP_TAGS:
        for node in root.css(tag):
            node.decompose()
    _render_data_tables(root)
    for node in root.css(_BLOCK_SELECTOR):
        node.insert_before("\n")
        node.insert_after("\n")
    return root.text(separator=""), title or None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<html" in head


def cell_text(cell) -> str:
    return " ".join(cell.text(separator="").split()).replace("|", "¦")


def _span(cell, name: str) -> int:
    raw = (cell.attributes.get(name) or "1").strip()
    digits = "".join(ch for ch in raw if ch.isdigit())
    return max(1, min(int(digits), _MAX_SPAN)) if digits else 1


def table_grid(table) -> list[list[str]]:
    """The table's rows with spans resolved: origin cells carry their text, covered positions
    CONT_LEFT / CONT_UP. Rows are not padded: a short row simply ends."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, col) covered by a rowspan from above
    for r, tr in enumerate(table.css("tr")):
        row: list[str] = []
        col = 0
        for cell in tr.css("td, th"):
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            text, rowspan, colspan = cell_text(cell), _span(cell, "rowspan"), _span(cell, "colspan")
            for dc in range(colspan):
                row.append(text if dc == 0 else CONT_LEFT)
                for dr in range(1, rowspan):
                    pending[(r + dr, col + dc)] = CONT_UP
            col += colspan
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        grid.append(row)
    return grid


def _flatten_layout_cells(table) -> None:
    """A layout table's short cells (menus, link lists, labels) each become one line; a cell
    holding a table or prose keeps its block structure so the article inside reads normally."""
    for cell in table.css("td, th"):
        if len(cell.css("table")) == 0 and len(cell.text(separator="")) <= _MAX_DATA_CELL:
            cell.replace_with(f"\n{cell_text(cell)}\n")
        else:
            cell.insert_before("\n")
            cell.insert_after("\n")


def _is_data_table(table) -> bool:
    if len(table.css("table")) > 1:  # css() matches the table itself too
        return False
    cells = table.css("td, th")
    return bool(cells) and all(len(c.text(separator="")) <= _MAX_DATA_CELL for c in cells)


def _render_data_tables(root) -> None:
    # Reversed document order renders inner tables before the layout tables around them.
    for table in reversed(root.css("table")):
        if not _is_data_table(table):
            _flatten_layout_cells(table)
            continue
        caption = table.css_first("caption")
        head = f"\n{cell_text(caption)}\n" if caption is not None else "\n"
        lines = [render_row(row) for row in table_grid(table) if row]
        table.replace_with(head + "\n".join(lines) + "\n")
