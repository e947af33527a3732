-- Every metric value of every extracted report, quarantined ones included (the marts filter them):
-- table cells as published, plus narrative facts that state a table metric unambiguously where the
-- report has no such cell (the only statistics of a pre-2019 report).
with table_cells as (
    select
        report_id, table_name, row_code, column_code, value, raw_text, unit, semantic,
        'table' as source, row_label, null::varchar as sentence, line_start, line_end, page, bbox, doc_path, note
    from {{ ref('stg_raw__cells') }}
),

narrative as (
    select
        report_id,
        m.table_name, m.row_code, m.column_code,
        value, cast(value as varchar) as raw_text, unit, 'number' as semantic,
        -- prose, or a pre-2019 statistics table (本年/累计) read as facts
        case origin when 'old_table' then 'old_table' else 'narrative' end as source,
        fact_code as row_label, sentence, line_start, line_end, page, null::double[] as bbox,
        null::varchar as doc_path, null::varchar as note,
        fact_seq
    from {{ ref('stg_raw__narrative_facts') }}, unnest(metrics) as u(m)
),

narrative_first as (
    -- A fact repeated in the prose states the same metric twice: keep its first statement.
    select * exclude (fact_seq)
    from narrative
    qualify row_number() over (
        partition by report_id, table_name, row_code, column_code order by fact_seq
    ) = 1
),

narrative_only as (
    select n.*
    from narrative_first as n
    anti join table_cells as t using (report_id, table_name, row_code, column_code)
),

unioned as (
    select * from table_cells
    union all by name
    select * from narrative_only
)

select
    u.report_id,
    u.table_name || '.' || u.row_code as metric_id,
    u.table_name,
    u.row_code,
    u.column_code,
    u.value,
    u.raw_text,
    u.unit,
    u.semantic,
    u.source,
    u.row_label,
    u.sentence,
    r.source_file,
    u.line_start,
    u.line_end,
    u.page,
    u.bbox,
    u.doc_path,
    u.note
from unioned as u
inner join {{ ref('int_reports') }} as r using (report_id)
