"""Report prose: the paragraphs of each section, with the numbers a real report states in its text.

Returns the paragraphs and the narrative facts they state (fact codes of extractors.narrative where one
exists), computed from the consistent numbers: prose is written apart from the tables, so a publisher's
slip in a table does not reach the text (seed 004 says 已办结 while its table prints 总计 2).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .names import Agency
from .printed import Style

_CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """0..99 in Chinese numerals (十二, 二十, 两 is used by callers for 2 where idiomatic)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + ("" if ones == 0 else _CN_DIGITS[ones])


@dataclass(slots=True)
class Prose:
    """Paragraphs per section heading (in order) and the facts they state."""

    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    facts: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class _Writer:
    def __init__(self, rng: random.Random, style: Style):
        self.rng, self.style = rng, style

    def num(self, n: int, unit: str = "件") -> str:
        """A count as prose prints it: digits, sometimes Chinese numerals for small numbers."""
        if n <= 12 and self.rng.random() < 0.2:
            return ("两" if n == 2 and unit in ("件", "起", "次") else chinese_numeral(n)) + unit
        return self.style.digits(str(n)) + unit

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)


def _self_name(agency: Agency) -> str:
    """How the report calls its own body: 我市/我县/我镇 from the place, 我局 for bureaus."""
    if agency.level in ("bureau", "commission", "office"):
        return "我局" if agency.level == "bureau" else "本机关"
    place = agency.name.removesuffix("人民政府").removesuffix("办事处")
    return {"省": "我省", "市": "我市", "区": "我区", "县": "我县", "镇": "我镇", "乡": "我乡", "道": "我街道"}.get(
        place[-1:], "本机关")


def _proactive_paragraph(w: _Writer, prose: Prose, year: int, agency: Agency) -> str:
    published = int(10 ** w.rng.uniform(1.5, 4.5))
    prose.facts["items_proactively_published"] = published
    interpret = w.rng.randint(3, 200)
    return (f"（一）主动公开。{w.style.digits(str(year))}年，{_self_name(agency)}坚持以公开为常态、不公开为例外，"
            f"通过政府门户网站主动公开政府信息{w.num(published, '条')}，发布政策解读{w.num(interpret, '篇')}，"
            f"及时回应社会关切，{w.pick('政务公开质效进一步提升。', '切实保障人民群众的知情权、参与权和监督权。')}")


def _request_paragraph(w: _Writer, prose: Prose, requests: dict) -> str:
    new, over = requests["new_received"]["total"], requests["carried_over"]["total"]
    forward = requests["carried_forward"]["total"]
    if new == 0 and over == 0:
        prose.facts["applications_received"] = 0
        return "（二）依申请公开。本年度未收到政府信息公开申请，无上年结转申请。"
    if over and w.rng.random() < 0.3:
        # The ambiguous form (pingtan-zone-2022): the stated count includes the carried-over requests.
        prose.facts["applications_received"] = new + over
        prose.notes.append(f"prose 收到申请{new + over}件 = new_received {new} + carried_over {over}")
        return (f"（二）依申请公开。全年共收到政府信息公开申请{w.num(new + over)}（含上年结转{w.num(over)}），"
                "均在法定期限内予以答复。")
    prose.facts["applications_received"] = new
    text = f"（二）依申请公开。全年共收到政府信息公开申请{w.num(new)}"
    if over:
        prose.facts["applications_carried_over"] = over
        text += f"，上年结转{w.num(over)}"
    if forward:
        prose.facts["applications_carried_forward"] = forward
        text += f"，结转下年度继续办理{w.num(forward)}"
    return text + "，未向申请人收取任何费用。"


def _review_sentence(w: _Writer, prose: Prose, review: dict) -> str:
    reviews = review["admin_review"]["total"]
    lawsuits = review["litigation_direct"]["total"] + review["litigation_after_review"]["total"]
    if reviews == 0 and lawsuits == 0:
        return "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    prose.facts["admin_review_total"] = reviews
    prose.facts["litigation_total"] = lawsuits
    upheld = review["admin_review"]["upheld"]
    detail = f"，其中维持{w.num(upheld)}" if reviews and upheld else ""
    return f"全年发生政府信息公开行政复议{w.num(reviews)}{detail}，行政诉讼{w.num(lawsuits)}。"


_MANAGEMENT = (
    "（三）政府信息管理。严格落实公文公开属性源头认定制度，健全信息发布保密审查机制，对拟公开的政府信息依法依规做好审查。",
    "（三）政府信息管理。动态调整政府信息公开目录，规范政策文件发布格式，做好行政规范性文件的清理工作。",
)
_PLATFORM = (
    "（四）平台建设。持续优化政府门户网站信息公开专栏，加强政务新媒体日常监管，确保平台安全平稳运行。",
    "（四）政府信息公开平台建设。依托政府网站集约化平台，完善政策文件库，提升检索和查阅便利度。",
)
_OVERSIGHT = "（五）监督保障。将政务公开工作纳入年度绩效考核，组织开展业务培训{n}，不断提升工作人员业务水平。"
_PROBLEMS = (
    "政府信息公开工作仍存在一些不足：一是政策解读形式不够丰富；二是基层公开标准化规范化水平有待提高。"
    "下一步，将进一步加强业务培训，完善公开目录，提升公开质量。",
    "存在的主要问题是公开内容的及时性和完整性有待加强，工作人员业务能力需进一步提升。"
    "改进措施：健全工作机制，强化督促检查，推动政务公开工作提质增效。",
)
_OTHER_MATTERS = (
    "本年度未收取政府信息公开信息处理费。",
    "依据《政府信息公开信息处理费管理办法》，本年度没有产生信息公开处理费。无其他需要报告的事项。",
)


def template_report(agency: Agency, year: int, template: str, requests: dict, review: dict,
                    rng: random.Random, style: Style) -> Prose:
    """Prose of a 2019/2021-template report; the table sections get their tables from the renderer."""
    w = _Writer(rng, style)
    prose = Prose()
    overview = [
        f"{w.style.digits(str(year))}年，{agency.name}深入贯彻落实《中华人民共和国政府信息公开条例》，"
        "围绕中心工作扎实推进政务公开，各项工作取得积极成效。",
        _proactive_paragraph(w, prose, year, agency),
        _request_paragraph(w, prose, requests) + _review_sentence(w, prose, review),
        rng.choice(_MANAGEMENT),
        rng.choice(_PLATFORM),
        _OVERSIGHT.format(n=w.num(rng.randint(1, 12), "次")),
    ]
    prose.sections = [
        ("一、总体情况", overview),
        ("二、主动公开政府信息情况", []),
        ("三、收到和处理政府信息公开申请情况", []),
        ("四、政府信息公开行政复议、行政诉讼情况", []),
        ("五、存在的主要问题及改进情况", [rng.choice(_PROBLEMS)]),
        ("六、其他需要报告的事项", [rng.choice(_OTHER_MATTERS)]),
    ]
    return prose


# ------------------------------------------------------------------------------------ pre-2019

@dataclass(frozen=True, slots=True)
class OldStats:
    """The numbers of a pre-2019 report (prose and the optional 附件 statistics table)."""

    published: int
    via_website: int
    received: int
    in_person: int
    online: int
    letter: int
    granted: int
    partial: int
    denied: int
    reviews: int
    lawsuits: int


def old_stats(rng: random.Random) -> OldStats:
    published = int(10 ** rng.uniform(1.5, 4.3))
    received = 0 if rng.random() < 0.2 else int(10 ** rng.uniform(0, 2.5))
    in_person = rng.randint(0, received)
    online = rng.randint(0, received - in_person)
    granted = rng.randint(0, received)
    partial = rng.randint(0, received - granted)
    reviews = 0 if rng.random() < 0.7 else rng.randint(1, 5)
    return OldStats(published, rng.randint(published // 2, published), received, in_person, online,
                    received - in_person - online, granted, partial, received - granted - partial, reviews,
                    0 if rng.random() < 0.85 else rng.randint(1, 3))


def pre2019_report(agency: Agency, year: int, stats: OldStats, rng: random.Random, style: Style) -> Prose:
    w = _Writer(rng, style)
    prose = Prose()
    s = stats
    prose.facts.update(items_proactively_published=s.published, applications_received=s.received)
    if s.received:
        requests = (f"{w.style.digits(str(year))}年共收到政府信息公开申请{w.num(s.received)}，其中当面申请{w.num(s.in_person)}，"
                    f"网上申请{w.num(s.online)}，信函申请{w.num(s.letter)}；已全部答复，其中同意公开{w.num(s.granted)}，"
                    f"同意部分公开{w.num(s.partial)}，不予公开{w.num(s.denied)}。")
    else:
        requests = f"{w.style.digits(str(year))}年未收到政府信息公开申请。"
    if s.reviews or s.lawsuits:
        prose.facts.update(admin_review_total=s.reviews, litigation_total=s.lawsuits)
        review = f"全年因政府信息公开申请行政复议{w.num(s.reviews)}，提起行政诉讼{w.num(s.lawsuits)}。"
    else:
        review = "全年未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"
    prose.sections = [
        ("一、概述", [f"{w.style.digits(str(year))}年，{agency.name}认真贯彻《中华人民共和国政府信息公开条例》，"
                    "健全政府信息公开工作机制，不断拓展公开渠道，政府信息公开工作稳步推进。"]),
        ("二、主动公开政府信息情况", [
            f"全年主动公开政府信息{w.num(s.published, '条')}，其中通过政府门户网站公开{w.num(s.via_website, '条')}，"
            "公开内容涵盖机构职能、政策法规、规划计划、行政许可等类别。"]),
        ("三、依申请公开政府信息情况", [requests]),
        ("四、政府信息公开的收费及减免情况", ["本年度未收取政府信息公开相关费用，无减免情况。"]),
        ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", [review]),
        ("六、存在的主要问题及改进措施", [rng.choice(_PROBLEMS)]),
    ]
    return prose


# (fact code, printed label) of the old 附件 statistics table (pingtan-county-2012): 本年度 / 历年累计.
OLD_TABLE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("active_disclosed", "主动公开信息数", "published"),
    ("active_via_website", "其中：1.网站公开", "via_website"),
    ("requests_received", "受理依申请公开信息总数", "received"),
    ("requests_in_person", "其中：1.当面申请数", "in_person"),
    ("requests_online", "2.网上申请数", "online"),
    ("requests_letter", "3.信函申请数", "letter"),
    ("replies_granted", "1.同意公开答复数", "granted"),
    ("replies_partially_granted", "2.同意部分公开答复数", "partial"),
    ("replies_denied", "3.否决公开答复数", "denied"),
    ("admin_review", "行政复议数", "reviews"),
    ("admin_litigation", "行政诉讼数", "lawsuits"),
)


def old_table_rows(stats: OldStats, rng: random.Random) -> list[tuple[str, str, int, int]]:
    """(code, label, this year, cumulative) per row; cumulative = this year + earlier years."""
    return [(code, label, getattr(stats, attr), getattr(stats, attr) + rng.randint(0, 3 * getattr(stats, attr) + 5))
            for code, label, attr in OLD_TABLE_ROWS]
