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

from expectations.blame import blame_all
from expectations.gate import run_identity_suites
from expectations.identities import HARD_IDENTITY_IDS, IDENTITIES, instances
from orchestration.defs.resources import Warehouse

IDENTITY_RESULTS = dg.AssetKey(["quality", "identity_results"])
REPORT_STATUS = dg.AssetKey(["quality", "report_status"])
INT_REPORTS = dg.AssetKey(["intermediate", "int_reports"])
INT_REPORT_METRICS = dg.AssetKey(["intermediate", "int_report_metrics"])
INT_DOCUMENTS = dg.AssetKey(["intermediate", "int_documents"])

QUALITY_DDL = """
create schema if not exists quality;
create table if not exists quality.gate_history (
    run_id varchar primary key,
    evaluated_at timestamp not null,
    n_reports_assessed integer not null,
    n_quarantined integer not null,
    quarantine_share double not null,
    gate_passed boolean
);
"""


def check_name(identity_id: str) -> str:
    return identity_id.lower().replace("-", "_")


@dg.asset(
    key=IDENTITY_RESULTS,
    deps=[INT_REPORTS, INT_REPORT_METRICS],
    group_name="quality",
    kinds={"great_expectations", "duckdb"},
    check_specs=[
        dg.AssetCheckSpec(check_name(i.id), asset=IDENTITY_RESULTS, description=f"{i.id}: {i.title}")
        for i in IDENTITIES
    ],
)
def identity_results(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Every identity instance of every report with tables, judged by the GX suites strictly and with
    blanks read as zero. Grain: one row per report × identity × scope (column, row, block or cell)."""
    con = warehouse.connect(read_only=True)
    try:
        reports = con.sql("select report_id, template from intermediate.int_reports").pl()
        cells = con.sql(
            """select report_id, table_name, row_code, column_code, value, semantic, raw_text
               from intermediate.int_report_metrics
               where source = 'table' and table_name in ('requests', 'review_litigation')"""
        ).pl()
    finally:
        con.close()

    gate = run_identity_suites(instances(reports, cells), Path(warehouse.gx_dir))
    # A failure is the publisher's own inconsistency or our extraction error: say which, with evidence.
    blame = blame_all(reports, gate.identity_results, cells)
    results = gate.identity_results.join(blame, on=["report_id", "identity_id", "scope"], how="left").with_columns(
        evaluated_at=pl.lit(datetime.now(timezone.utc).replace(tzinfo=None))
    )
    con = warehouse.connect()
    try:
        con.execute(QUALITY_DDL)
        con.execute("create or replace table quality.identity_results as select * from results")
    finally:
        con.close()

    counts = {s: results.filter(pl.col("status") == s).height for s in ("pass", "fail", "not_assessable")}
    docs = {"data_docs": dg.MetadataValue.url(gate.data_docs_url)} if gate.data_docs_url else {}
    yield dg.MaterializeResult(
        metadata={"dagster/row_count": results.height, **{f"strict_{k}": v for k, v in counts.items()}, **docs}
    )
    for identity in IDENTITIES:
        rows = results.filter(pl.col("identity_id") == identity.id)
        failing = rows.filter(pl.col("status") == "fail")
        strict = next(s for s in gate.suites if s.identity_id == identity.id and s.mode == "strict")
        yield dg.AssetCheckResult(
            asset_key=IDENTITY_RESULTS,
            check_name=check_name(identity.id),
            passed=strict.success,
            # One agency's arithmetic is data, not a pipeline failure: quarantine, don't stop.
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "gx_suite": strict.suite_name,
                "instances": rows.height,
                "pass": rows.filter(pl.col("status") == "pass").height,
                "fail": failing.height,
                "not_assessable": rows.filter(pl.col("status") == "not_assessable").height,
                "fail_blank_as_zero": rows.filter(pl.col("status_blank_as_zero") == "fail").height,
                "failing_rows": dg.MetadataValue.md(
                    _markdown(failing.select("report_id", "scope", "explanation", "blame", "blame_evidence"))
                ),
                **docs,
            },
        )


def _markdown(frame: pl.DataFrame, limit: int = 50) -> str:
    if frame.is_empty():
        return "_no failing rows_"
    head = frame.head(limit)
    lines = ["| " + " | ".join(head.columns) + " |", "|" + "---|" * len(head.columns)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in head.iter_rows()]
    if frame.height > limit:
        lines.append(f"\n_{frame.height - limit} more: query quality.identity_results_")
    return "\n".join(lines)


REPORT_STATUS_SQL = """
with judged as (
    select
        report_id,
        count(*) filter (where status = 'fail' and identity_id in (select unnest($hard))) as n_fail,
        string_agg(explanation, '; ' order by identity_id, scope) filter (where status = 'fail') as failures,
        bool_or(status = 'fail' and blame = 'extraction') as blames_extraction,
        first(blame_evidence order by identity_id, scope) filter (where status = 'fail') as blame_evidence,
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
        when coalesce(j.n_fail, 0) > 0 then 'quarantined'
        else 'published'
    end as status,
    case
        when d.extraction_outcome = 'pending' then 'not extracted yet: run the pipeline again'
        when d.extraction_outcome <> 'extracted' then d.extraction_reason
        when coalesce(j.n_fail, 0) > 0 then 'hard identity fails strictly: ' || j.failures || ' — '
            || case when j.blames_extraction then 'likely an extraction error, please report: '
                    else 'the publisher''s own inconsistency, kept as printed: ' end
            || coalesce(j.blame_evidence, '')
        when d.template = 'pre2019' then 'pre-2019 report: no national tables, narrative facts only'
        when coalesce(j.n_not_assessable, 0) > 0 then
            'all assessable identities hold; not assessable strictly (blank, non-numeric or missing cells): '
            || j.not_assessable_ids
            || coalesce('; holds with blanks read as zero: ' || j.hold_blank_as_zero_ids, '')
        else 'all hard identities hold'
    end as reasons,
    d.extraction_outcome,
    case when coalesce(j.n_fail, 0) > 0 then
        case when j.blames_extraction then 'extraction' else 'publisher' end
    end as blame,
    coalesce(j.n_fail, 0) as n_identity_failures,
    coalesce(j.n_not_assessable, 0) as n_not_assessable,
    d.warnings as extraction_warnings,
    now()::timestamp as evaluated_at
from intermediate.int_documents as d
left join judged as j using (report_id)
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
                    {"hard": list(HARD_IDENTITY_IDS)})
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
