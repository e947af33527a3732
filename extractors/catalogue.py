"""The one catalogue of metrics (rows) and columns of 表二, 表三 and 表四.

Codes are the public contract of the warehouse (domain.md). The Chinese label is the canonical
printed label (2021 template wording); `variants` are other printed forms seen in the wild (label typos,
older template wording) that the label matcher accepts. dim_metric and dim_applicant_type are built
from this module, so a label lives here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MetricDef:
    table: str  # proactive | requests | review_litigation
    row: str  # row code
    label_zh: str
    label_en: str
    unit: str  # 'count' or the amount unit the template prescribes
    sort_order: int
    templates: tuple[str, ...] = ("2019", "2021")
    variants: tuple[str, ...] = ()
    parent: str | None = None  # for sub-rows: the heading they sit under (e.g. denied)


@dataclass(frozen=True, slots=True)
class ColumnDef:
    table: str
    column: str
    label_zh: str
    label_en: str
    sort_order: int
    variants: tuple[str, ...] = ()


_R = "requests"
REQUEST_METRICS: tuple[MetricDef, ...] = (
    MetricDef(_R, "new_received", "本年新收政府信息公开申请数量", "New requests received this year", "count", 1,
              variants=("本年新收到政府信息公开申请数量",)),
    MetricDef(_R, "carried_over", "上年结转政府信息公开申请数量", "Requests carried over from last year", "count", 2,
              variants=("上年结转政府信息公开数量",)),
    MetricDef(_R, "granted", "予以公开", "Granted", "count", 3),
    MetricDef(_R, "partially_granted", "部分公开（区分处理的，只计这一情形，不计其他情形）", "Partially granted", "count", 4,
              variants=("部分公开",)),
    MetricDef(_R, "denied_state_secret", "属于国家秘密", "Denied: state secret", "count", 5, parent="不予公开"),
    MetricDef(_R, "denied_law_prohibited", "其他法律行政法规禁止公开", "Denied: prohibited by other laws", "count", 6,
              parent="不予公开"),
    MetricDef(_R, "denied_security_stability", "危及“三安全一稳定”", "Denied: endangers the 'three securities and one stability'",
              "count", 7, parent="不予公开", variants=("危机“三安全一稳定”",)),
    MetricDef(_R, "denied_third_party", "保护第三方合法权益", "Denied: protects third-party rights", "count", 8,
              parent="不予公开"),
    MetricDef(_R, "denied_internal_affairs", "属于三类内部事务信息", "Denied: internal affairs", "count", 9,
              parent="不予公开"),
    MetricDef(_R, "denied_process_info", "属于四类过程性信息", "Denied: process information", "count", 10,
              parent="不予公开"),
    MetricDef(_R, "denied_enforcement_file", "属于行政执法案卷", "Denied: administrative enforcement file", "count", 11,
              parent="不予公开", variants=("属于行政法案卷",)),
    MetricDef(_R, "denied_admin_query", "属于行政查询事项", "Denied: administrative query matter", "count", 12,
              parent="不予公开"),
    MetricDef(_R, "unavailable_not_held", "本机关不掌握相关政府信息", "Unavailable: not held by this body", "count", 13,
              parent="无法提供"),
    MetricDef(_R, "unavailable_needs_creation", "没有现成信息需要另行制作", "Unavailable: would need to be created", "count",
              14, parent="无法提供", variants=("没有现成信息需另行制作",)),
    MetricDef(_R, "unavailable_unclear", "补正后申请内容仍不明确", "Unavailable: still unclear after correction", "count",
              15, parent="无法提供"),
    MetricDef(_R, "not_processed_complaint", "信访举报投诉类申请", "Not processed: petition/complaint", "count", 16,
              parent="不予处理"),
    MetricDef(_R, "not_processed_duplicate", "重复申请", "Not processed: duplicate request", "count", 17, parent="不予处理"),
    MetricDef(_R, "not_processed_publication", "要求提供公开出版物", "Not processed: asks for a publication", "count", 18,
              parent="不予处理"),
    MetricDef(_R, "not_processed_excessive", "无正当理由大量反复申请", "Not processed: excessive repeated requests",
              "count", 19, parent="不予处理"),
    MetricDef(_R, "not_processed_confirmation", "要求行政机关确认或重新出具已获取信息",
              "Not processed: asks to confirm or reissue information already obtained", "count", 20, parent="不予处理"),
    MetricDef(_R, "other_no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
              "Other: applicant did not supply corrections in time", "count", 21, templates=("2021",), parent="其他处理"),
    MetricDef(_R, "other_no_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
              "Other: applicant did not pay the fee in time", "count", 22, templates=("2021",), parent="其他处理"),
    MetricDef(_R, "other_other", "其他", "Other: other", "count", 23, templates=("2021",), parent="其他处理"),
    MetricDef(_R, "other_total", "其他处理", "Other handling (single row, 2019 template)", "count", 24,
              templates=("2019",)),
    MetricDef(_R, "total_processed", "总计", "Total processed", "count", 25),
    MetricDef(_R, "carried_forward", "结转下年度继续办理", "Carried forward to next year", "count", 26),
)

_V = "review_litigation"
REVIEW_METRICS: tuple[MetricDef, ...] = (
    MetricDef(_V, "admin_review", "行政复议", "Administrative reconsideration", "count", 1),
    MetricDef(_V, "litigation_direct", "未经复议直接起诉", "Lawsuit without prior reconsideration", "count", 2,
              variants=("直接起诉",)),
    MetricDef(_V, "litigation_after_review", "复议后起诉", "Lawsuit after reconsideration", "count", 3),
)

_P = "proactive"
PROACTIVE_METRICS: tuple[MetricDef, ...] = (
    MetricDef(_P, "regulations", "规章", "Rules (规章)", "count", 1),
    MetricDef(_P, "normative_documents", "行政规范性文件", "Normative documents", "count", 2, variants=("规范性文件",)),
    MetricDef(_P, "admin_licensing", "行政许可", "Administrative licensing", "count", 3),
    MetricDef(_P, "other_admin_services", "其他对外管理服务事项", "Other external management services", "count", 4,
              templates=("2019",)),
    MetricDef(_P, "admin_penalty", "行政处罚", "Administrative penalties", "count", 5),
    MetricDef(_P, "admin_coercion", "行政强制", "Administrative coercive measures", "count", 6),
    MetricDef(_P, "admin_fees", "行政事业性收费", "Administrative fees", "count", 7),
    MetricDef(_P, "govt_procurement", "政府集中采购", "Centralised government procurement", "count", 8,
              templates=("2019",)),
)

METRICS: tuple[MetricDef, ...] = REQUEST_METRICS + REVIEW_METRICS + PROACTIVE_METRICS

APPLICANT_TYPES: tuple[ColumnDef, ...] = (
    ColumnDef(_R, "natural_person", "自然人", "Natural person", 1, variants=("公民",)),
    ColumnDef(_R, "commercial_enterprise", "商业企业", "Commercial enterprise", 2, variants=("商业企业法人",)),
    ColumnDef(_R, "research_institution", "科研机构", "Research institution", 3),
    ColumnDef(_R, "public_interest_org", "社会公益组织", "Public-interest organisation", 4, variants=("公益组织",)),
    ColumnDef(_R, "legal_service_org", "法律服务机构", "Legal service organisation", 5),
    ColumnDef(_R, "other_org", "其他", "Other organisation", 6, variants=("其他组织", "其它")),
    ColumnDef(_R, "subtotal_org", "小计", "Legal persons and other organisations, subtotal (when printed)", 7),
    ColumnDef(_R, "total", "总计", "Total", 8, variants=("合计", "总数")),
)

REVIEW_OUTCOMES: tuple[ColumnDef, ...] = (
    ColumnDef(_V, "upheld", "结果维持", "Upheld", 1, variants=("维持",)),
    ColumnDef(_V, "corrected", "结果纠正", "Corrected", 2, variants=("纠正",)),
    ColumnDef(_V, "other", "其他结果", "Other outcome", 3, variants=("其他", "其它结果")),
    ColumnDef(_V, "pending", "尚未审结", "Pending", 4, variants=("未审结",)),
    ColumnDef(_V, "total", "总计", "Total", 5, variants=("合计",)),
)

# 表二 measures: the column headers of each 第二十条 item, both templates. Amount measures keep the unit
# printed with each value; `change` is a signed delta.
PROACTIVE_MEASURES: tuple[ColumnDef, ...] = (
    ColumnDef(_P, "new_made", "本年新制作数量", "Made this year (2019 template)", 1),
    ColumnDef(_P, "new_published", "本年新公开数量", "Published this year (2019 template)", 2),
    ColumnDef(_P, "total_published", "对外公开总数量", "Total published (cumulative, 2019 template)", 3,
              variants=("对外公开数量",)),
    ColumnDef(_P, "issued", "本年制发件数", "Issued this year (2021 template)", 4),
    ColumnDef(_P, "repealed", "本年废止件数", "Repealed this year (2021 template)", 5),
    ColumnDef(_P, "in_force", "现行有效件数", "In force (2021 template)", 6),
    ColumnDef(_P, "previous_year_count", "上一年项目数量", "Items in the previous year (2019 template)", 7),
    ColumnDef(_P, "change", "本年增/减", "Change this year, signed (2019 template)", 8),
    ColumnDef(_P, "decisions", "处理决定数量", "Decisions made", 9, variants=("本年处理决定数量",)),
    ColumnDef(_P, "fee_amount", "本年收费金额（单位：万元）", "Fees collected this year (万元)", 10),
    ColumnDef(_P, "procurement_items", "采购项目数量", "Procurement items (2019 template)", 11),
    ColumnDef(_P, "procurement_amount", "采购总金额", "Procurement amount (2019 template)", 12),
)

COLUMNS: tuple[ColumnDef, ...] = APPLICANT_TYPES + REVIEW_OUTCOMES + PROACTIVE_MEASURES

# Old (pre-2019) statistics tables: no national format, but most provinces printed the same 政府信息公开
# 情况统计表 with a this-year column and a cumulative (历年累计) column. `parent` names the row a
# 其中 sub-row belongs to (its values never exceed the parent's). Values are stored as narrative facts
# `table_<code>_year` / `table_<code>_cumulative`; `fact` names the narrative fact a year value also
# states (so its table metric, where unambiguous, comes from the same place as the prose's).


@dataclass(frozen=True, slots=True)
class OldStatDef:
    code: str
    label_zh: str
    parent: str | None = None
    variants: tuple[str, ...] = ()
    fact: str | None = None


OLD_STATISTICS: tuple[OldStatDef, ...] = (
    OldStatDef("active_disclosed", "主动公开信息数", variants=("主动公开政府信息数",)),
    OldStatDef("active_via_website", "网站公开", "active_disclosed", ("政府网站公开",)),
    OldStatDef("active_via_gazette", "政府公报公开", "active_disclosed"),
    OldStatDef("requests_received", "受理依申请公开信息总数", variants=("受理政府信息公开申请总数",),
               fact="applications_received"),
    OldStatDef("requests_in_person", "当面申请数", "requests_received"),
    OldStatDef("requests_fax", "传真申请数", "requests_received"),
    OldStatDef("requests_email", "电子邮件申请数", "requests_received"),
    OldStatDef("requests_online", "网上申请数", "requests_received"),
    OldStatDef("requests_letter", "信函申请数", "requests_received"),
    OldStatDef("requests_other_form", "其它形式申请数", "requests_received", ("其他形式申请数",)),
    OldStatDef("replies_total", "对申请的答复数", variants=("对申请的答复总数",)),
    OldStatDef("replies_granted", "同意公开答复数", "replies_total"),
    OldStatDef("replies_partially_granted", "同意部分公开答复数", "replies_total"),
    OldStatDef("replies_denied", "否决公开答复数", "replies_total", ("不予公开答复数",)),
    OldStatDef("admin_review", "行政复议数", fact="admin_review_total"),
    OldStatDef("admin_litigation", "行政诉讼数", fact="litigation_total"),
    OldStatDef("admin_appeal", "行政申诉数"),
)
# The old table's value columns: this year, cumulative.
OLD_STAT_YEAR_HEADERS: tuple[str, ...] = ("本年", "年度", "本年度")
OLD_STAT_CUMULATIVE_HEADERS: tuple[str, ...] = ("历年累计", "累计")

# 表三 rows summed into total_processed (T3-RES); (六) is either the three 2021 sub-rows or other_total.
OUTCOME_ROWS: tuple[str, ...] = tuple(
    m.row for m in REQUEST_METRICS
    if m.row.startswith(("granted", "partially_granted", "denied_", "unavailable_", "not_processed_"))
)
OTHER_ROWS_2021: tuple[str, ...] = ("other_no_correction", "other_no_fee", "other_other")
# 表三 data rows in printed order, per template (used to place a row that lost its label).
REQUEST_SEQUENCE: dict[str, tuple[str, ...]] = {
    t: tuple(m.row for m in REQUEST_METRICS if t in m.templates) for t in ("2019", "2021")
}
ORGANISATION_COLUMNS: tuple[str, ...] = (
    "commercial_enterprise", "research_institution", "public_interest_org", "legal_service_org", "other_org",
)
APPLICANT_COLUMNS: tuple[str, ...] = ("natural_person",) + ORGANISATION_COLUMNS + ("total",)
PROCEEDINGS: tuple[str, ...] = tuple(m.row for m in REVIEW_METRICS)
OUTCOMES: tuple[str, ...] = tuple(c.column for c in REVIEW_OUTCOMES)
# The identity (domain.md) each 表四 proceeding's block must satisfy: upheld + corrected + other + pending = total.
BLOCK_IDENTITIES: dict[str, str] = {
    "admin_review": "T4-REV", "litigation_direct": "T4-LD", "litigation_after_review": "T4-LR",
}

# --- Structural labels used by the extractor (kept here so every printed label lives in one place) ---

# 表三 group headings: printed rows that carry no numbers of their own; the sub-rows below them do.
# '其他处理' is a group heading in the 2021 template and the single data row `other_total` in 2019:
# the extractor tells them apart by whether numbers follow.
REQUEST_GROUP_HEADINGS: tuple[str, ...] = ("本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理")

# The 表三 column header that signals an extra printed subtotal column (`subtotal_org`).
REQUEST_SUBTOTAL_HEADER = "小计"

# Section headings that open each statistics table (after numbering such as `三、` is stripped).
# Variants cover typos seen in the wild (行政法复议) and the older wording (复议、诉讼).
SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "proactive": ("主动公开政府信息情况",),
    "requests": ("收到和处理政府信息公开申请情况",),
    "review_litigation": ("政府信息公开行政复议、行政诉讼情况", "政府信息公开行政法复议、行政诉讼情况",
                          "政府信息公开行政复议及行政诉讼情况", "行政复议、行政诉讼情况"),
}

# 表二 item blocks are introduced by `第二十条第(一)项` etc.; this is the printed anchor.
PROACTIVE_BLOCK_ANCHOR = "第二十条"
