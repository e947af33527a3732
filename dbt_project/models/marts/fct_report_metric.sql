-- Long form: one row per published report × metric × column, traceable to file and line span.
select
    m.report_id,
    r.agency_name,
    r.report_year,
    r.template,
    m.metric_id,
    m.table_name,
    m.row_code,
    m.column_code,
    m.value,
    m.raw_text,
    m.unit,
    m.semantic,
    m.source,
    m.row_label,
    m.sentence,
    m.source_file,
    m.line_start,
    m.line_end,
    m.page,
    m.bbox,
    m.doc_path,
    m.note
from {{ ref('int_report_metrics') }} as m
inner join {{ ref('dim_report') }} as r using (report_id)
