-- Extracted reports present in the landing directory. Identical copies are one report; its
-- source_file is the first path in sort order and n_source_files says how many copies exist.
-- The same report is often captured more than once in different forms (a web page and an archiver's
-- text): versions of one agency × year are kept, and exactly one is marked preferred so that sums over
-- agencies do not count a report twice.
with reports as (
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
        any_value(n_cells) as n_cells,
        any_value(warnings) as extraction_warnings
    from {{ ref('int_documents') }}
    where extraction_outcome = 'extracted'
    group by report_id
)

select
    *,
    count(*) over (partition by agency_name, report_year) as n_versions,
    -- Prefer the version with the most cells read, then fewer extraction warnings, then the first path.
    row_number() over (
        partition by agency_name, report_year
        order by n_cells desc, len(extraction_warnings), source_file
    ) = 1 as is_preferred_version
from reports
