from __future__ import annotations

from extractors.html_text import html_to_text, html_to_text_and_title, looks_like_html

PAGE = """<!DOCTYPE html><html><head><title>某县2020年政府信息公开工作年度报告_某县</title>
<style>p {color: red}</style><script>var x = "不应出现";</script></head>
<body><div class="nav">首页</div><h1>某县2020年政府信息公开工作年度报告</h1>
<p>本年度共<span>收到</span>申请<span>20</span><span>23</span>件&nbsp;。</p>
<table><tr><td rowspan="2">申请人情况</td><td><p>结</p><p>果</p><p>纠</p><p>正</p></td></tr>
<tr><td><o:p> </o:p></td><td>&nbsp;1&nbsp;</td></tr></table><p>a<br>b</p></body></html>"""


def test_html_to_text_layout():
    lines = [line.strip() for line in html_to_text(PAGE).split("\n") if line.strip()]
    # A data table becomes a grid, one line per <tr>: the rowspan'd 申请人情况 covers row 2's first
    # position (↑), the empty <o:p> cell stays an empty cell, split <p> characters join.
    assert lines == ["首页", "某县2020年政府信息公开工作年度报告", "本年度共收到申请2023件\xa0。",
                     "| 申请人情况 | 结果纠正 |", "| ↑ |  | 1 |", "a", "b"]


def test_script_style_and_head_are_dropped_but_title_returned():
    text, title = html_to_text_and_title(PAGE)
    assert "不应出现" not in text and "color" not in text
    assert title == "某县2020年政府信息公开工作年度报告_某县"


def test_uppercase_unclosed_tags():
    text = html_to_text("<HTML><BODY><P>一<SPAN>二<P>三</BODY></HTML>")
    assert [t for t in text.split("\n") if t] == ["一二", "三"]


def test_looks_like_html():
    assert looks_like_html("  <!DOCTYPE html><html>")
    assert looks_like_html("<html lang='zh'>")
    assert not looks_like_html("一、总体情况 <注>")
