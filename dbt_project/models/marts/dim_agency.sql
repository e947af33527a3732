-- Agencies as named in their published reports (the name after normalisation to simplified script).
select
    left(md5(r.agency_name), 16) as agency_id,
    r.agency_name,
    min(r.report_year) as first_report_year,
    max(r.report_year) as last_report_year,
    count(*) as n_reports
from {{ ref('int_reports') }} as r
inner join {{ ref('published_reports') }} using (report_id)
where r.agency_name is not null
group by r.agency_name
