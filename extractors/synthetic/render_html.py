"""HTML tables as government CMS pages print them (Word pastes into ewebeditor/TRS): rowspan/colspan,
every cell text inside <p><span>, labels cut across several spans, numbers wrapped in &nbsp; spans
(pingtan-zone-2022), blank cells as <o:p>&nbsp;</o:p> (shuyang-fgj-2023), and tables split in pieces.
"""

from __future__ import annotations

import html
import random

from .printed import PrintedCell, PrintedTable

_SPAN_STYLES = ("font-family:仿宋_GB2312;font-size:10.5pt", "font-family:宋体;font-size:12px",
                "mso-bidi-font-family:Times New Roman;font-size:9pt")
_BLANKS = ("", "&nbsp;", "<span><o:p>&nbsp;</o:p></span>", "<span style=\"font-size:9pt\">&nbsp;</span>")


def _spans(text: str, rng: random.Random, style: str) -> str:
    """Text cut into 1-3 spans at random points, as Word's run boundaries do ('20'+'23', '结'+'果')."""
    if len(text) < 2 or rng.random() < 0.5:
        return f'<span style="{style}">{html.escape(text)}</span>'
    cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, rng.randint(1, 2))))
    parts = [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]
    return "".join(f'<span style="{style}">{html.escape(p)}</span>' for p in parts)


def _cell_body(cell: PrintedCell, rng: random.Random, style: str) -> str:
    if not cell.text:
        return rng.choice(_BLANKS)
    if cell.role == "value":
        if rng.random() < 0.3:  # pingtan-zone-2022: '&nbsp;' + N + '&nbsp;' spans
            return f"<span>&nbsp;</span><span>{html.escape(cell.text)}</span><span>&nbsp;</span>"
        return f'<p align="center"><span style="{style}">{html.escape(cell.text)}</span></p>'
    return "".join(f'<p align="center">{_spans(piece, rng, style)}</p>' for piece in cell.lines())


def _td(cell: PrintedCell, rng: random.Random, style: str) -> str:
    attrs = "".join(f' {name}="{value}"' for name, value in (("colspan", cell.colspan), ("rowspan", cell.rowspan))
                    if value > 1)
    width = rng.choice((39, 42, 57, 64, 120)) if cell.role == "value" else rng.choice((113, 160, 204))
    return f'<td{attrs} width="{width}" valign="center" style="border:solid windowtext 1.0pt">' \
           f"{_cell_body(cell, rng, style)}</td>"


def html_table(table: PrintedTable, rng: random.Random, rows: range | None = None) -> str:
    style = rng.choice(_SPAN_STYLES)
    chosen = table.rows if rows is None else [table.rows[i] for i in rows]
    body = "\n".join("<tr>" + "".join(_td(c, rng, style) for c in row) + "</tr>" for row in chosen)
    return (f'<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
            f'style="border-collapse:collapse;width:100%">\n<tbody>\n{body}\n</tbody>\n</table>')


def _clean_boundaries(table: PrintedTable) -> list[int]:
    """Row indexes where a table may be cut without cutting a rowspan (page breaks in a Word export)."""
    open_until = 0
    cuts = []
    for r, row in enumerate(table.rows):
        if r >= open_until and r > 0:
            cuts.append(r)
        open_until = max([open_until] + [r + c.rowspan for c in row])
    return cuts


def split_html_tables(table: PrintedTable, rng: random.Random) -> list[str]:
    """One printed table as several <table> elements: header apart from body, body cut at a page break."""
    cuts = [c for c in _clean_boundaries(table) if c >= table.header_rows]
    chosen = sorted(set([table.header_rows] + rng.sample(cuts, min(len(cuts), rng.randint(0, 2)))))
    bounds = [0] + [c for c in chosen if 0 < c < len(table.rows)] + [len(table.rows)]
    return [html_table(table, rng, range(a, b)) for a, b in zip(bounds, bounds[1:]) if b > a]
