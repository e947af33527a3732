select
    left(sha256, 16) as report_id,
    finding_seq,
    identity_id,
    scope,
    note,
    line_start,
    line_end
from {{ source('raw', 'findings') }}
