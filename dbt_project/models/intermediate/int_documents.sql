-- The document registry: every input file with what became of its extraction.
select
    f.source_file,
    f.sha256,
    f.size_bytes,
    f.modified_at,
    f.scanned_at,
    e.report_id,
    e.extractor_version,
    coalesce(e.outcome, 'pending') as extraction_outcome,
    e.reason as extraction_reason,
    e.encoding,
    e.title,
    e.agency_name,
    e.report_year,
    e.publication_date,
    e.template,
    e.warnings,
    e.n_cells,
    e.n_facts,
    e.n_findings,
    e.extracted_at
from {{ ref('stg_raw__landing_files') }} as f
left join {{ ref('stg_raw__extractions') }} as e using (sha256)
