select
    r.report_id,
    a.agency_id,
    r.agency_name,
    r.report_year,
    r.template,
    r.publication_date,
    r.title,
    r.source_file,
    r.n_source_files,
    r.n_versions,
    r.is_preferred_version,
    r.sha256,
    r.extractor_version,
    s.n_unread_cells,
    s.requests_completeness,
    s.review_completeness
from {{ ref('int_reports') }} as r
inner join {{ ref('published_reports') }} using (report_id)
left join (
    select distinct report_id, n_unread_cells, requests_completeness, review_completeness
    from {{ source('quality', 'report_status') }}
) as s using (report_id)
left join {{ ref('dim_agency') }} as a using (agency_name)
