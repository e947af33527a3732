"""The publication gate: Great Expectations identity suites, identity results and report status.

Flow: intermediate models → `quality/identity_results` (GX suites run here; each identity also
surfaces as an asset check with its failing rows) → `quality/report_status` (published / quarantined /
rejected per input file) → blocking check on the quarantined share → marts.
One agency that cannot add up is quarantined and published around; a jump in the quarantined share
(an extractor regression) fails the blocking check and stops the marts.
"""


from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import polars as pl

from expectations.gate import data_docs_index, evaluate_reports
from expectations.identities import GATE_VERSION, HARD_IDENTITY_IDS, IDENTITIES, TABLE_TEMPLATES
from expectations.suites import suite_name
from orchestration.defs.resources import Warehouse

IDENTITY_RESULTS = dg.AssetKey(["quality", "identity_results"])
REPORT_STATUS = dg.AssetKey(["quality", "report_status"])
INT_REPORTS = dg.AssetKey(["intermediate", "int_reports"])
INT_REPORT_METRICS = dg.AssetKey(["intermediate", "int_report_metrics"])
INT_DOCUMENTS = dg.AssetKey(["intermediate", "int_documents"])
STG_FINDINGS = dg.AssetKey(["staging", "stg_raw__findings"])

QUALITY_DDL = """
create schema if not exists quality;
create table if not exists quality.identity_results (
    report_id varchar not null,
    identity_id varchar not null,
    scope varchar not null,
    lhs double,
    rhs double,
    status varchar not null,            -- pass | fail | not_assessable (printed numbers only)
    lhs_blank_as_zero double,
    rhs_blank_as_zero double,
    status_blank_as_zero varchar not null,
    lhs_terms varchar,                  -- the terms as printed, e.g. '1+0'
    rhs_terms varchar,
    explanation varchar,                -- for failures: a line a person can check against the document
    finding varchar,                    -- the extractor's proof when unreadable cells still prove a failure
    blame varchar,                      -- for failures: publisher | extraction
    blame_evidence varchar,
    suspect_cells varchar,
    extractor_version varchar not null,
    gate_version varchar not null,
    evaluated_at timestamp not null
);
create table if not exists quality.gate_history (
    run_id varchar primary key,
    evaluated_at timestamp not null,
    n_reports_assessed integer not null,
    n_quarantined integer not null,
    quarantine_share double not null,
    gate_passed boolean
);
-- Columns added since a table was first created: an existing warehouse gains them (NULL on old rows).
alter table quality.identity_results add column if not exists finding varchar;
"""


def check_name(identity_id: str) -> str:
    return identity_id.lower().replace("-", "_")


@dg.asset(
    key=IDENTITY_RESULTS,
    deps=[INT_REPORTS, INT_REPORT_METRICS, STG_FINDINGS],
    group_name="quality",
    kinds={"great_expectations", "duckdb"},
    check_specs=[
        dg.AssetCheckSpec(check_name(i.id), asset=IDENTITY_RESULTS, description=f"{i.id}: {i.title}")
        for i in IDENTITIES
    ],
)
def identity_results(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Every identity instance of every report with tables, judged by the GX suites strictly and with
    blanks read as zero, with blame for each failure. An instance whose cells are unreadable but which
    the extractor proved broken from the printed digits (staging.stg_raw__findings) fails with the proof
    in `finding`, blamed on the publisher. Grain: one row per report × identity × scope (column, row,
    block or cell).

    Incremental: only reports not yet judged by this extractor and gate version are evaluated, in chunks
    of `batch_size` reports so memory stays bounded however large the warehouse grows.
    """
    con = warehouse.connect()
    try:
        con.execute(QUALITY_DDL)
        pending = con.sql(
            PENDING_REPORTS_SQL, params={"gate_version": GATE_VERSION, "templates": list(TABLE_TEMPLATES)}
        ).pl()
        # Reports that left the landing directory or were re-extracted lose their old verdicts.
        con.execute(STALE_RESULTS_DELETE, {"gate_version": GATE_VERSION})
    finally:
        con.close()

    data_docs_url = None
    for start in range(0, pending.height, warehouse.batch_size):
        chunk = pending.slice(start, warehouse.batch_size)
        con = warehouse.connect(read_only=True)
        try:
            cells = con.sql(CHUNK_CELLS_SQL.format(ids="chunk")).pl()
            findings = con.sql(CHUNK_FINDINGS_SQL.format(ids="chunk")).pl()
        finally:
            con.close()
        gate = evaluate_reports(chunk.select("report_id", "template"), cells, Path(warehouse.gx_dir),
                                findings=findings)
        data_docs_url = gate.data_docs_url or data_docs_url
        results = gate.identity_results.join(chunk.select("report_id", "extractor_version"), on="report_id").with_columns(
            gate_version=pl.lit(GATE_VERSION),
            evaluated_at=pl.lit(datetime.now(timezone.utc).replace(tzinfo=None)),
        )
        con = warehouse.connect()
        try:
            con.execute("begin transaction")
            con.execute("delete from quality.identity_results where report_id in (select report_id from chunk)")
            con.execute("insert into quality.identity_results by name select * from results")
            con.execute("commit")
        finally:
            con.close()
        context.log.info(f"judged {min(start + warehouse.batch_size, pending.height)}/{pending.height} reports")

    index = data_docs_index(Path(warehouse.gx_dir))
    docs_url = data_docs_url or (index.as_uri() if index.exists() else None)
    docs = {"data_docs": dg.MetadataValue.url(docs_url)} if docs_url else {}
    con = warehouse.connect(read_only=True)
    try:
        per_identity = {
            row[0]: row[1:] for row in con.execute(IDENTITY_SUMMARY_SQL).fetchall()
        }
        failing = con.sql(
            "select identity_id, report_id, scope, explanation, blame, blame_evidence "
            "from quality.identity_results where status = 'fail' order by identity_id, report_id, scope"
        ).pl()
        total = con.execute("select count(*) from quality.identity_results").fetchone()[0]
    finally:
        con.close()

    totals = [sum(v[i] for v in per_identity.values()) for i in range(4)]
    yield dg.MaterializeResult(
        metadata={
            "dagster/row_count": total,
            "reports_judged_this_run": pending.height,
            "strict_pass": totals[1], "strict_fail": totals[2], "strict_not_assessable": totals[3],
            "gate_version": GATE_VERSION,
            **docs,
        }
    )
    for identity in IDENTITIES:
        instances_n, passed_n, failed_n, na_n, failed_bz_n = per_identity.get(identity.id, (0, 0, 0, 0, 0))
        rows = failing.filter(pl.col("identity_id") == identity.id).drop("identity_id")
        yield dg.AssetCheckResult(
            asset_key=IDENTITY_RESULTS,
            check_name=check_name(identity.id),
            passed=failed_n == 0,
            # One agency's arithmetic is data, not a pipeline failure: quarantine, don't stop.
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "gx_suites": f"{suite_name(identity.id, 'strict')}, {suite_name(identity.id, 'blank_as_zero')}",
                "instances": instances_n,
                "pass": passed_n,
                "fail": failed_n,
                "not_assessable": na_n,
                "fail_blank_as_zero": failed_bz_n,
                "failing_rows": dg.MetadataValue.md(_markdown(rows)),
                **docs,
            },
        )


PENDING_REPORTS_SQL = """
select r.report_id, r.template, r.extractor_version
from intermediate.int_reports as r
where r.template in (select unnest($templates))  -- pre-2019 reports print no national tables
  and not exists (
    select 1 from quality.identity_results as q
    where q.report_id = r.report_id and q.extractor_version = r.extractor_version
      and q.gate_version = $gate_version
)
order by r.report_id
"""

STALE_RESULTS_DELETE = """
delete from quality.identity_results as q
where q.gate_version <> $gate_version
   or not exists (
        select 1 from intermediate.int_reports as r
        where r.report_id = q.report_id and r.extractor_version = q.extractor_version
   )
"""

CHUNK_CELLS_SQL = """
select m.report_id, m.table_name, m.row_code, m.column_code, m.value, m.semantic, m.raw_text
from intermediate.int_report_metrics as m
semi join {ids} using (report_id)
where m.source = 'table' and m.table_name in ('requests', 'review_litigation')
"""

# Instances the extractor proved broken from unreadable cells (extractors.model.Finding): the gate fails
# them with the proof instead of leaving them not assessable.
CHUNK_FINDINGS_SQL = """
select f.report_id, f.identity_id, f.scope, f.note
from staging.stg_raw__findings as f
semi join {ids} using (report_id)
order by f.report_id, f.finding_seq
"""

IDENTITY_SUMMARY_SQL = """
select identity_id, count(*),
       count(*) filter (where status = 'pass'), count(*) filter (where status = 'fail'),
       count(*) filter (where status = 'not_assessable'), count(*) filter (where status_blank_as_zero = 'fail')
from quality.identity_results
group by identity_id
"""


def _markdown(frame: pl.DataFrame, limit: int = 50) -> str:
    if frame.is_empty():
        return "_no failing rows_"
    head = frame.head(limit)
    lines = ["| " + " | ".join(head.columns) + " |", "|" + "---|" * len(head.columns)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in head.iter_rows()]
    if frame.height > limit:
        lines.append(f"\n_{frame.height - limit} more: query quality.identity_results_")
    return "\n".join(lines)


# A report whose 表三 or 表四 is read below this share is not published as clean: the extraction failed,
# whatever the assessable identities say (they are few). It is quarantined with the extraction blamed.
MIN_TABLE_COMPLETENESS = 0.5

REPORT_STATUS_SQL = """
with read_share as (
    -- The completeness contract puts every template cell of a shown 表三/表四 in raw.cells, read or
    -- `unreadable`: cells present = cells expected (plus a printed 小计 column).
    select
        report_id,
        count(*) filter (where semantic = 'unreadable') as n_unread_cells,
        count(*) filter (where table_name = 'requests' and semantic <> 'unreadable') as requests_read,
        nullif(count(*) filter (where table_name = 'requests'), 0) as requests_expected,
        count(*) filter (where table_name = 'review_litigation' and semantic <> 'unreadable') as review_read,
        nullif(count(*) filter (where table_name = 'review_litigation'), 0) as review_expected
    from staging.stg_raw__cells
    where table_name in ('requests', 'review_litigation')
    group by report_id
),
completeness as (
    select
        *,
        requests_read / nullif(requests_expected, 0) as requests_completeness,
        review_read / nullif(review_expected, 0) as review_completeness,
        least(coalesce(requests_read / nullif(requests_expected, 0), 1),
              coalesce(review_read / nullif(review_expected, 0), 1)) < $min_completeness as mostly_unread
    from read_share
),
judged as (
    select
        report_id,
        count(*) filter (where status = 'fail' and identity_id in (select unnest($hard))) as n_fail,
        string_agg(explanation, '; ' order by identity_id, scope) filter (where status = 'fail') as failures,
        bool_or(status = 'fail' and blame = 'extraction') as blames_extraction,
        -- A finding's proof is already in its explanation: quote the evidence of another failure, if any.
        coalesce(
            first(blame_evidence order by identity_id, scope) filter (where status = 'fail' and finding is null),
            case when bool_or(status = 'fail' and finding is not null)
                 then 'proven from the printed digits, however they are cut' end
        ) as blame_evidence,
        count(*) filter (where status = 'not_assessable') as n_not_assessable,
        string_agg(distinct identity_id, ', ' order by identity_id) filter (where status = 'not_assessable')
            as not_assessable_ids,
        string_agg(distinct identity_id, ', ' order by identity_id)
            filter (where status = 'not_assessable' and status_blank_as_zero = 'pass') as hold_blank_as_zero_ids
    from quality.identity_results
    group by report_id
)
select
    d.source_file,
    d.report_id,
    d.sha256,
    d.agency_name,
    d.report_year,
    d.template,
    case
        when d.extraction_outcome <> 'extracted' then 'rejected'
        when coalesce(j.n_fail, 0) > 0 or coalesce(c.mostly_unread, false) then 'quarantined'
        else 'published'
    end as status,
    case
        when d.extraction_outcome = 'pending' then 'not extracted yet: run the pipeline again'
        when d.extraction_outcome <> 'extracted' then d.extraction_reason
        when coalesce(j.n_fail, 0) > 0 then 'hard identity fails strictly: ' || j.failures || ' — '
            || case when j.blames_extraction then 'likely an extraction error, please report: '
                    else 'the publisher''s own inconsistency, kept as printed: ' end
            || coalesce(j.blame_evidence, '')
        when coalesce(c.mostly_unread, false) then 'extraction incomplete: 表三 '
            || coalesce(c.requests_read || ' of ' || c.requests_expected, 'not printed') || ' cells read, 表四 '
            || coalesce(c.review_read || ' of ' || c.review_expected, 'not printed')
            || ' read; the unread cells say why (raw.cells.note) — an extraction failure, please report'
        when d.template = 'pre2019' then 'pre-2019 report: no national tables, narrative facts only'
        when coalesce(c.n_unread_cells, 0) > 0 then
            c.n_unread_cells || ' table cell(s) unreadable (表三 '
            || coalesce(c.requests_read || '/' || c.requests_expected, '-') || ', 表四 '
            || coalesce(c.review_read || '/' || c.review_expected, '-') || ' read): identities through them are '
            || 'not assessable; the other assessable identities hold'
            || coalesce('; not assessable strictly: ' || j.not_assessable_ids, '')
        when coalesce(j.n_not_assessable, 0) > 0 then
            'all assessable identities hold; not assessable strictly (blank, non-numeric or missing cells): '
            || j.not_assessable_ids
            || coalesce('; holds with blanks read as zero: ' || j.hold_blank_as_zero_ids, '')
        else 'all hard identities hold'
    end as reasons,
    d.extraction_outcome,
    case
        when coalesce(j.n_fail, 0) > 0 then case when j.blames_extraction then 'extraction' else 'publisher' end
        when coalesce(c.mostly_unread, false) then 'extraction'
    end as blame,
    coalesce(j.n_fail, 0) as n_identity_failures,
    coalesce(j.n_not_assessable, 0) as n_not_assessable,
    coalesce(c.n_unread_cells, 0) as n_unread_cells,
    c.requests_completeness,
    c.review_completeness,
    d.warnings as extraction_warnings,
    now()::timestamp as evaluated_at
from intermediate.int_documents as d
left join judged as j using (report_id)
left join completeness as c using (report_id)
order by d.source_file
"""


@dg.asset(
    key=REPORT_STATUS,
    deps=[IDENTITY_RESULTS, INT_DOCUMENTS],
    group_name="quality",
    kinds={"duckdb", "python"},
)
def report_status(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """What became of every input file: published, quarantined (a hard identity fails strictly; values
    stay queryable in intermediate.int_report_metrics) or rejected (not readable or not an annual
    report), with reasons a person can act on. Grain: one row per input file."""
    con = warehouse.connect()
    try:
        con.execute(QUALITY_DDL)
        con.execute(f"create or replace table quality.report_status as {REPORT_STATUS_SQL}",
                    {"hard": list(HARD_IDENTITY_IDS), "min_completeness": MIN_TABLE_COMPLETENESS})
        by_status = dict(con.execute("select status, count(*) from quality.report_status group by 1").fetchall())
        assessed = by_status.get("published", 0) + by_status.get("quarantined", 0)
        quarantined = by_status.get("quarantined", 0)
        share = quarantined / assessed if assessed else 0.0
        con.execute(
            "insert or replace into quality.gate_history values (?, now()::timestamp, ?, ?, ?, null)",
            [context.run_id, assessed, quarantined, share],
        )
    finally:
        con.close()
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": sum(by_status.values()),
            **{s: by_status.get(s, 0) for s in ("published", "quarantined", "rejected")},
            "quarantine_share": round(share, 4),
        }
    )


@dg.asset_check(asset=REPORT_STATUS, blocking=True)
def quarantine_share_within_bounds(context: dg.AssetCheckExecutionContext, warehouse: Warehouse):
    """Stops the marts when the share of quarantined reports is above the ceiling or jumped since the
    last published run: that is an extractor regression, not agencies' arithmetic."""
    con = warehouse.connect()
    try:
        current = con.execute(
            "select n_reports_assessed, quarantine_share from quality.gate_history where run_id = ?",
            [context.run.run_id],
        ).fetchone()
        baseline = con.execute(
            """select quarantine_share from quality.gate_history
               where gate_passed and run_id <> ? and n_reports_assessed >= ?
               order by evaluated_at desc limit 1""",
            [context.run.run_id, warehouse.min_reports_for_gate],
        ).fetchone()
        n, share = current
        reasons = []
        if n < warehouse.min_reports_for_gate:
            reasons.append(f"only {n} reports assessed (< {warehouse.min_reports_for_gate}): too few to judge")
            passed = True
        else:
            too_high = share > warehouse.max_quarantine_share
            jumped = baseline is not None and share - baseline[0] > warehouse.max_quarantine_jump
            passed = not (too_high or jumped)
            if too_high:
                reasons.append(f"quarantined share {share:.1%} above the ceiling {warehouse.max_quarantine_share:.0%}")
            if jumped:
                reasons.append(f"quarantined share jumped from {baseline[0]:.1%} to {share:.1%} "
                               f"(more than {warehouse.max_quarantine_jump:.0%}): likely an extractor regression")
        con.execute("update quality.gate_history set gate_passed = ? where run_id = ?", [passed, context.run.run_id])
    finally:
        con.close()
    return dg.AssetCheckResult(
        passed=passed,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={
            "reports_assessed": n,
            "quarantine_share": round(share, 4),
            "baseline_share": round(baseline[0], 4) if baseline else None,
            "reasons": "; ".join(reasons) or "within bounds",
        },
    )
