select
    column_code as applicant_type,
    label_zh,
    label_en,
    column_code in ('commercial_enterprise', 'research_institution', 'public_interest_org',
                    'legal_service_org', 'other_org', 'subtotal_org') as is_organisation,
    sort_order
from {{ ref('stg_raw__column_catalogue') }}
where table_name = 'requests'
