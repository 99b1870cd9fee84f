"""Parts of fictitious enterprise and project names, and the ways lists vary them.

Every enterprise name starts with 模拟 ("simulated"), so no generated name can be
mistaken for a real company. Name stems carry a check character, so two different
stems always differ in at least two characters: no two generated enterprises look like
one enterprise with a typo, and every candidate link between them would be an error.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

MARKER = "模拟"
# Single characters for stems; none starts a place name (the key keeps the stem whole).
SYLLABLES = ("华", "泰", "康", "瑞", "鑫", "宏", "诚", "德", "信", "恒", "达", "盛", "祥", "和", "丰", "佳",
             "嘉", "瀚", "博", "睿", "晟", "锦", "昊", "骏", "凯", "朗", "铭", "润", "硕", "腾", "拓", "维",
             "旭", "耀", "远", "卓", "正", "志", "智", "中", "宇", "元", "永", "益", "毅", "英", "扬", "优",
             "亚", "兴", "欣", "新", "翔", "祺", "启", "沛", "美", "茂", "隆", "力")
INDUSTRIES = ("精密机械", "智能装备", "新材料", "电子科技", "汽车零部件", "生物医药", "化工科技", "机电设备",
              "轴承制造", "液压科技", "数控技术", "光电科技", "纺织科技", "食品机械", "环保设备", "电气控制")
FORMS = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司")
PRODUCTS = ("伺服电机", "精密减速器", "工业机器人", "高端轴承", "液压件", "数控机床", "传感器", "控制器",
            "特种钢材", "碳纤维复合材料", "锂电池隔膜", "光伏组件", "智能仪表", "电机驱动器", "齿轮箱",
            "铝合金压铸件", "工业软件", "密封件", "紧固件", "高温合金")
PROJECT_TEMPLATES = ("年产{n}万套{product}项目", "{product}智能化技术改造项目", "{product}生产线数字化改造项目",
                     "{product}数字化车间建设项目", "{product}绿色制造系统集成项目", "{product}产业化项目",
                     "新增{n}万台{product}扩建项目", "{product}智能工厂建设项目")
PHASES = ("", "（一期）", "（二期）", "(一期)")

_FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}


def pick(rnd: random.Random, choices: Sequence[T]) -> T:
    """`rnd.choice`, several times faster: a million rows make tens of millions of choices."""
    return choices[int(rnd.random() * len(choices))]


def between(rnd: random.Random, low: int, high: int) -> int:
    """`rnd.randint(low, high)`, faster in the same way."""
    return low + int(rnd.random() * (high - low + 1))


def stem(index: int) -> str:
    """A unique stem for enterprise number `index` (up to 60⁴ of them).

    The check syllable weighs the four others by numbers prime to 60, so changing any one of
    them changes the check too: two stems never differ in one character only.
    """
    base = len(SYLLABLES)
    digits = [(index // base ** power) % base for power in range(4)]
    check = sum(weight * digit for weight, digit in zip((1, 7, 11, 13), digits, strict=True)) % base
    return MARKER + "".join(SYLLABLES[digit] for digit in reversed(digits)) + SYLLABLES[check]


def enterprise_name(index: int, rnd: random.Random) -> tuple[str, str]:
    """(stem + industry, legal form) of a new enterprise."""
    return stem(index) + pick(rnd, INDUSTRIES), pick(rnd, FORMS)


def name_variant(core: str, form: str, city: str, province: str, rnd: random.Random) -> str:
    """How one list writes the enterprise: another legal form, a place before or in brackets, spaces."""
    roll = rnd.random()
    if roll < 0.4:
        return core + form
    if roll < 0.55:
        return core + pick(rnd, FORMS)
    short_city = city.removesuffix("市")
    if roll < 0.7:
        return pick(rnd, (short_city, city)) + core + form
    if roll < 0.8:
        return province.removesuffix("省") + short_city + core + pick(rnd, FORMS)
    if roll < 0.9:
        bracket = pick(rnd, (("（", "）"), ("(", ")")))
        return core + bracket[0] + short_city + bracket[1] + form
    return core[:4] + " " + core[4:] + form


def project_name(rnd: random.Random) -> str:
    template = pick(rnd, PROJECT_TEMPLATES)
    return template.format(n=between(rnd, 1, 500), product=pick(rnd, PRODUCTS)) + pick(rnd, PHASES)


def project_variant(name: str, rnd: random.Random) -> str:
    """The same project as another list writes it: without 项目, with full-width digits or brackets."""
    roll = rnd.random()
    if roll < 0.6:
        return name
    if roll < 0.75:
        return name.replace("项目", "", 1) if "项目" in name else name + "项目"
    if roll < 0.9:
        return "".join(chr(ord(char) + 0xFEE0) if char.isascii() and char.isdigit() else char for char in name)
    return name.replace("（", "(").replace("）", ")")


def project_identity(name: str) -> str:
    """What makes two generated project names one project: the name without its phase brackets."""
    return name.replace("(", "（").replace(")", "）")


def full_width(text: str) -> str:
    return text.translate(_FULL_WIDTH)
