select
    table_name,
    column_code,
    label_zh,
    label_en,
    sort_order
from {{ source('raw', 'column_catalogue') }}
