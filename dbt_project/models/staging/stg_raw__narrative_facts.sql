select
    left(sha256, 16) as report_id,
    fact_seq,
    fact_code,
    value,
    unit,
    sentence,
    line_start,
    line_end,
    page,
    metrics,
    coalesce(origin, 'prose') as origin
from {{ source('raw', 'narrative_facts') }}
