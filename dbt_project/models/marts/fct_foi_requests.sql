-- 表三 wide: one row per published report × applicant type, one column per 表三 row code.
-- Values are the printed numbers (NULL where the cell is blank or not applicable); for pre-2019 reports
-- the few numbers the prose states unambiguously (value_source = 'narrative').
select
    m.report_id,
    any_value(m.agency_name) as agency_name,
    any_value(m.report_year) as report_year,
    any_value(m.template) as template,
    m.column_code as applicant_type,
    {{- pivot_columns(catalogue_codes('metric', 'requests'), 'row_code', 'bigint') }}
    case when bool_or(m.source = 'table') then 'table' else min(m.source) end as value_source
from {{ ref('fct_report_metric') }} as m
where m.table_name = 'requests'
group by m.report_id, m.column_code
