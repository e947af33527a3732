select
    left(sha256, 16) as report_id,
    cell_seq,
    table_name,
    row_code,
    column_code,
    row_label,
    raw_text,
    value,
    unit,
    semantic,
    line_start,
    line_end,
    note
from {{ source('raw', 'cells') }}
