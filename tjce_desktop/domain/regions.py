"""Tianjin's administrative divisions (GB/T 2260 codes) and municipal bureaus."""

from __future__ import annotations

CITY_CODE = "120000"
CITY_NAME = "天津市"

# The 16 districts, in the order the city lists them.
DISTRICTS: tuple[tuple[str, str], ...] = (
    ("120101", "和平区"),
    ("120102", "河东区"),
    ("120103", "河西区"),
    ("120104", "南开区"),
    ("120105", "河北区"),
    ("120106", "红桥区"),
    ("120110", "东丽区"),
    ("120111", "西青区"),
    ("120112", "津南区"),
    ("120113", "北辰区"),
    ("120114", "武清区"),
    ("120115", "宝坻区"),
    ("120116", "滨海新区"),
    ("120117", "宁河区"),
    ("120118", "静海区"),
    ("120119", "蓟州区"),
)

# Municipal bureaus that run continuing education for their own systems.
BUREAUS: tuple[str, ...] = (
    "市教育委员会",
    "市卫生健康委员会",
    "市科学技术局",
    "市工业和信息化局",
    "市住房和城乡建设委员会",
    "市交通运输委员会",
    "市农业农村委员会",
    "市国有资产监督管理委员会",
)

DISTRICT_CODES: frozenset[str] = frozenset(code for code, _ in DISTRICTS)
