"""Who published the report, for which year, when, and whether the page is an annual report at all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from .numerals import parse_chinese_int

_TITLE_SCOPE = 200  # titles sit near the top; HTML site chrome can push them down a long way
_MAX_TITLE_LEN = 80
_CN_DIGIT = "〇○零一二三四五六七八九"
_YEAR = rf"(?:(?:19|20)\d{{2}}|[{_CN_DIGIT}]{{4}})"
_REPORT_TITLE = re.compile(r"信息公开.{0,14}?(?:年度报告|工作报告|年报)")
_TITLE_YEAR = re.compile(rf"({_YEAR})\s*年")
_HTML_TITLE_PARTS = re.compile(r"[_|]|\s+-\s+|-(?=\D)")
_TITLE_EMPHASIS = re.compile(r"^(?:#{1,6}\s*|\*\*)|\*\*$")  # Markdown heading marks and bold
# Place names an agency's full name may print before the short form its title uses
# ('沈阳市' + '于洪区人民政府'), at the start of a line (its signature, its first sentence).
_PLACE_PREFIX = re.compile(r"(?:[\u4e00-\u9fff]{1,7}?(?:省|自治区|市|自治州|州|地区|盟|县|区|旗)){1,3}")
_SIGNATURE_SCOPE = 15
_OPENING_SCOPE = 60
_TITLE_TAIL = re.compile(r"(报告|年报)[^报]*$")  # '…年度报告-沭阳县发改局' -> cut after the last 报告
# Official documents that are not annual reports; what the title ends with says which kind.
_OTHER_DOC = re.compile(
    r"^关于.{2,60}的(?P<kind>函|复函|通知|意见|方案|批复|请示|决定|公告|通告)$"
    r"|^.{2,50}(?P<kind2>工作要点|工作计划|实施方案|工作方案)$"
)
_DOC_KINDS = {"函": "函 (letter)", "复函": "复函 (reply letter)", "通知": "通知 (notice)", "意见": "意见 (opinion)",
              "方案": "方案 (work plan)", "批复": "批复 (official reply)", "请示": "请示 (request for instructions)",
              "决定": "决定 (decision)", "公告": "公告 (announcement)", "通告": "通告 (announcement)",
              "工作要点": "工作要点 (work plan)", "工作计划": "工作计划 (work plan)",
              "实施方案": "实施方案 (work plan)", "工作方案": "工作方案 (work plan)"}
# A report prints most of these topics; a letter, notice or list page rarely prints three.
_CONTENT_TOPICS = (
    re.compile(r"主动公开"),
    re.compile(r"依申请公开|收到和处理政府信息公开申请|公开申请"),
    re.compile(r"复议|诉讼"),
    re.compile(r"收费|减免"),
    re.compile(r"存在的主要问题|改进"),
)
_MIN_TOPICS = 3

_AGENCY_CUT = re.compile(rf"(?:{_YEAR}\s*年度?)?\s*(?:政府)?信息公开")
_LEADING_YEAR = re.compile(rf"^{_YEAR}\s*年度?")
_TRAILING_YEAR = re.compile(rf"{_YEAR}\s*年度?$")
_PLACE_SUFFIX = re.compile(r"(?:省|市|县|区|镇|乡|旗|州|盟)$")
# Zones named …区 are not governments with a 人民政府 (平潭综合实验区 is reported under its own name).
_NOT_A_PLACE = re.compile(r"(?:实验区|试验区|开发区|新区|园区|示范区|保税区|管理区|合作区|景区|功能区|片区|社区|城区管委会)$")

_ISO_DATE = r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
_DATE = re.compile(rf"{_ISO_DATE}(?!\d)")
_CN_DATE = re.compile(rf"(?P<y>[{_CN_DIGIT}]{{4}})年(?P<m>[{_CN_DIGIT}十]{{1,3}})月(?P<d>[{_CN_DIGIT}十]{{1,3}})日")
_LABELLED_DATE = re.compile(rf"(?:发布日期|发布时间|公开日期|成文日期|发文日期|印发日期)\s*[::]?\s*{_ISO_DATE}")
_STATS_PERIOD = re.compile(r"统计(?:期限|时限|时间|周期)[^。]{0,6}?((?:19|20)\d{2})\s*年")


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    line: int  # 1-based; 0 when taken from the HTML <title>


# ---------------------------------------------------------------- titles

def clean_title(line: str) -> str:
    text = _TITLE_EMPHASIS.sub("", line.strip()).strip()
    text = re.sub(r"^(?:标题|题目|名称)\s*[::]\s*", "", text)
    return _TITLE_TAIL.sub(r"\1", text).strip()


def is_report_title(line: str) -> bool:
    return (len(line) <= _MAX_TITLE_LEN and "《" not in line and _REPORT_TITLE.search(line) is not None
            and _TITLE_YEAR.search(line) is not None and not line.startswith(("根据", "按照", "依据", "现将")))


_WRAP_PART = 40  # a title wrapped over two lines: each part is short


def find_report_title(lines: Sequence[str], html_title: str | None = None) -> Title | None:
    """The report title: a line, or two short lines that only joined make one (PDF and its
    conversions wrap titles: '淮安市人民政府' / '2024 年政府信息公开工作年度报告'; '2025 年上海市人民政府
    办公厅政府信息公开' / '工作年度报告'); a title without agency takes the agency line printed above it."""
    scope = lines[:_TITLE_SCOPE]
    for idx, raw in enumerate(scope):
        line = raw.strip()
        nxt = scope[idx + 1].strip() if idx + 1 < len(scope) else ""
        if is_report_title(line):
            prev = _previous_line(scope, idx)
            if agency_from_title(line) is None and prev and _looks_like_agency(prev):
                return Title(clean_title(prev + line), idx)
            return Title(clean_title(line), idx + 1)
        if line and nxt and len(line) <= _WRAP_PART and len(nxt) <= _WRAP_PART and not _REPORT_TITLE.search(line) \
                and is_report_title(line + nxt):
            return Title(clean_title(line + nxt), idx + 1)
    # <title> usually appends the site or column name ('…的函_政府信息公开年报'): test each part alone.
    for part in _HTML_TITLE_PARTS.split(html_title or ""):
        if is_report_title(part.strip()):
            return Title(clean_title(part), 0)
    return None


_AGENCY_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:人民政府|政府|办公厅|办公室|委员会|管委会|局|厅|部|署|院|会|处|街道办事处|中心)$")


def _looks_like_agency(line: str) -> bool:
    return _AGENCY_LINE.match(line.replace(" ", "")) is not None


def _previous_line(lines: Sequence[str], idx: int) -> str:
    for back in range(idx - 1, max(-1, idx - 3), -1):
        if lines[back].strip():
            return lines[back].strip()
    return ""


def title_from_file_name(source_name: str) -> Title | None:
    """A report title in the file name ('沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局_2025-12-30.html'),
    line 0: the last resort when neither the body nor the HTML <title> prints one."""
    stem = source_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for part in _HTML_TITLE_PARTS.split(stem):
        if is_report_title(part.strip()):
            return Title(clean_title(part), 0)
    return None


def find_other_document_title(lines: Sequence[str]) -> tuple[Title, str] | None:
    """First title of another kind of official document (函, 通知, 工作要点 …) and its kind."""
    for idx, line in enumerate(lines[:_TITLE_SCOPE]):
        m = _OTHER_DOC.match(line.strip())
        if m is not None:
            return Title(line.strip(), idx + 1), _DOC_KINDS[m["kind"] or m["kind2"]]
    return None


def has_report_content(text: str) -> bool:
    return sum(1 for topic in _CONTENT_TOPICS if topic.search(text)) >= _MIN_TOPICS


def rejection_reason(lines: Sequence[str], title: Title | None, has_tables: bool, has_numbers: bool = True
                     ) -> str | None:
    """None when the document is an annual report; otherwise why not, in words a person can act on."""
    form = blank_form_title(lines, title, has_numbers)
    if form is not None:
        return (f"not an annual report: '{form}' is the blank national form (a template: not one number is "
                "printed in its tables)")
    if has_tables:
        return None
    other = find_other_document_title(lines)
    # A <title> fallback (line 0) never outranks a document title printed in the body.
    if other is not None and (title is None or title.line == 0 or other[0].line < title.line):
        return (f"not an annual report: title is a {other[1]}: '{other[0].text}' (line {other[0].line}), "
                "and no 第二十条 statistics tables were found")
    if title is None:
        return ("not an annual report: no 政府信息公开工作年度报告 title in the first "
                f"{_TITLE_SCOPE} lines and no statistics tables")
    if not has_report_content("\n".join(lines)):
        return (f"not an annual report: the title '{title.text}' is there but the page has no report content "
                "(no 主动公开/依申请公开/复议诉讼 sections): a list page or a stub?")
    return None


# ---------------------------------------------------------------- agency and year

def agency_from_title(title: str) -> str | None:
    """陽江市人民政府2019年… -> 阳江市人民政府; 2019年度于洪区人民政府信息公开… -> 于洪区人民政府;
    广州市花都区狮岭镇政府信息公开… -> 广州市花都区狮岭镇人民政府; 河池市2018年… -> 河池市人民政府."""
    text = _LEADING_YEAR.sub("", clean_title(title)).strip()
    m = _AGENCY_CUT.search(text)
    if m is None:
        return None
    name = _TRAILING_YEAR.sub("", text[:m.start()]).strip(" -—_:")
    if not name:
        return None
    if name.endswith("人民"):
        return name + "政府"  # 于洪区人民|政府信息公开: the cut took 政府 as part of 政府信息公开
    if name.endswith("街道"):
        return name + "办事处"
    if _PLACE_SUFFIX.search(name) and not _NOT_A_PLACE.search(name):
        return name + "人民政府"  # a bare place name (河池市, …狮岭镇) speaks for its people's government
    return name


def full_agency_name(agency: str, lines: Sequence[str]) -> str:
    """The agency's full name when the signature or the opening lines print it with the place
    names its title left out (title 于洪区…, signed 沈阳市于洪区人民政府); else the title's name."""
    for line in (*lines[-_SIGNATURE_SCOPE:], *lines[:_OPENING_SCOPE]):
        at = line.find(agency)
        if at > 0:
            prefix = line[:at].strip()
            if _PLACE_PREFIX.fullmatch(prefix) and not agency.startswith(prefix):
                return prefix + agency
    return agency


_SOURCE_LINE = re.compile(r"^\s*(?:来源|发布机构|信息来源|发文机关|发布单位)\s*[:：]\s*(?P<name>[^\s|]{2,30})")


def agency_from_body(lines: Sequence[str]) -> tuple[str, str] | None:
    """(agency, where) when the title names none: the signature (落款: a line of its own naming a body
    near the end, usually above the date), else a 来源/发布机构 line near the top."""
    tail = [line.strip() for line in lines[-_SIGNATURE_SCOPE:] if line.strip()]
    for line in reversed(tail):
        if _looks_like_agency(line):
            return line.replace(" ", ""), "signature"
    for line in lines[:_TITLE_SCOPE]:
        m = _SOURCE_LINE.match(line)
        if m and _looks_like_agency(m["name"]):
            return m["name"], "来源 line"
    return None


_TEMPLATE_TITLE = re.compile(r"格式模板|模板|样表|格式(?:\s*[)）])?$|格式范本|参考格式")


def blank_form_title(lines: Sequence[str], title: Title | None, has_numbers: bool) -> str | None:
    """The title of the national form itself (…年度报告格式, 模板: a title with or without a year),
    when not one number is printed in its tables; None otherwise."""
    if has_numbers:
        return None
    heads = [title.text] if title is not None else []
    heads += [line.strip() for line in lines[:_TITLE_SCOPE] if len(line.strip()) <= _MAX_TITLE_LEN]
    for head in heads:
        if _REPORT_TITLE.search(head) and _TEMPLATE_TITLE.search(head):
            return head
    return None


def _year_value(text: str) -> int | None:
    return int(text) if text.isdigit() else parse_chinese_int(text)


def report_year(title: Title | None, lines: Sequence[str], publication: str | None) -> int | None:
    """The statistics year: from the title, else the printed statistics period, else publication − 1."""
    if title is not None:
        m = _TITLE_YEAR.search(title.text)
        if m:
            return _year_value(m.group(1))
    for line in lines[:_TITLE_SCOPE]:
        m = _STATS_PERIOD.search(line)
        if m:
            return int(m.group(1))
    if publication:
        return int(publication[:4]) - 1
    return None


# ---------------------------------------------------------------- publication date

def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    try:
        return date(y, m, d).isoformat() if y and m and d else None
    except ValueError:
        return None


def _date_in(line: str) -> str | None:
    m = _DATE.search(line)
    if m:
        return _iso(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _CN_DATE.search(line)
    if m:
        return _iso(parse_chinese_int(m["y"]), parse_chinese_int(m["m"]), parse_chinese_int(m["d"]))
    return None


def publication_date(lines: Sequence[str], title: Title | None, year: int | None = None) -> str | None:
    """ISO date the report was published, where printed: a labelled date (发布日期 …), else a date
    right under the title, else the signature date at the end. Dates before the report year are
    not publication dates (they are inside the statistics period or quotes)."""
    def plausible(iso: str | None) -> bool:
        return iso is not None and (year is None or int(iso[:4]) >= year)

    for line in lines[:_TITLE_SCOPE]:
        m = _LABELLED_DATE.search(line)
        if m:
            iso = _iso(int(m["y"]), int(m["m"]), int(m["d"]))
            if plausible(iso):
                return iso
    if title is not None and title.line > 0:
        for line in lines[title.line:title.line + 4]:
            iso = _date_in(line) if len(line) <= 60 else None
            if plausible(iso):
                return iso
    for line in reversed(lines[-15:]):
        stripped = line.strip()
        if len(stripped) <= 40:
            iso = _date_in(stripped)
            if plausible(iso):
                return iso
    return None
