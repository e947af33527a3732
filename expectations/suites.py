"""Great Expectations suites for the accounting identities, written once from the identity catalogue.

Each identity has two suites over its instance frame (expectations.identities.instances): `strict`
compares lhs with rhs, `blank_as_zero` compares the blanks-as-zero readings. A row where either side is
missing is ignored by the expectation; the gate reports it as not assessable.
"""

from __future__ import annotations

import great_expectations as gx

from expectations.identities import IDENTITIES, Identity

MODES: dict[str, tuple[str, str]] = {
    "strict": ("lhs", "rhs"),
    "blank_as_zero": ("lhs_blank_as_zero", "rhs_blank_as_zero"),
}


def suite_name(identity_id: str, mode: str) -> str:
    return f"ogi_{identity_id.lower().replace('-', '_')}_{mode}"


def build_suite(identity: Identity, mode: str) -> gx.ExpectationSuite:
    lhs, rhs = MODES[mode]
    suite = gx.ExpectationSuite(
        name=suite_name(identity.id, mode),
        meta={"identity_id": identity.id, "mode": mode, "hard": identity.hard, "table": identity.table},
    )
    suite.add_expectation(
        gx.expectations.ExpectColumnPairValuesToBeEqual(
            column_A=lhs,
            column_B=rhs,
            ignore_row_if="either_value_is_missing",
            description=f"{identity.id} ({mode.replace('_', ' ')}): {identity.title}",
            meta={"identity_id": identity.id, "mode": mode},
        )
    )
    return suite


def all_suites() -> list[gx.ExpectationSuite]:
    return [build_suite(identity, mode) for identity in IDENTITIES for mode in MODES]
