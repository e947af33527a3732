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
    r.extractor_version
from {{ ref('int_reports') }} as r
inner join {{ ref('published_reports') }} using (report_id)
left join {{ ref('dim_agency') }} as a using (agency_name)
