select
    source_file,
    sha256,
    size_bytes,
    make_timestamp(cast(modified_ns // 1000 as bigint)) as modified_at,
    scanned_at
from {{ source('raw', 'landing_files') }}
