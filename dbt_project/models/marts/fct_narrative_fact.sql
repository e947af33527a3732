-- Numbers stated in the prose of published reports, with the sentence they came from.
select
    f.report_id,
    r.agency_name,
    r.report_year,
    f.fact_seq,
    f.fact_code,
    f.value,
    f.unit,
    f.sentence,
    f.origin,
    r.source_file,
    f.line_start,
    f.line_end
from {{ ref('stg_raw__narrative_facts') }} as f
inner join {{ ref('dim_report') }} as r using (report_id)
