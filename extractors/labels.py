"""Scored matching of printed labels against the catalogue (catalogue.py is the only label source).

Printed labels carry numbering (`(三)`, `1.`, `一、`), stray spaces, quotes and typos (危机 for 危及,
属于行政法案卷). Matching strips numbering and punctuation, then scores with difflib's ratio, so a
one-character typo still matches while short distinct labels (其他 vs 其他处理) do not.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from . import catalogue
from .normalise import label_to_mainland

MATCH_THRESHOLD = 0.8

_NUMBERING = re.compile(
    r"^(?:\s|其中\s*[::]?|[一二三四五六七八九十]+[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)|\d+\s*[.、]|[①-⑳])+"
)
_NON_WORD = re.compile(r"[\W_]+")


class Match(NamedTuple):
    code: str | None
    score: float


@lru_cache(maxsize=16384)
def clean_label(label: str) -> str:
    """Strip numbering, whitespace and punctuation: '3.危及“三安全一稳定”' -> '危及三安全一稳定'."""
    text = label_to_mainland(unicodedata.normalize("NFKC", label).strip())
    text = _NUMBERING.sub("", text)
    return _NON_WORD.sub("", text)


def similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    # quick_ratio is an upper bound of ratio and much cheaper: skip hopeless candidates early.
    if matcher.quick_ratio() < MATCH_THRESHOLD - 0.2:
        return 0.0
    return matcher.ratio()


def _candidates(defs) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((getattr(d, "row", None) or d.column,
                  tuple(clean_label(lbl) for lbl in (d.label_zh, *d.variants))) for d in defs)


_REQUEST_ROWS = _candidates(catalogue.REQUEST_METRICS)
_APPLICANTS = _candidates(catalogue.APPLICANT_TYPES)
_OUTCOMES = _candidates(catalogue.REVIEW_OUTCOMES)
_PROCEEDINGS = _candidates(catalogue.REVIEW_METRICS)
_OLD_STATS = tuple((d.code, tuple(clean_label(lbl) for lbl in (d.label_zh, *d.variants)))
                   for d in catalogue.OLD_STATISTICS)
_PROACTIVE_ITEMS = _candidates(catalogue.PROACTIVE_METRICS)
_PROACTIVE_MEASURES = _candidates(catalogue.PROACTIVE_MEASURES)
_REQUEST_PARENT = {m.row: m.parent for m in catalogue.REQUEST_METRICS}
_GROUP_HEADINGS = tuple((h, (clean_label(h),)) for h in catalogue.REQUEST_GROUP_HEADINGS)
# Preference for a sub-row under the group heading it belongs to (breaks near-ties such as 其他).
_GROUP_BONUS = 0.05


def _best(cleaned: str, candidates) -> Match:
    best = Match(None, 0.0)
    for code, labels in candidates:
        for lbl in labels:
            score = similarity(cleaned, lbl)
            if score > best.score:
                best = Match(code, score)
    return best


# A numbering marker inside a label: a group heading printed in the same cell as its first sub-row
# ('(三)不予公开1.属于国家秘密', '三、本年度办理结果(一)予以公开').
_INNER_NUMBERING = re.compile(r"(?<=\S)(?:\(\s*[一二三四五六七八九十]+\s*\)|(?<![\d.])\d{1,2}\s*[.、](?!\d)|(?<![一二三四五六七八九十])[一二三四五六七八九十]、)")


@lru_cache(maxsize=8192)
def split_group_prefix(label: str) -> tuple[str | None, str]:
    """(group heading, rest) when the label starts with a group heading followed by a numbered
    sub-row label; (None, label) otherwise."""
    text = unicodedata.normalize("NFKC", label)
    cuts = [m.start() for m in _INNER_NUMBERING.finditer(text)]
    for cut in reversed(cuts):
        prefix, rest = text[:cut], text[cut:]
        heading = _best(clean_label(prefix), _GROUP_HEADINGS)
        if heading.score >= MATCH_THRESHOLD or _best(clean_label(prefix), _REQUEST_ROWS).score < MATCH_THRESHOLD:
            return (heading.code if heading.score >= MATCH_THRESHOLD else None), rest
    return None, label


@lru_cache(maxsize=8192)
def match_request_row(label: str, group: str | None = None) -> Match:
    """match_row_label, and failing that the label without a group heading printed before it."""
    found = _match_request_row(label, group)
    if found.code is not None:
        return found
    prefix_group, rest = split_group_prefix(label)
    if rest == label:
        return found
    inner = _match_request_row(rest, prefix_group or group)
    return inner if inner.code is not None else found


def _match_request_row(label: str, group: str | None = None) -> Match:
    """Best 表三 row code for a printed label; code None below the threshold. `group` is the
    current group heading (e.g. 其他处理): sub-rows of other groups are not accepted for short,
    generic labels such as 其他."""
    cleaned = clean_label(label)
    best = Match(None, 0.0)
    for code, labels in _REQUEST_ROWS:
        parent = _REQUEST_PARENT[code]
        same_group = parent is not None and parent == group
        for lbl in labels:
            score = similarity(cleaned, lbl)
            bonus = _GROUP_BONUS if same_group and score > 0 else 0.0
            if parent is not None and parent != group and len(lbl) <= 2:
                score = 0.0  # '其他' only means other_other under (六)其他处理
            if score + bonus > best.score:
                best = Match(code, min(1.0, score + bonus))
    return best if best.score >= MATCH_THRESHOLD else Match(None, best.score)


@lru_cache(maxsize=4096)
def match_group_heading(label: str) -> Match:
    best = _best(clean_label(label), _GROUP_HEADINGS)
    return best if best.score >= MATCH_THRESHOLD else Match(None, best.score)


@lru_cache(maxsize=4096)
def match_proactive_item(label: str) -> Match:
    best = _best(clean_label(label), _PROACTIVE_ITEMS)
    return best if best.score >= MATCH_THRESHOLD else Match(None, best.score)


@lru_cache(maxsize=4096)
def match_proactive_measure(label: str) -> Match:
    best = _best(clean_label(label), _PROACTIVE_MEASURES)
    return best if best.score >= MATCH_THRESHOLD else Match(None, best.score)


def _matcher(candidates):
    @lru_cache(maxsize=4096)
    def match(label: str) -> Match:
        best = _best(clean_label(label), candidates)
        return best if best.score >= MATCH_THRESHOLD else Match(None, best.score)
    return match


match_applicant = _matcher(_APPLICANTS)  # 表三 column header -> applicant type (其他 -> other_org)
match_review_outcome = _matcher(_OUTCOMES)  # 表四 column header -> outcome
match_review_proceeding = _matcher(_PROCEEDINGS)  # 表四 group header -> proceeding
match_old_statistic = _matcher(_OLD_STATS)  # pre-2019 statistics-table row label
