{{ config(materialized='ephemeral') }}
-- Reports the gate published: no hard identity fails strictly.
select distinct report_id
from {{ source('quality', 'report_status') }}
where status = 'published'
