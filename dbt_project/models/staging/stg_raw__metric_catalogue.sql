select
    table_name || '.' || row_code as metric_id,
    table_name,
    row_code,
    label_zh,
    label_en,
    unit,
    sort_order,
    templates,
    parent_label
from {{ source('raw', 'metric_catalogue') }}
