"""Run the identity suites with Great Expectations and turn their verdicts into identity results.

GX is the judge: an instance fails exactly when GX lists its row as unexpected. We validate pandas frames
(GX's SQL data source does not work on DuckDB); relational rules live in dbt tests.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from expectations.identities import IDENTITIES, INSTANCE_SCHEMA, apply_findings, explain, instances
from expectations.suites import MODES, build_suite, suite_name

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

log = logging.getLogger(__name__)

RESULT_SCHEMA = {
    "report_id": pl.String, "identity_id": pl.String, "scope": pl.String,
    "lhs": pl.Float64, "rhs": pl.Float64, "status": pl.String,
    "lhs_blank_as_zero": pl.Float64, "rhs_blank_as_zero": pl.Float64, "status_blank_as_zero": pl.String,
    "lhs_terms": pl.String, "rhs_terms": pl.String, "explanation": pl.String,
}


@dataclass
class SuiteOutcome:
    identity_id: str
    mode: str
    suite_name: str
    success: bool
    evaluated: int  # instances with both sides assessable
    failed: int


@dataclass
class GateRun:
    identity_results: pl.DataFrame
    suites: list[SuiteOutcome] = field(default_factory=list)
    data_docs_url: str | None = None


def evaluate_reports(reports: pl.DataFrame, cells: pl.DataFrame, gx_dir: Path | None = None,
                     findings: pl.DataFrame | None = None) -> GateRun:
    """Identity results for these reports: instances, GX verdicts, the instances the extraction proved
    broken (findings), and blame for each failure.

    cells need report_id, table_name, row_code, column_code, value, semantic and raw_text; findings
    (identities.FINDING_SCHEMA) report_id, identity_id, scope and note.
    """
    from expectations.blame import blame_all

    gate = run_identity_suites(instances(reports, cells), gx_dir)
    # GX judges numbers; an instance whose cells are glued beyond one reading is judged by the proof.
    gate.identity_results = apply_findings(gate.identity_results, findings)
    # A failure is the publisher's own inconsistency or our extraction error: say which, with evidence.
    blame = blame_all(reports, gate.identity_results, cells)
    gate.identity_results = gate.identity_results.join(blame, on=["report_id", "identity_id", "scope"], how="left")
    return gate


def data_docs_index(gx_dir: Path) -> Path:
    return gx_dir / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"


def _context(gx_dir: Path | None):
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    if gx_dir is None:
        context = gx.get_context(mode="ephemeral")
    else:
        gx_dir.mkdir(parents=True, exist_ok=True)
        context = gx.get_context(mode="file", project_root_dir=str(gx_dir))
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


def _batch_definition(context, identity_id: str):
    source = context.data_sources.add_or_update_pandas("ogi_identity_instances")
    asset_name = f"instances_{identity_id}"
    try:
        asset = source.get_asset(asset_name)
    except LookupError:
        asset = source.add_dataframe_asset(asset_name)
    try:
        return asset.get_batch_definition("all_instances")
    except KeyError:
        return asset.add_batch_definition_whole_dataframe("all_instances")


def run_identity_suites(instances: pl.DataFrame, gx_dir: Path | None = None) -> GateRun:
    """Validate every identity's instances, strictly and with blanks as zero, and build the results."""
    import great_expectations as gx
    from great_expectations.checkpoint import UpdateDataDocsAction

    context = _context(gx_dir)
    parts: list[pl.DataFrame] = []
    outcomes: list[SuiteOutcome] = []
    for identity in IDENTITIES:
        frame = instances.filter(pl.col("identity_id") == identity.id)
        pdf = frame.to_pandas()
        batch_definition = _batch_definition(context, identity.id)
        definitions = []
        for mode in MODES:
            suite = context.suites.add_or_update(build_suite(identity, mode))
            definitions.append(
                context.validation_definitions.add_or_update(
                    gx.ValidationDefinition(name=suite_name(identity.id, mode), data=batch_definition, suite=suite)
                )
            )
        checkpoint = context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=f"ogi_{identity.id.lower().replace('-', '_')}",
                validation_definitions=definitions,
                actions=[UpdateDataDocsAction(name="update_data_docs")] if gx_dir else [],
                result_format={"result_format": "COMPLETE"},
            )
        )
        result = checkpoint.run(batch_parameters={"dataframe": pdf})
        failing: dict[str, set[int]] = {}
        for validation in result.run_results.values():
            mode = next(m for m in MODES if validation.suite_name == suite_name(identity.id, m))
            expectation = validation.results[0]
            indices = set(expectation.result.get("unexpected_index_list") or [])
            failing[mode] = indices
            lhs, rhs = MODES[mode]
            outcomes.append(
                SuiteOutcome(identity.id, mode, validation.suite_name, bool(validation.success),
                             int(frame.select(pl.col(lhs).is_not_null() & pl.col(rhs).is_not_null()).sum().item()),
                             len(indices))
            )
        parts.append(_statuses(frame, failing))
    data_docs_url = None
    if gx_dir is not None:
        sites = context.get_docs_sites_urls()
        data_docs_url = sites[0]["site_url"] if sites else None
    results = pl.concat(parts) if parts else pl.DataFrame(schema=RESULT_SCHEMA)
    return GateRun(results.select([pl.col(c).cast(t) for c, t in RESULT_SCHEMA.items()]), outcomes, data_docs_url)


def _statuses(frame: pl.DataFrame, failing: dict[str, set[int]]) -> pl.DataFrame:
    indexed = frame.with_row_index("_row")
    status_columns = {}
    for mode, (lhs, rhs) in MODES.items():
        column = "status" if mode == "strict" else f"status_{mode}"
        status_columns[column] = (
            pl.when(pl.col(lhs).is_null() | pl.col(rhs).is_null()).then(pl.lit("not_assessable"))
            .when(pl.col("_row").is_in(sorted(failing.get(mode, set())))).then(pl.lit("fail"))
            .otherwise(pl.lit("pass"))
        )
    with_status = indexed.with_columns(**status_columns)
    # Explanations only for strict failures: few rows, so a Python loop is fine at any scale.
    failed = with_status.filter(pl.col("status") == "fail")
    explanations = pl.DataFrame(
        {
            "_row": failed["_row"],
            "explanation": [
                explain(r["identity_id"], r["scope"], r["lhs_terms"], r["rhs_terms"], r["lhs"], r["rhs"])
                for r in failed.iter_rows(named=True)
            ],
        },
        schema={"_row": with_status.schema["_row"], "explanation": pl.String},
    )
    return with_status.join(explanations, on="_row", how="left").sort("_row").drop("_row")


__all__ = ["GateRun", "RESULT_SCHEMA", "INSTANCE_SCHEMA", "SuiteOutcome", "run_identity_suites"]
