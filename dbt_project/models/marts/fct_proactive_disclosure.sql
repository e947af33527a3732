-- 表二: one row per published report × item, one column per measure of either template (a measure the
-- report's template does not print is NULL). Amounts keep their printed unit beside them, and are also
-- given in 万元 for comparison. 2019 and 2021 (一) measures differ in meaning: never chain them.
{%- set measures = catalogue_codes('column', 'proactive') %}
{%- set amounts = ['fee_amount', 'procurement_amount'] %}
with cells as (
    select
        *,
        value * case unit when '元' then 0.0001 when '亿元' then 10000 when '万元' then 1 end as value_wan_yuan
    from {{ ref('fct_report_metric') }}
    where table_name = 'proactive'
)

select
    report_id,
    any_value(agency_name) as agency_name,
    any_value(report_year) as report_year,
    any_value(template) as template,
    row_code as item,
    {%- for measure in measures %}
    max(value) filter (where column_code = '{{ measure }}') as {{ measure }},
    {%- if measure in amounts %}
    max(unit) filter (where column_code = '{{ measure }}') as {{ measure }}_unit,
    max(value_wan_yuan) filter (where column_code = '{{ measure }}') as {{ measure }}_wan_yuan,
    {%- endif %}
    {%- endfor %}
    any_value(source_file) as source_file
from cells
group by report_id, row_code
