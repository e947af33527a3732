select
    sha256,
    -- A report is identified by its content: identical copies are one report.
    left(sha256, 16) as report_id,
    extractor_version,
    outcome,
    reason,
    encoding,
    title,
    agency_name,
    report_year,
    try_cast(publication_date as date) as publication_date,
    template,
    warnings,
    n_cells,
    n_facts,
    n_findings,
    extracted_from,
    extracted_at
from {{ source('raw', 'extractions') }}
