"""Agency names at every level that publishes an annual report (省 … 镇/街道, and their 局/委员会/办公室).

Places are real prefecture-level cities with some of their counties/districts and towns, so names read
like the ones in the seeds (广州市花都区狮岭镇人民政府, 沭阳县发展和改革局, 大同市人民政府办公室).
The combinations are plausible, not a gazetteer: a town may be paired with the wrong county.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# (province, city, counties/districts of that city)
_PLACES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("广东省", "广州市", ("花都区", "番禺区", "白云区", "从化区")),
    ("广东省", "阳江市", ("江城区", "阳东区", "阳西县", "阳春市")),
    ("江苏省", "宿迁市", ("沭阳县", "泗阳县", "泗洪县", "宿城区")),
    ("山西省", "大同市", ("平城区", "云冈区", "阳高县", "天镇县")),
    ("辽宁省", "沈阳市", ("于洪区", "沈河区", "浑南区", "新民市")),
    ("福建省", "福州市", ("平潭县", "闽侯县", "连江县", "鼓楼区")),
    ("广西壮族自治区", "河池市", ("金城江区", "宜州区", "南丹县", "东兰县")),
    ("浙江省", "杭州市", ("西湖区", "余杭区", "桐庐县", "淳安县")),
    ("四川省", "绵阳市", ("涪城区", "游仙区", "三台县", "平武县")),
    ("河南省", "洛阳市", ("洛龙区", "偃师区", "孟津区", "栾川县")),
    ("湖北省", "宜昌市", ("西陵区", "夷陵区", "远安县", "秭归县")),
    ("山东省", "潍坊市", ("奎文区", "寿光市", "诸城市", "临朐县")),
    ("云南省", "大理白族自治州", ("大理市", "祥云县", "宾川县", "洱源县")),
    ("黑龙江省", "齐齐哈尔市", ("龙沙区", "建华区", "讷河市", "龙江县")),
)
_TOWNS = ("狮岭镇", "城关镇", "新华镇", "太平镇", "青山镇", "石桥镇", "永安乡", "河西乡", "白沙镇", "龙潭镇")
_STREETS = ("新华街道", "城南街道", "东湖街道", "府前街道", "和平街道", "北关街道")
_BUREAUS = ("发展和改革局", "财政局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "教育局",
            "人力资源和社会保障局", "市场监督管理局", "农业农村局", "民政局", "司法局")
_COMMISSIONS = ("卫生健康委员会", "发展和改革委员会", "教育委员会", "民族宗教事务委员会")
_OFFICES = ("人民政府办公室", "人民政府办公厅")

# Government levels and their weights: counties, towns and departments are by far the most numerous.
LEVELS: tuple[tuple[str, float], ...] = (
    ("province", 0.03), ("city", 0.07), ("district", 0.10), ("county", 0.12), ("town", 0.16),
    ("street", 0.08), ("bureau", 0.26), ("commission", 0.08), ("office", 0.10),
)


@dataclass(frozen=True, slots=True)
class Agency:
    name: str  # the full name as the truth records it (阳江市人民政府)
    short: str  # the form some titles print (广州市花都区狮岭镇 without 人民政府)
    level: str
    issues_rules: bool  # only provinces and larger cities make 规章 (表二 (一))


def random_agency(rng: random.Random) -> Agency:
    level = rng.choices([lv for lv, _ in LEVELS], weights=[w for _, w in LEVELS])[0]
    province, city, counties = rng.choice(_PLACES)
    county = rng.choice(counties)
    if level == "province":
        return Agency(f"{province}人民政府", province, level, True)
    if level == "city":
        return Agency(f"{city}人民政府", city, level, True)
    if level in ("district", "county"):
        place = f"{city}{county}" if rng.random() < 0.5 else county
        return Agency(f"{place}人民政府", place, level, False)
    if level == "town":
        town = rng.choice(_TOWNS)
        place = f"{city}{county}{town}"
        suffix = "人民政府" if town.endswith(("镇", "乡")) else ""
        return Agency(f"{place}{suffix}", place, level, False)
    if level == "street":
        place = f"{county}{rng.choice(_STREETS)}"
        return Agency(f"{place}办事处", place, level, False)
    owner = rng.choice((city, county))
    if level == "bureau":
        name = f"{owner}{rng.choice(_BUREAUS)}"
    elif level == "commission":
        name = f"{owner}{rng.choice(_COMMISSIONS)}"
    else:
        name = f"{owner}{rng.choice(_OFFICES)}"
    return Agency(name, name, level, False)
