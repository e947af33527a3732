"""Text normalisation: NFKC, Taiwan/traditional -> mainland simplified wording, web debris removal.

Line numbers in every Locator refer to the text this module returns, so everything downstream
(tables, narrative, `normalised_text()`) must work on exactly this string. For plain text that text
has the source file's own lines (debris blanked, never deleted), so a locator is a line of the file.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import islice

import opencc

# Frequent characters that exist only in traditional script. tw2sp is applied only when the text
# contains some of them: on text that is already mainland simplified the Taiwan-phrase table does
# harm (程序 -> 进程), and skipping it saves the conversion for the vast majority of reports.
_TRADITIONAL_MARKERS = frozenset(
    "們個這為與開關資訊報設時會發務國區縣鎮號條實體應處複結轉辦當對權農產經濟門網頁廣東陽見覆讓議"
    "論說請調員錄總級書館決規範標準環醫療衛學動節戰車電話熱點擊無從來傳專項狀況計畫劃統續數據歷屆紀"
    "類別預聯絡檔導優質勢術維護網絡顯應態職責積極紹營單衝類價養態認證財稅義壓構團廳幹當際雜")
_MIN_TRADITIONAL_MARKERS = 3
_TRADITIONAL_RE = re.compile("[" + "".join(sorted(_TRADITIONAL_MARKERS)) + "]")  # scans at C speed

# Whole lines that are page chrome, not report text (breadcrumbs, share/print widgets, app banners).
_DEBRIS_LINE = re.compile(
    r"^(?:"
    r"headerBg|打印|关闭|确定|取消|×|收藏|返回顶部|"
    r"分享到:?|分享到:?\s*(?:微信|微博|QQ空间|QQ好友|新浪微博|腾讯微博|\s)*|微信|微博|QQ空间|QQ好友|新浪微博|腾讯微博|"
    r"相关新闻|相关词条|热门词条|联络我们|相关附件:?|相关链接:?|"
    r"打开APP阅读全文|前往APP查看全文.*|扫一扫在手机上查看当前页面|扫一扫在手机打开当前页|"
    r"[【\[]\s*打印(?:本页)?\s*[】\]]|[【\[]\s*关闭(?:窗口)?\s*[】\]]|打印本页|关闭窗口|"
    r"[【\[]?\s*字体[::].*|字体\s*[::]?\s*(?:大|中|小|\s|\[|\]|【|】)*|"
    r"(?:您现在的位置|当前位置|您的位置|您当前的位置)[::].*|"
    r"首页\s*(?:>|»|›|/)\s*.*|"
    r"(?:上一篇|下一篇)[::].*"
    r")$"
)
_MAX_DEBRIS_LEN = 200  # a long line is prose even if it happens to start like a widget
_NEWLINE = re.compile(r"\r\n|\r|\n")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    # One converter per process: building it loads the dictionaries, which costs far more than a
    # conversion. lru_cache makes it lazy too, so importing extractors stays cheap.
    return opencc.OpenCC("tw2sp")


def nfkc(text: str) -> str:
    """Full-width digits/letters/punctuation to ASCII, ideographic space to space, nbsp to space."""
    return unicodedata.normalize("NFKC", text)


def looks_traditional(text: str) -> bool:
    found = _TRADITIONAL_RE.finditer(text)
    return sum(1 for _ in islice(found, _MIN_TRADITIONAL_MARKERS)) >= _MIN_TRADITIONAL_MARKERS


def to_mainland(text: str) -> str:
    """Traditional / Taiwan wording to mainland simplified (規範性檔案 -> 规范性文件)."""
    return _converter().convert(text) if looks_traditional(text) else text


def label_to_mainland(label: str) -> str:
    """A table label in traditional script to mainland wording, whatever the rest of the document
    uses (one traditional character is enough: labels are short and simplified ones have none)."""
    return _converter().convert(label) if _TRADITIONAL_RE.search(label) else label


def is_debris(line: str) -> bool:
    return len(line) <= _MAX_DEBRIS_LEN and _DEBRIS_LINE.match(line) is not None


def source_lines(text: str) -> list[str]:
    """The lines of a decoded source file as an editor numbers them: `\n`, `\r\n` and a lone `\r`
    end a line (Python's universal newlines); other separators (form feed, U+2028) stay inside it."""
    return _NEWLINE.split(text)


def normalise_line(line: str, plain_text: bool) -> str:
    """One line stripped, or '' for page debris. In plain text a line with two or more tabs keeps
    them (a line of tabs alone is a row of empty cells)."""
    line = line.strip(" ") if plain_text and line.count("\t") >= 2 else line.strip()
    return "" if line and is_debris(line) else line


def normalise(text: str, plain_text: bool = False) -> str:
    """The normalised text: NFKC, mainland wording, stripped lines, debris lines blanked.

    Plain text (`plain_text=True`, .txt/.md) keeps every line where it is: line N of the result is
    line N of the decoded source file (`source_lines`), so a Locator points into the file itself;
    debris lines become blank lines, nothing is merged or dropped (only trailing blank lines go). In
    HTML the lines are those of the text rendering (html_text): there debris lines are removed and
    runs of blank lines collapsed to one, as both are markup spacing."""
    text = to_mainland(nfkc(text))
    out = [normalise_line(line, True) for line in source_lines(text)] if plain_text else _collapsed(text.splitlines())
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _collapsed(lines: list[str]) -> list[str]:
    out: list[str] = []
    previous_blank = True  # also drops leading blank lines
    for raw in lines:
        line = raw.strip()
        if not line:
            if not previous_blank:
                out.append("")
            previous_blank = True
            continue
        if is_debris(line):
            continue
        out.append(line)
        previous_blank = False
    return out
