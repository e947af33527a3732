"""Numbers stated in the prose: requests received/answered, reviews and lawsuits, items published.

Fact codes (the documented set; downstream joins on these strings):

| fact | meaning |
|---|---|
| applications_received | requests received ("共收到政府信息公开申请104件"; may include carried-over ones) |
| applications_carried_over | requests carried over from last year ("上年结转56件") |
| applications_answered | requests answered ("答复43件"; not 按期/延期/同意公开 sub-counts) |
| applications_closed | requests closed ("办结数19件") |
| applications_carried_forward | requests carried into next year ("结转下年7件") |
| admin_review_{total,upheld,corrected,other,pending} | 行政复议 cases and outcomes |
| litigation_{total,upheld,corrected,other,pending} | 行政诉讼 cases and outcomes (direct + after review) |
| review_litigation_{total,upheld,corrected,other,pending} | combined sentences ("复议、诉讼案件共46件,维持结果20件…") |
| items_proactively_published | information items proactively published ("主动公开信息5604条") |

Approximate numbers (约5000条, 5300余条) are not facts and are skipped. `metrics` name the table
cells a fact states unambiguously (see `_metrics_for`).
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from .model import Locator, NarrativeFact
from .numerals import CHINESE_NUMERAL_CHARS, parse_number

APPLICATIONS_RECEIVED = "applications_received"
APPLICATIONS_CARRIED_OVER = "applications_carried_over"
APPLICATIONS_ANSWERED = "applications_answered"
APPLICATIONS_CLOSED = "applications_closed"
APPLICATIONS_CARRIED_FORWARD = "applications_carried_forward"
ITEMS_PROACTIVELY_PUBLISHED = "items_proactively_published"
PROCEEDING_FACTS = ("admin_review", "litigation", "review_litigation")
OUTCOME_SUFFIXES = ("total", "upheld", "corrected", "other", "pending")
FACT_CODES: tuple[str, ...] = (
    APPLICATIONS_RECEIVED, APPLICATIONS_CARRIED_OVER, APPLICATIONS_ANSWERED, APPLICATIONS_CLOSED,
    APPLICATIONS_CARRIED_FORWARD,
    *(f"{p}_{o}" for p in PROCEEDING_FACTS for o in OUTCOME_SUFFIXES),
    ITEMS_PROACTIVELY_PUBLISHED,
)

_NUM = rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?|[{CHINESE_NUMERAL_CHARS}]+)"
_UNIT = r"(?P<unit>件|条|宗|起|个|次|份|项)"
_NUM_UNIT = rf"{_NUM}\s*{_UNIT}"
_GAP = r"[^,;:。\d]"  # stays inside one clause and never skips another number
_NOT_REQUESTS = re.compile(r"复议|诉讼|留言|信件|来信|投诉|举报|热线|审批|办件|业务|事项")

_CTX_BEFORE = 4
_SENTENCE = re.compile(r"[^。!?]+[。!?]?")
_APPROX_BEFORE = ("约", "近", "逾", "超过", "达到约")

# (fact, regex); the regex has groups num/unit, and optional `ctx` checked against _NOT_REQUESTS.
_SIMPLE_FACTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (APPLICATIONS_RECEIVED, re.compile(
        rf"(?:收到|受理|接收|接到|共收)(?P<ctx>{_GAP}{{0,25}}?申请{_GAP}{{0,12}}?){_NUM_UNIT}")),
    (APPLICATIONS_RECEIVED, re.compile(
        rf"(?:收到|受理|接收|接到)了?{_NUM_UNIT}(?P<ctx>{_GAP}{{0,15}}?申请)")),
    (APPLICATIONS_CARRIED_OVER, re.compile(rf"(?:上年度?|上一年度?)结转{_GAP}{{0,15}}?{_NUM_UNIT}")),
    (APPLICATIONS_ANSWERED, re.compile(
        rf"(?<!按期)(?<!延期)(?<!逾期)(?<!按时)(?<!公开)答复(?P<ctx>{_GAP}{{0,15}}?){_NUM_UNIT}")),
    (APPLICATIONS_CLOSED, re.compile(rf"办结(?:数|量)?(?P<ctx>{_GAP}{{0,6}}?){_NUM_UNIT}")),
    (APPLICATIONS_CARRIED_FORWARD, re.compile(
        rf"结转(?:至|到)?下(?:一)?年度?(?:继续办理)?{_GAP}{{0,6}}?{_NUM_UNIT}")),
    (ITEMS_PROACTIVELY_PUBLISHED, re.compile(
        rf"主动公开{_GAP}{{0,12}}?(?:信息|政府信息|文件){_GAP}{{0,4}}?{_NUM}\s*(?P<unit>条|件)")),
)
_NO_REQUESTS = re.compile(rf"(?:未|没有|无)(?:收到|受理|接到){_GAP}{{0,20}}?(?:信息公开|依申请公开){_GAP}{{0,6}}?申请")

# Review/litigation sentences are read as a sequence: each number belongs to the proceeding last
# named before it, and is its total unless an outcome word stands between them.
_PROCEEDING = re.compile(r"(?P<both>复议[、和及与]\s*(?:行政)?诉讼|诉讼[、和及与]\s*(?:行政)?复议)"
                         r"|(?P<review>复议)|(?P<litigation>诉讼|起诉)")
_OUTCOME = (
    ("upheld", re.compile(r"维持|胜诉")),
    ("corrected", re.compile(r"纠正|纠错|撤销|败诉|确认违法")),
    ("other", re.compile(r"其他结果|其他方式")),
    ("pending", re.compile(r"尚未审结|未审结|审理中|正在审理|未结案")),
)
_SENTENCE_NUMBER = re.compile(_NUM_UNIT)
_MAX_LEAD = 25  # a keyword further than this before its number is not about it
_NO_PROCEEDING = re.compile(r"(?:未|没有|无)(?:发生|出现|收到|接到)?(?P<lead>[^,;:。\d]{0,20}?)(?P<kw>行政复议|行政诉讼)")


def sentences(lines: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(1-based line, sentence) for every sentence; a sentence never spans lines."""
    for idx, line in enumerate(lines):
        if len(line) < 6:
            continue  # table cells and headings
        for m in _SENTENCE.finditer(line):
            text = m.group().strip()
            if text:
                yield idx + 1, text


def _is_approximate(sentence: str, start: int, end: int) -> bool:
    return sentence[max(0, start - 2):start].endswith(_APPROX_BEFORE) or sentence[end:end + 1] in ("余", "多")


def _simple_facts(sentence: str) -> Iterator[tuple[str, float, str]]:
    for fact, pattern in _SIMPLE_FACTS:
        for m in pattern.finditer(sentence):
            # The words just before the verb count too: 投诉回复, 留言答复 are not disclosure requests.
            ctx = sentence[max(0, m.start() - _CTX_BEFORE):m.start()] + (m.groupdict().get("ctx") or "")
            if fact in (APPLICATIONS_RECEIVED, APPLICATIONS_ANSWERED, APPLICATIONS_CLOSED) and _NOT_REQUESTS.search(ctx):
                continue
            if _is_approximate(sentence, m.start("num"), m.end("num")):
                continue
            value = parse_number(m["num"])
            if value is not None:
                yield fact, value, "count"
    for m in _NO_REQUESTS.finditer(sentence):
        if not _NOT_REQUESTS.search(m.group()):  # 未收到…行政复议申请 is about reviews, not requests
            yield APPLICATIONS_RECEIVED, 0.0, "count"
            break


def _proceeding_facts(sentence: str) -> Iterator[tuple[str, float, str]]:
    current: str | None = None
    previous_end = 0
    for m in _SENTENCE_NUMBER.finditer(sentence):
        lead = sentence[previous_end:m.start()]
        previous_end = m.end()
        near = lead[-_MAX_LEAD:]
        mentions = list(_PROCEEDING.finditer(near))
        if mentions:
            last = mentions[-1]
            current = "review_litigation" if last["both"] else "admin_review" if last["review"] else "litigation"
        elif any(ch in lead for ch in "。;"):
            current = None
        if current is None or _is_approximate(sentence, m.start("num"), m.end("num")):
            continue
        outcome = next((name for name, rx in _OUTCOME if rx.search(near)), None)
        if outcome is None and not mentions:
            continue  # a number after the proceeding that is neither its total nor an outcome
        value = parse_number(m["num"])
        if value is not None:
            yield f"{current}_{outcome or 'total'}", value, "count"
    for m in _NO_PROCEEDING.finditer(sentence):
        if _SENTENCE_NUMBER.search(sentence, m.end()) is None or "情况" in sentence[m.end():m.end() + 4]:
            kind = "admin_review" if m["kw"] == "行政复议" else "litigation"
            yield f"{kind}_total", 0.0, "count"


def _metrics_for(fact: str, value: float, template: str | None) -> tuple[tuple[str, str, str], ...]:
    """Table cells a fact states unambiguously.

    - carried over / carried forward and 行政复议 counts map to one cell in every template;
    - "received N" is new_received only before 2019 (no carry-over column existed); from 2019 it
      may be new_received or new_received + carried_over (domain.md), so it maps to nothing;
    - litigation: only "no lawsuits" is unambiguous (both litigation blocks' totals are 0);
    - answered/closed and combined review+litigation counts are sums of several cells: nothing.
    """
    if fact == APPLICATIONS_RECEIVED:
        return (("requests", "new_received", "total"),) if template == "pre2019" else ()
    if fact == APPLICATIONS_CARRIED_OVER:
        return (("requests", "carried_over", "total"),)
    if fact == APPLICATIONS_CARRIED_FORWARD:
        return (("requests", "carried_forward", "total"),)
    if fact.startswith("admin_review_"):
        return (("review_litigation", "admin_review", fact.removeprefix("admin_review_")),)
    if fact == "litigation_total" and value == 0:
        return (("review_litigation", "litigation_direct", "total"),
                ("review_litigation", "litigation_after_review", "total"))
    return ()


def extract_facts(lines: Sequence[str], template: str | None) -> list[NarrativeFact]:
    facts: list[NarrativeFact] = []
    seen: set[tuple[str, float, int]] = set()
    for line_no, sentence in sentences(lines):
        for fact, value, unit in (*_simple_facts(sentence), *_proceeding_facts(sentence)):
            key = (fact, value, line_no)
            if key in seen:
                continue
            seen.add(key)
            facts.append(NarrativeFact(fact=fact, value=value, unit=unit, sentence=sentence,
                                       locator=Locator(line_no, line_no),
                                       metrics=_metrics_for(fact, value, template)))
    return facts
