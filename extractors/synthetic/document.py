"""A report as a format-free document (title, sections of paragraphs and printed tables) and its
serialisation as crawler text, an HTML page or a Markdown conversion, with optional page debris."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from typing import Callable

from .printed import PrintedTable

TableLines = Callable[[PrintedTable], list[str]]


@dataclass(slots=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[PrintedTable] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    title: str
    agency: str
    published: str  # ISO date
    preamble: str
    sections: list[Section]
    debris: bool = False

    def signed(self) -> str:
        year, month, day = (int(p) for p in self.published.split("-"))
        return f"{year}年{month}月{day}日"


# ----------------------------------------------------------------------------- text

def _text_header(doc: Document, rng: random.Random) -> list[str]:
    if not doc.debris:
        return [doc.title, ""]
    return [
        "headerBg",
        f"您现在的位置：首页 > 政务公开 > {rng.choice(('政府信息公开年报', '信息公开目录 > 信息公开年报'))}",
        "",
        doc.title,
        f"发布日期：{doc.published} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}    文章来源：本网    【 字体：大 中 小 】  打印",
        "",
    ]


def _text_footer(doc: Document, rng: random.Random) -> list[str]:
    if not doc.debris:
        return []
    return rng.choice((
        ["", f"{doc.title}.pdf", "", "相关附件:", "分享到:"],
        ["", "打开APP阅读全文", "相关新闻", "×", "前往APP查看全文,体验更佳!", "确定", "取消"],
        ["", "扫一扫在手机上查看当前页面", "【打印本页】 【关闭窗口】"],
    ))


def text_document(doc: Document, table_lines: TableLines, rng: random.Random, blank_between: bool) -> str:
    """Crawler text: one paragraph per line; tables serialised by `table_lines`."""
    lines = _text_header(doc, rng) + [doc.preamble]
    for section in doc.sections:
        lines.append(section.heading)
        lines += section.paragraphs
        for table in section.tables:
            lines += table_lines(table)
    lines += ["", doc.agency, doc.signed()] + _text_footer(doc, rng)
    if blank_between:
        lines = [part for line in lines for part in (line, "")]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- HTML

_CHROME_TOP = """<div class="header"><div class="logo"><img src="/images/logo.png" alt="政府门户网站"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li>
<li><a href="/zwfw/">政务服务</a></li></ul></div>
<div class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>"""
_CHROME_BOTTOM = """<div class="share">分享到：<a class="wx">微信</a><a class="wb">微博</a><a class="qq">QQ空间</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="footer"><p>主办单位：人民政府办公室 &nbsp; 网站标识码：4400000001</p><p>扫一扫在手机上查看当前页面</p></div>
<script type="text/javascript">var _hmt = _hmt || []; document.getElementById('utime').innerHTML = new Date();</script>"""


def _html_paragraph(text: str, rng: random.Random) -> str:
    indent = rng.choice(('style="text-indent:2em"', 'style="text-indent:32pt;line-height:28pt"', ""))
    return f"<p {indent}><span style=\"font-family:仿宋_GB2312;font-size:16pt\">{html.escape(text)}</span></p>"


def html_document(doc: Document, tables_html: Callable[[list[PrintedTable]], list[str]], rng: random.Random,
                  charset: str) -> str:
    parts = [f"<h1 class=\"title\">{html.escape(doc.title)}</h1>",
             f"<div class=\"info\">发布日期：{doc.published} &nbsp; 来源：{html.escape(doc.agency)}</div>",
             '<div class="TRS_Editor"><div class="Custom_UnionStyle">', _html_paragraph(doc.preamble, rng)]
    for section in doc.sections:
        parts.append(f"<p><strong><span style=\"font-family:黑体\">{html.escape(section.heading)}</span></strong></p>")
        parts += [_html_paragraph(p, rng) for p in section.paragraphs]
        if section.tables:
            parts += tables_html(section.tables)
    parts += [f'<p style="text-align:right">{html.escape(doc.agency)}</p>',
              f'<p style="text-align:right">{doc.signed()}</p>', "</div></div>"]
    body = "\n".join(parts)
    if doc.debris:
        body = f"{_CHROME_TOP}\n<div class=\"article\">\n{body}\n</div>\n{_CHROME_BOTTOM}"
    return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
            f"<title>{html.escape(doc.title)}</title>\n<style>td{{font-size:12px}}</style>\n</head>\n<body>\n{body}\n"
            "</body>\n</html>\n")


# ----------------------------------------------------------------------------- Markdown

def markdown_document(doc: Document, table_lines: TableLines, rng: random.Random) -> str:
    """A PDF/Word → Markdown conversion: headings marked, paragraphs and tables apart by blank lines."""
    heading = rng.choice(("## {}", "**{}**", "{}"))
    lines = [f"# {doc.title}", "", doc.preamble, ""]
    for page, section in enumerate(doc.sections, start=1):
        lines += [heading.format(section.heading), ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        for table in section.tables:
            lines += table_lines(table) + [""]
        if doc.debris and page % 2 == 0:
            lines += [f"— {page // 2} —", ""]  # the PDF's page numbers between sections
    lines += [doc.agency, "", doc.signed()]
    return "\n".join(lines) + "\n"
