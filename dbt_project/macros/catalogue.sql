{#- Codes from the label catalogue (raw.metric_catalogue / raw.column_catalogue, written from
    extractors/catalogue.py), in catalogue order, so wide marts get one column per code without
    repeating the catalogue here. -#}
{% macro catalogue_codes(kind, table_name) %}
    {%- if not execute -%}{{ return([]) }}{%- endif -%}
    {%- if kind == 'metric' -%}
        {%- set query -%}
            select row_code from {{ source('raw', 'metric_catalogue') }}
            where table_name = '{{ table_name }}' order by sort_order
        {%- endset -%}
    {%- else -%}
        {%- set query -%}
            select column_code from {{ source('raw', 'column_catalogue') }}
            where table_name = '{{ table_name }}' order by sort_order
        {%- endset -%}
    {%- endif -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{% endmacro %}

{#- One column per catalogue code: `max(value) filter (where <key> = code) as code`, for the wide marts. -#}
{% macro pivot_columns(codes, key, cast_to=none) %}
    {%- for code in codes %}
    {% if cast_to %}cast({% endif %}max(m.value) filter (where m.{{ key }} = '{{ code }}'){% if cast_to %} as {{ cast_to }}){% endif %} as {{ code }},
    {%- endfor %}
{% endmacro %}
