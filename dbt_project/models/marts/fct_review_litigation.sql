-- 表四: one row per published report × proceeding, outcome columns as printed.
select
    m.report_id,
    any_value(m.agency_name) as agency_name,
    any_value(m.report_year) as report_year,
    m.row_code as proceeding,
    {{- pivot_columns(catalogue_codes('column', 'review_litigation'), 'column_code', 'bigint') }}
    case when bool_or(m.source = 'table') then 'table' else min(m.source) end as value_source
from {{ ref('fct_report_metric') }} as m
where m.table_name = 'review_litigation'
group by m.report_id, m.row_code
