-- Extracted reports present in the landing directory. Identical copies are one report; its
-- source_file is the first path in sort order and n_source_files says how many copies exist.
select
    report_id,
    any_value(sha256) as sha256,
    any_value(agency_name) as agency_name,
    any_value(report_year) as report_year,
    any_value(template) as template,
    any_value(publication_date) as publication_date,
    any_value(title) as title,
    min(source_file) as source_file,
    count(*) as n_source_files,
    any_value(extractor_version) as extractor_version,
    any_value(warnings) as extraction_warnings
from {{ ref('int_documents') }}
where extraction_outcome = 'extracted'
group by report_id
