select
    metric_id,
    table_name,
    row_code,
    label_zh,
    label_en,
    unit,
    parent_label,
    templates,
    sort_order
from {{ ref('stg_raw__metric_catalogue') }}
