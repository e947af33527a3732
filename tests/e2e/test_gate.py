"""The publication gate: one agency that cannot add up is published around; a jump in the quarantined
share (an extractor regression) stops the marts and leaves the last publication in place."""

from __future__ import annotations

import shutil

from tests.e2e.conftest import QUARANTINED_SEED, make_landing, query, run_job

GATE_ENV = {"OGI_MIN_REPORTS_FOR_GATE": "2", "OGI_MAX_QUARANTINE_JUMP": "0.2"}


def test_a_jump_in_quarantined_share_stops_publication(tmp_path):
    landing = make_landing(tmp_path, with_bad_files=False)
    warehouse = tmp_path / "warehouse.duckdb"
    first = run_job(landing, warehouse, **GATE_ENV)
    assert first.success
    published = query(warehouse, "select report_id from marts.dim_report order by 1")
    assert len(published) == 4

    # Three more reports that break identities: 4 of 8 quarantined, a jump from 20% to 50%.
    seed = landing / f"{QUARANTINED_SEED}.txt"
    for n in range(3):
        copy = landing / f"regressed-{n}.txt"
        shutil.copy(seed, copy)
        with copy.open("a", encoding="utf-8") as fh:
            fh.write("\n" * (n + 1))  # different bytes, same report
    second = run_job(landing, warehouse, **GATE_ENV)

    assert not second.success
    gate = next(e for e in second.get_asset_check_evaluations() if e.check_name == "quarantine_share_within_bounds")
    assert not gate.passed
    assert "jumped from 20.0% to 50.0%" in gate.metadata["reasons"].value
    materialized = {e.asset_key.to_user_string() for e in second.get_asset_materialization_events()}
    assert "quality/report_status" in materialized
    assert not any(key.startswith("marts/") for key in materialized)
    # The status is recorded; the previous publication stands untouched.
    assert query(warehouse, "select count(*) from quality.report_status where status = 'quarantined'") == [(4,)]
    assert query(warehouse, "select report_id from marts.dim_report order by 1") == published
    assert query(warehouse, "select gate_passed from quality.gate_history order by evaluated_at") == [
        (True,), (False,)
    ]
