"""dbt models as Dagster assets, in two steps around the publication gate:

- `dbt_staging_intermediate`: staging views and intermediate tables (all reports, quarantined included);
- `dbt_marts`: the analyst contract, built only after the quality assets and the blocking gate check.
"""


import json
from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration.defs.resources import Warehouse
from orchestration.defs.transform.project import dbt_project, ensure_manifest

MANIFEST = ensure_manifest(dbt_project)


class OgiDbtTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "source":
            return None
        return "marts" if "marts" in dbt_resource_props.get("fqn", []) else "transform"


TRANSLATOR = OgiDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


def _relations_by_asset_key() -> dict[dg.AssetKey, str]:
    """Each dbt model's asset key → its schema-qualified relation, to count rows after a build."""
    manifest = json.loads(MANIFEST.read_text())
    return {
        TRANSLATOR.get_asset_key(node): f"{node['schema']}.{node['alias']}"
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"].get("materialized") != "ephemeral"
    }


RELATIONS = _relations_by_asset_key()


def _build(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse) -> Iterator[Any]:
    # Row counts are read after dbt exits: DuckDB allows no second process on the file while dbt writes.
    events = list(dbt.cli(["build"], context=context).stream())
    outputs = [e for e in events if isinstance(e, dg.Output)]
    keys = [context.asset_key_for_output(e.output_name) for e in outputs]
    counts = warehouse.row_counts([RELATIONS[k] for k in keys if k in RELATIONS])
    for event in events:
        if isinstance(event, dg.Output):
            relation = RELATIONS.get(context.asset_key_for_output(event.output_name))
            if relation in counts:
                event = event.with_metadata(
                    {**event.metadata, "dagster/row_count": dg.MetadataValue.int(counts[relation]),
                     "relation": dg.MetadataValue.text(relation)}
                )
        yield event


@dbt_assets(
    manifest=MANIFEST,
    project=dbt_project,
    select="path:models/staging path:models/intermediate",
    name="dbt_staging_intermediate",
    dagster_dbt_translator=TRANSLATOR,
)
def dbt_staging_intermediate(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse):
    yield from _build(context, dbt, warehouse)


@dbt_assets(
    manifest=MANIFEST,
    project=dbt_project,
    select="path:models/marts",
    name="dbt_marts",
    dagster_dbt_translator=TRANSLATOR,
)
def dbt_marts(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse):
    yield from _build(context, dbt, warehouse)
