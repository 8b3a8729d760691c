"""A centre's worth of learners: 300 names drawn the way surnames fall in a Chinese city (a few
very common ones, a long tail), with namesakes among them, for the tests that find one name."""

from __future__ import annotations

import random

# The hundred most common surnames, most common first (the 2020 census order, roughly).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单"
)
GIVEN_NAMES = "秀英 桂兰 玉兰 淑珍 凤英 国平 建国 建华 志强 秀兰 玉珍 德明 红梅 丽华 文华 永福 金凤 建军 海燕 美玲"
GIVEN = GIVEN_NAMES.split()


def crowd(count: int = 300, seed: int = 7) -> list[tuple[str, str | None]]:
    """(name, phone digits or None): surnames weighted 1/(rank + 8), so 王 has about one name in
    twenty, as in a Chinese city, and the last surnames one or two; every twentieth name is a
    namesake with other digits."""
    rng = random.Random(seed)
    weights = [1 / (rank + 8) for rank in range(len(SURNAMES))]
    people: list[tuple[str, str | None]] = []
    while len(people) < count:
        if people and len(people) % 20 == 0:
            name = people[rng.randrange(len(people))][0]
        else:
            name = rng.choices(SURNAMES, weights)[0] + rng.choice(GIVEN)
        digits = f"{rng.randrange(10000):04d}" if rng.random() < 0.7 else None
        if any(other == (name, digits) for other in people):
            continue
        people.append((name, digits))
    return people
