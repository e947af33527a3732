select
    identity_id,
    table_name,
    title,
    kind,
    hard
from {{ source('raw', 'identity_catalogue') }}
