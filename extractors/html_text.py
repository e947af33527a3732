"""HTML -> plain text lines with selectolax (a real parser, not regexes).

Layout produced: every block element starts a new line and every table cell (td/th) is one line
ending in ` |` (an empty cell is a lone `|`). That is the `|`-terminated fragment layout the table
parser already reads (seed 002), so HTML tables and flattened text tables share one parser, and empty
cells survive as blanks instead of vanishing into blank lines.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

# Never part of the report body: scripts, styles, the <head> (its <title> is read separately), forms.
_DROP_TAGS = ("script", "style", "head", "noscript", "template", "iframe", "svg", "object", "select",
              "button", "textarea")
_BLOCK_SELECTOR = ",".join((
    "p", "div", "br", "tr", "table", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "header", "footer", "nav", "aside", "blockquote", "pre", "dl", "dt", "dd", "form", "hr",
    "caption", "center", "address", "figure", "figcaption", "tbody", "thead", "tfoot", "main",
))
CELL_SEPARATOR = " |"


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
    _flatten_cells(root)
    for node in root.css(_BLOCK_SELECTOR):
        node.insert_before("\n")
        node.insert_after("\n")
    return root.text(separator=""), title or None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<html" in head


def _flatten_cells(root) -> None:
    # Reversed document order handles inner cells before outer ones; a cell holding a nested table
    # is left alone so the nested table's own cells keep their lines.
    for cell in reversed(root.css("td, th")):
        if cell.css_first("table") is not None:
            continue
        # Inline and block children alike are joined without separator: printed Chinese cells are
        # split across <p>/<span> (结/果/纠/正, '20'+'23') and must read as one label or number.
        text = " ".join(cell.text(separator="").split())
        cell.replace_with(f"\n{text}{CELL_SEPARATOR}\n")
