"""Seeded, realistic demo data at city scale, as rows ready for the local SQLite cache.

Everything here is a pure function of the seed, the size and the reference date: the same
arguments give the same rows. Trainees are produced in fixed-size chunks, each from its
own seeded generator and with keys computed from the trainee's index, so chunks can be made
in any order (or in a worker process) and still give the same database.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from dataclasses import dataclass, field
from itertools import accumulate

from tjce_desktop.domain import batch_number
from tjce_desktop.domain.enums import (
    CourseCategory,
    ExamType,
    LearningStatus,
    OrgKind,
    PostType,
    StampStatus,
    TitleLevel,
)
from tjce_desktop.domain.id_number import check_char
from tjce_desktop.domain.ids import sequential_id
from tjce_desktop.domain.pinyin import person_name_keys
from tjce_desktop.domain.regions import BUREAUS, CITY_CODE, CITY_NAME, DISTRICTS

CHUNK_SIZE = 10_000

# Key tags: one per table, so demo keys never collide across tables.
_TAG = {
    "org": 0x0D_0001,
    "plan": 0x0D_0002,
    "course": 0x0D_0003,
    "exam": 0x0D_0004,
    "trainee": 0x0D_0005,
    "enrollment": 0x0D_0006,
    "course_progress": 0x0D_0007,
    "exam_attempt": 0x0D_0008,
    "stamp_batch": 0x0D_0009,
    "other_learning": 0x0D_000A,
    "hour_rule": 0x0D_000B,
    "certificate": 0x0D_000C,
    "registration": 0x0D_000D,  # + the year's offset from the oldest plan year
}
_MAX_PLAN_SLOTS = 16  # enrollment key = trainee index * 16 + plan index
_MAX_CHILD_SLOTS = 8  # progress/attempt key = enrollment key * 8 + slot

# Share of the city's trainees per district (滨海新区 and the central districts are largest);
# the municipal bureaus' systems share the rest.
_DISTRICT_WEIGHTS = (5, 6, 8, 7, 5, 4, 5, 6, 4, 5, 6, 4, 14, 2, 3, 3)
_BUREAU_WEIGHT = 2.5

_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
)
_SURNAME_WEIGHTS = tuple(accumulate(max(1, 60 - i) for i in range(len(_SURNAMES))))
_GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强志明海燕雪梅玉兰"
    "晓东晓明文博子涵浩然雨欣思远佳怡俊杰欣怡宇航梓萱一鸣嘉懿婉清天佑若溪振华立新红梅春燕"
    "鹏飞晨曦凯瑞子轩雅琴海涛丽萍国庆卫东永刚淑珍宏伟亚楠"
)
_TITLE_WEIGHTS = (
    (TitleLevel.SENIOR_FULL, 3),
    (TitleLevel.SENIOR_DEPUTY, 12),
    (TitleLevel.INTERMEDIATE, 35),
    (TitleLevel.JUNIOR, 33),
    (TitleLevel.NONE, 17),
)
_JOB_TITLES = {
    PostType.PROFESSIONAL: ("工程师", "教师", "医师", "护士", "会计", "研究员", "技术员", "设计师"),
    PostType.MANAGEMENT: ("科长", "副科长", "科员", "主任", "副主任", "经理"),
}
_UNIT_WORDS = (
    "海河", "津门", "渤海", "北洋", "滨江", "金桥", "东方", "华信", "新港", "泰达", "南湖", "西岸",
    "长城", "建新", "育才", "启明", "光华", "中环", "和平", "友谊", "华苑", "鼓楼", "五大道", "天塔",
)
_UNIT_SUFFIXES = (
    "中学", "小学", "职业学校", "幼儿园", "医院", "社区卫生服务中心", "疾病预防控制中心", "图书馆",
    "科技有限公司", "建设集团有限公司", "规划设计研究院", "检测技术中心", "电子有限公司", "文化馆",
    "环境监测站", "农业技术推广中心", "信息技术有限公司", "建筑设计院",
)
_DEPARTMENTS = ("办公室", "人事处", "财务处", "教务处", "信息中心", "科研处", "技术部", "质量管理部", "市场部",
                "后勤保障部")

_PUBLIC_REQUIRED_TOPICS = ("习近平新时代中国特色社会主义思想专题", "全面推进中国式现代化", "数字经济与高质量发展")
_PUBLIC_ELECTIVE_TOPICS = ("人工智能技术应用", "心理健康与压力管理", "知识产权保护实务")
_PROFESSIONAL_SERIES = ("卫生系列", "工程系列")

# Birth dates spread over 1962–2002 (ages about 24–64); ID numbers are unique by
# construction: trainee index → a permutation of (birth day × sequence pair).
_BIRTH_START = dt.date(1962, 1, 1)
_BIRTH_DAYS = (dt.date(2002, 12, 31) - _BIRTH_START).days + 1
_SEQ_PAIRS = 500
_ID_SPACE = _BIRTH_DAYS * _SEQ_PAIRS
_ID_STRIDE = 2_654_435_761  # prime, coprime to _ID_SPACE, so i → i·stride mod space is a bijection


_HEX_PREFIX = {table: sequential_id(tag, 0).hex[:16] for table, tag in _TAG.items()}
_VARIANT = 1 << 63


def hex_id(table: str, counter: int) -> str:
    """A demo key as stored in SQLite (32 hex digits, like SQLAlchemy's Uuid); equal to
    ``sequential_id(tag, counter).hex``, formatted directly because it runs millions of times."""
    return _HEX_PREFIX[table] + f"{_VARIANT | counter:016x}"


def _stamp(day: dt.date, minutes: int = 540) -> str:
    """A DATETIME value as SQLAlchemy stores it in SQLite."""
    return f"{day.isoformat()} {minutes // 60:02d}:{minutes % 60:02d}:00.000000"


@dataclass(frozen=True, slots=True)
class DemoOrg:
    index: int
    id: str
    parent_id: str | None
    code: str
    name: str
    kind: str
    path: str
    depth: int
    sort_order: int
    region_code: str  # the district whose codes local ID numbers carry
    unit_index: int  # the unit this org belongs to (itself for a unit); -1 above units
    top_index: int  # the district or bureau this org belongs to; -1 for the city


@dataclass(frozen=True, slots=True)
class DemoCourse:
    id: str
    name: str
    category: str
    hours: float


@dataclass(frozen=True, slots=True)
class DemoExam:
    id: str
    name: str
    max_attempts: int
    pass_score: float


@dataclass(frozen=True, slots=True)
class DemoPlan:
    index: int
    id: str
    name: str
    year: int
    starts_on: dt.date
    ends_on: dt.date
    professional_series: str | None
    courses: tuple[DemoCourse, ...]
    exam: DemoExam

    @property
    def total_hours(self) -> float:
        return sum(course.hours for course in self.courses)


@dataclass(frozen=True)
class DemoContext:
    seed: int
    trainees: int
    as_of: dt.date
    orgs: tuple[DemoOrg, ...]
    plans: tuple[DemoPlan, ...]
    # Orgs trainees belong to (units and departments) with cumulative weights.
    member_orgs: tuple[int, ...] = field(repr=False)
    member_weights: tuple[float, ...] = field(repr=False)
    # Trainees per chunk, part of the context so that a worker process cuts the chunks as the
    # parent does (the tests use small chunks to reach the worker path with a small demo).
    chunk_size: int = CHUNK_SIZE

    @property
    def chunk_count(self) -> int:
        return (self.trainees + self.chunk_size - 1) // self.chunk_size


@dataclass
class ChunkRows:
    trainee: list[tuple] = field(default_factory=list)
    enrollment: list[tuple] = field(default_factory=list)
    course_progress: list[tuple] = field(default_factory=list)
    exam_attempt: list[tuple] = field(default_factory=list)
    other_learning: list[tuple] = field(default_factory=list)
    # (unit index, plan index) → archives stamped in that unit's batch for that plan
    stamp_counts: dict[tuple[int, int], int] = field(default_factory=dict)


# Column lists in the order the row tuples carry them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "org": ("id", "parent_id", "code", "name", "kind", "path", "depth", "sort_order",
            "row_version", "updated_at", "updated_by"),
    "training_plan": ("id", "name", "year", "starts_on", "ends_on", "description", "closed",
                      "row_version", "updated_at", "updated_by"),
    "course": ("id", "plan_id", "name", "category", "hours", "sort_order",
               "row_version", "updated_at", "updated_by"),
    "exam": ("id", "plan_id", "name", "exam_type", "max_attempts", "pass_score", "sort_order",
             "row_version", "updated_at", "updated_by"),
    "trainee": ("id", "org_id", "org_path", "username", "real_name", "id_number", "gender",
                "birth_date", "phone", "email", "title_level", "post_type", "high_tech",
                "job_title", "active", "left_on", "registered_at", "name_pinyin", "name_initials",
                "row_version", "updated_at", "updated_by"),
    "enrollment": ("id", "trainee_id", "plan_id", "status", "enrolled_at", "started_at",
                   "finished_at", "hours", "stamp_status", "stamp_batch_id", "stamped_at",
                   "org_path", "trainee_active", "row_version", "updated_at", "updated_by"),
    "course_progress": ("id", "enrollment_id", "course_id", "hours", "finished_at",
                        "row_version", "updated_at", "updated_by"),
    "exam_attempt": ("id", "enrollment_id", "exam_id", "attempt_no", "score", "passed", "taken_at",
                     "row_version", "updated_at", "updated_by"),
    "stamp_batch": ("id", "org_id", "number", "method", "stamped_by", "stamped_at", "archive_count",
                    "row_version", "updated_at", "updated_by"),
    "other_learning": ("id", "trainee_id", "year", "form", "title", "category", "starts_on", "ends_on", "days",
                       "hours", "evidence", "recorded_by", "recorded_at", "row_version", "updated_at", "updated_by"),
    "hour_rule": ("id", "first_year", "standard_hours", "senior_hours", "public_required_min_hours",
                  "professional_min_share", "required_courses", "register_by", "verify_by", "document_number",
                  "document_title", "changed_at", "row_version", "updated_at", "updated_by"),
}

# The city's rule from the oldest plan year on (人社部令第25号: 专业科目一般不少于总学时的三分之二),
# and a new one this year naming its required 公需课.
PROFESSIONAL_SHARE = 2 / 3
PUBLIC_REQUIRED_MINIMUM = 24.0
# Other learning at the desk, by form: (title, evidence).
_OTHER_LEARNING = (
    ("training_course", "{series}专业技术人员能力提升培训班", "结业证书"),
    ("advanced_course", "{series}高级研修班", "研修结业证明"),
    ("seminar", "{series}学术年会", "参会证明及会议日程"),
    ("on_the_job", "本单位{series}岗位技能培训", "单位培训记录及考核结果"),
)
_DEMO_USER = "demo"
DEMO_DESK_CODE = "00000"  # the demo's batches: GZ-2025-00000-000001 …


def build_context(seed: int, trainees: int, as_of: dt.date, chunk_size: int | None = None) -> DemoContext:
    rng = random.Random(f"tjce-demo:{seed}:structure")
    orgs = _build_orgs(rng, trainees)
    plans = _build_plans(as_of)
    member_orgs: list[int] = []
    weights: list[float] = []
    tops = [org for org in orgs if org.depth == 1]
    top_weight = {org.index: w for org, w in zip(tops, _top_weights())}
    members_per_top: dict[int, int] = {}
    for org in orgs:
        if org.depth >= 2:
            members_per_top[org.top_index] = members_per_top.get(org.top_index, 0) + 1
    for org in orgs:
        if org.depth < 2:
            continue
        share = top_weight[org.top_index] / members_per_top[org.top_index]
        member_orgs.append(org.index)
        weights.append(share * rng.uniform(0.3, 1.7))
    return DemoContext(
        seed=seed,
        trainees=trainees,
        as_of=as_of,
        orgs=tuple(orgs),
        plans=tuple(plans),
        member_orgs=tuple(member_orgs),
        member_weights=tuple(accumulate(weights)),
        chunk_size=chunk_size or CHUNK_SIZE,
    )


def _top_weights() -> list[float]:
    return [float(w) for w in _DISTRICT_WEIGHTS] + [_BUREAU_WEIGHT] * len(BUREAUS)


def _build_orgs(rng: random.Random, trainees: int) -> list[DemoOrg]:
    orgs: list[DemoOrg] = []

    def add(parent: DemoOrg | None, code: str, name: str, kind: OrgKind, region: str) -> DemoOrg:
        index = len(orgs)
        path = (parent.path if parent else "/") + code + "/"
        unit_index = index if kind == OrgKind.UNIT else (parent.unit_index if parent else -1)
        top_index = index if kind in (OrgKind.DISTRICT, OrgKind.BUREAU) else (parent.top_index if parent else -1)
        org = DemoOrg(
            index=index,
            id=hex_id("org", index),
            parent_id=parent.id if parent else None,
            code=code,
            name=name,
            kind=kind.value,
            path=path,
            depth=parent.depth + 1 if parent else 0,
            sort_order=index,
            region_code=region,
            unit_index=unit_index,
            top_index=top_index,
        )
        orgs.append(org)
        return org

    city = add(None, CITY_CODE, CITY_NAME, OrgKind.CITY, CITY_CODE)
    tops = [add(city, code, name, OrgKind.DISTRICT, code) for code, name in DISTRICTS]
    for number, name in enumerate(BUREAUS, start=1):
        tops.append(add(city, f"12B{number:02d}", name, OrgKind.BUREAU, ""))
    weights = _top_weights()
    total_units = max(2 * len(tops), min(3000, trainees // 1000))
    for top, weight in zip(tops, weights):
        unit_count = max(2, round(total_units * weight / sum(weights)))
        place = top.name if top.kind == OrgKind.DISTRICT else "天津市"
        names = _unit_names(rng, place, unit_count)
        for number, unit_name in enumerate(names, start=1):
            region = top.region_code or rng.choice(DISTRICTS)[0]
            unit = add(top, f"{top.code}{number:03d}", unit_name, OrgKind.UNIT, region)
            for d_number, dept in enumerate(rng.sample(_DEPARTMENTS, rng.randint(0, 4)), start=1):
                add(unit, f"{unit.code}{d_number:02d}", dept, OrgKind.DEPARTMENT, region)
    return orgs


def _unit_names(rng: random.Random, place: str, count: int) -> list[str]:
    combos = [f"{place}{word}{suffix}" for word in _UNIT_WORDS for suffix in _UNIT_SUFFIXES]
    rng.shuffle(combos)
    names = combos[:count]
    names += [f"{place}第{n}综合服务中心" for n in range(1, count - len(names) + 1)]
    return names


def _build_plans(as_of: dt.date) -> list[DemoPlan]:
    plans: list[DemoPlan] = []
    for year in range(as_of.year - 2, as_of.year + 1):
        starts, ends = dt.date(year, 1, 1), dt.date(year, 12, 31)
        topic = (year - 2000) % len(_PUBLIC_REQUIRED_TOPICS)

        def plan(name: str, series: str | None, courses: list[tuple[str, str, float]], exam: tuple[str, int]) -> None:
            index = len(plans)
            plans.append(
                DemoPlan(
                    index=index,
                    id=hex_id("plan", index),
                    name=name,
                    year=year,  # noqa: B023 — plan() runs within the iteration that defines it
                    starts_on=starts,  # noqa: B023
                    ends_on=ends,  # noqa: B023
                    professional_series=series,
                    courses=tuple(
                        DemoCourse(id=hex_id("course", index * 8 + n), name=name, category=cat, hours=hours)
                        for n, (name, cat, hours) in enumerate(courses)
                    ),
                    exam=DemoExam(id=hex_id("exam", index), name=exam[0], max_attempts=exam[1], pass_score=60.0),
                )
            )

        plan(
            f"{year}年度公需课培训计划",
            None,
            [
                (f"{_PUBLIC_REQUIRED_TOPICS[topic]}（{year}）", CourseCategory.PUBLIC_REQUIRED.value, 30.0),
                (f"{_PUBLIC_ELECTIVE_TOPICS[topic]}（{year}）", CourseCategory.PUBLIC_ELECTIVE.value, 20.0),
            ],
            (f"{year}年度公需课考试", 3),
        )
        for series in _PROFESSIONAL_SERIES:
            plan(
                f"{year}年度专业课培训计划（{series}）",
                series,
                [
                    (f"{series}前沿进展（{year}）", CourseCategory.PROFESSIONAL.value, 24.0),
                    (f"{series}实务与规范（{year}）", CourseCategory.PROFESSIONAL.value, 24.0),
                ],
                (f"{year}年度专业课结业考试（{series}）", 2),
            )
    return plans


def reference_rows(ctx: DemoContext) -> dict[str, list[tuple]]:
    """Orgs, plans, courses and exams: the small tables, inserted before any trainee."""
    now = _stamp(ctx.as_of, 480)
    org_rows = [
        (o.id, o.parent_id, o.code, o.name, o.kind, o.path, o.depth, o.sort_order, 1, now, _DEMO_USER)
        for o in ctx.orgs
    ]
    plan_rows, course_rows, exam_rows = [], [], []
    for plan in ctx.plans:
        closed = 1 if plan.year < ctx.as_of.year - 1 else 0
        plan_rows.append(
            (plan.id, plan.name, plan.year, plan.starts_on.isoformat(), plan.ends_on.isoformat(),
             f"{plan.year} 年度继续教育，共 {plan.total_hours:g} 学时。", closed, 1, now, _DEMO_USER)
        )
        for n, course in enumerate(plan.courses):
            course_rows.append((course.id, plan.id, course.name, course.category, course.hours, n, 1, now, _DEMO_USER))
        exam_type = ExamType.ONLINE.value if plan.professional_series is None else ExamType.OFFLINE.value
        exam_rows.append(
            (plan.exam.id, plan.id, plan.exam.name, exam_type, plan.exam.max_attempts, plan.exam.pass_score, 0,
             1, now, _DEMO_USER)
        )
    return {"org": org_rows, "training_plan": plan_rows, "course": course_rows, "exam": exam_rows}


def stamp_batch_rows(ctx: DemoContext, counts: dict[tuple[int, int], int]) -> list[tuple]:
    now = _stamp(ctx.as_of, 480)
    rows = []
    per_year: dict[int, int] = {}
    for (unit, plan_index), count in sorted(counts.items()):
        plan = ctx.plans[plan_index]
        stamped = _stamp(plan.ends_on + dt.timedelta(days=5 + unit % 15), 600)
        year = int(str(stamped)[:4])
        per_year[year] = per_year.get(year, 0) + 1
        number = batch_number.make(year, DEMO_DESK_CODE, per_year[year])
        rows.append(
            (_batch_id(unit, plan_index), ctx.orgs[unit].id, number, "electronic", _DEMO_USER, stamped, count,
             1, now, _DEMO_USER)
        )
    return rows


def _batch_id(unit: int, plan_index: int) -> str:
    return hex_id("stamp_batch", unit * _MAX_PLAN_SLOTS + plan_index)


def _day(start: dt.date, offset: int, latest: dt.date) -> dt.date:
    return min(start + dt.timedelta(days=offset), latest)


def generate_chunk(ctx: DemoContext, chunk_index: int) -> ChunkRows:
    """Trainees ``chunk_index·chunk_size`` … and everything that hangs off them."""
    rng = random.Random(f"tjce-demo:{ctx.seed}:chunk:{chunk_index}")
    out = ChunkRows()
    now = _stamp(ctx.as_of, 480)
    first = chunk_index * ctx.chunk_size
    last = min(ctx.trainees, first + ctx.chunk_size)
    orgs, plans = ctx.orgs, ctx.plans
    member_orgs, member_weights = ctx.member_orgs, ctx.member_weights
    weight_total = member_weights[-1]
    title_levels = [t.value for t, _ in _TITLE_WEIGHTS]
    title_cum = list(accumulate(w for _, w in _TITLE_WEIGHTS))
    public_plans = [p for p in plans if p.professional_series is None]
    professional_plans = [p for p in plans if p.professional_series is not None]
    current_year = ctx.as_of.year
    registered_span = max(1, (ctx.as_of - dt.date(2014, 1, 1)).days)

    for index in range(first, last):
        trainee_id = hex_id("trainee", index)
        org = orgs[member_orgs[bisect.bisect(member_weights, rng.random() * weight_total)]]
        # ID number, unique by construction.
        slot = (index * _ID_STRIDE) % _ID_SPACE
        birth = _BIRTH_START + dt.timedelta(days=slot // _SEQ_PAIRS)
        male = rng.random() < 0.5
        sequence = (slot % _SEQ_PAIRS) * 2 + (1 if male else 0)
        region = org.region_code
        first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
        id_number = first17 + check_char(first17)
        surname = _SURNAMES[bisect.bisect(_SURNAME_WEIGHTS, rng.random() * _SURNAME_WEIGHTS[-1])]
        given = rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.6 else "")
        real_name = (surname + given)[:4]
        name_keys = person_name_keys(real_name)
        title = title_levels[bisect.bisect(title_cum, rng.random() * title_cum[-1])]
        post = PostType.PROFESSIONAL if rng.random() < 0.8 else PostType.MANAGEMENT
        high_tech = post is PostType.PROFESSIONAL and title != TitleLevel.NONE.value and rng.random() < 0.1
        active = rng.random() < 0.97
        left_on = None if active else _day(dt.date(current_year - 1, 1, 1), rng.randrange(600), ctx.as_of)
        registered = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(registered_span))
        out.trainee.append(
            (trainee_id, org.id, org.path, f"tj{index + 1:07d}", real_name, id_number,
             "male" if male else "female", birth.isoformat(),
             f"1{rng.choice('3578')}{rng.randrange(10**9):09d}", None, title, post.value,
             1 if high_tech else 0, rng.choice(_JOB_TITLES[post]), 1 if active else 0,
             left_on.isoformat() if left_on else None, _stamp(registered, 600 + index % 300),
             name_keys.full, name_keys.initials, 1, now, _DEMO_USER)
        )
        series = _PROFESSIONAL_SERIES[index % len(_PROFESSIONAL_SERIES)]
        professional: dict[int, float] = {}  # year → 专业课 hours finished on the platform
        for plan in public_plans + professional_plans:
            if left_on is not None and plan.starts_on > left_on:
                continue
            if plan.professional_series is None:
                enrolled = rng.random() < (0.88 if plan.year == current_year else 0.92)
            else:
                # A share of a series takes its 专业课 plan each year, the rest learn elsewhere (other
                # learning, below), so that 60–80 % meet the year's rule as in the city's figures.
                enrolled = plan.professional_series == series and rng.random() < (
                    0.2 if plan.year == current_year else 0.3)
            if enrolled:
                hours = _enroll(ctx, rng, out, index, org, plan, now, active)
                if plan.professional_series is not None:
                    professional[plan.year] = professional.get(plan.year, 0.0) + hours
        senior = title in (TitleLevel.SENIOR_FULL.value, TitleLevel.SENIOR_DEPUTY.value) or high_tech
        _other_learning(ctx, rng, out, index, series, senior, professional, left_on, now)
    return out


def _other_learning(ctx: DemoContext, rng: random.Random, out: ChunkRows, index: int, series: str, senior: bool,
                    professional: dict[int, float], left_on: dt.date | None, now: str) -> None:
    """Most trainees make up their 专业课 at their unit or a society (recorded at the desk): a
    past year mostly in full, this year for some so far. Some stop a few days short."""
    for offset, year in enumerate(range(ctx.as_of.year - 2, ctx.as_of.year + 1)):
        current = year == ctx.as_of.year
        if rng.random() >= (0.35 if current else 0.9):
            continue
        needed = PROFESSIONAL_SHARE * (144 if senior else 96) - professional.get(year, 0.0)
        days = max(1, -(-int(needed) // 8)) + rng.choice((0, 0, 0, 1, 2)) - (2 if rng.random() < 0.08 else 0)
        if days <= 0:
            continue
        form, title, evidence = _OTHER_LEARNING[(index + year) % len(_OTHER_LEARNING)]
        latest = min(dt.date(year, 12, 20), ctx.as_of - dt.timedelta(days=1), left_on or dt.date(year, 12, 20))
        if latest.year != year or latest < dt.date(year, 3, 1):
            continue
        starts = dt.date(year, 3, 1) + dt.timedelta(days=rng.randrange(max(1, (latest - dt.date(year, 3, 1)).days
                                                                           - days)))
        ends = min(starts + dt.timedelta(days=days - 1), latest)
        days = min(days, (ends - starts).days + 1)
        out.other_learning.append(
            (hex_id("other_learning", index * 4 + offset), hex_id("trainee", index), year, form,
             title.format(series=series), CourseCategory.PROFESSIONAL.value, starts.isoformat(), ends.isoformat(),
             float(days), float(days * 8), f"{evidence}（演示）", _DEMO_USER, _stamp(ends + dt.timedelta(days=1), 600),
             1, now, _DEMO_USER))


def hour_rule_rows(ctx: DemoContext) -> list[tuple]:
    """The city's rules for the demo's years: from the oldest plan year, and a new one this year."""
    now = _stamp(ctx.as_of, 480)
    first = ctx.as_of.year - 2
    topic = _PUBLIC_REQUIRED_TOPICS[(ctx.as_of.year - 2000) % len(_PUBLIC_REQUIRED_TOPICS)]
    rows = []
    for number, (year, courses) in enumerate(((first, ""), (ctx.as_of.year, topic))):
        rows.append((hex_id("hour_rule", number), year, 96.0, 144.0, PUBLIC_REQUIRED_MINIMUM, PROFESSIONAL_SHARE,
                     courses, "12-31", "01-20", f"津人社办发〔{year}〕{3 + number * 9}号",
                     f"关于做好{year}年度专业技术人员继续教育工作的通知", _stamp(dt.date(year, 1, 15), 540), 1, now,
                     _DEMO_USER))
    return rows


def _enroll(
    ctx: DemoContext, rng: random.Random, out: ChunkRows, index: int, org: DemoOrg, plan: DemoPlan, now: str,
    active: bool,
) -> float:
    """One archive and its records; returns the hours of the courses finished in it."""
    counter = index * _MAX_PLAN_SLOTS + plan.index
    enrollment_id = hex_id("enrollment", counter)
    latest = min(plan.ends_on, ctx.as_of)
    draw = rng.random()
    if plan.year < ctx.as_of.year:
        status = (LearningStatus.FINISHED if draw < 0.86 else LearningStatus.IN_PROGRESS if draw < 0.93
                  else LearningStatus.NOT_STARTED)
    else:
        status = (LearningStatus.FINISHED if draw < 0.45 else LearningStatus.IN_PROGRESS if draw < 0.78
                  else LearningStatus.NOT_STARTED)
    span = max(1, (latest - plan.starts_on).days)
    enrolled = _day(plan.starts_on, rng.randrange(min(60, span)), latest)
    started = finished = None
    hours = 0.0
    attempts: list[tuple[float, bool]] = []
    if status is not LearningStatus.NOT_STARTED:
        started = _day(enrolled, rng.randrange(30), latest)
        remaining_days = max(1, (latest - started).days)
        if status is LearningStatus.FINISHED:
            finished = _day(started, 10 + rng.randrange(remaining_days), latest)
            for slot, course in enumerate(plan.courses):
                done = _day(started, rng.randrange(max(1, (finished - started).days + 1)), finished)
                out.course_progress.append(
                    (hex_id("course_progress", counter * _MAX_CHILD_SLOTS + slot), enrollment_id, course.id,
                     course.hours, _stamp(done, 600 + slot * 30), 1, now, _DEMO_USER)
                )
                hours += course.hours
            failures = 0 if rng.random() < 0.8 else rng.randint(1, plan.exam.max_attempts - 1)
            attempts = [(float(rng.randint(25, 59)), False) for _ in range(failures)]
            attempts.append((float(rng.randint(60, 100)), True))
        else:
            for slot, course in enumerate(plan.courses):
                part = course.hours if slot == 0 and rng.random() < 0.5 else round(course.hours * rng.random(), 1)
                if slot > 0 and rng.random() < 0.5:
                    break
                done_day = _day(started, rng.randrange(remaining_days), latest)
                out.course_progress.append(
                    (hex_id("course_progress", counter * _MAX_CHILD_SLOTS + slot), enrollment_id, course.id,
                     part, _stamp(done_day, 600) if part >= course.hours else None, 1, now, _DEMO_USER)
                )
                hours += part
            attempts = [(float(rng.randint(20, 59)), False) for _ in range(rng.choice((0, 0, 1)))]
    attempt_day = finished or started
    for number, (score, passed) in enumerate(attempts, start=1):
        assert attempt_day is not None  # an attempt only after the archive was started
        out.exam_attempt.append(
            (hex_id("exam_attempt", counter * _MAX_CHILD_SLOTS + number), enrollment_id, plan.exam.id, number,
             score, 1 if passed else 0, _stamp(attempt_day, 840 + number * 20), 1, now, _DEMO_USER)
        )
    stamp_status, batch_id, stamped_at = StampStatus.UNSTAMPED.value, None, None
    if status is LearningStatus.FINISHED and plan.year < ctx.as_of.year and rng.random() < 0.6:
        key = (org.unit_index, plan.index)
        out.stamp_counts[key] = out.stamp_counts.get(key, 0) + 1
        stamp_status, batch_id = StampStatus.STAMPED.value, _batch_id(*key)
        stamped_at = _stamp(plan.ends_on + dt.timedelta(days=5 + org.unit_index % 15), 600)
    out.enrollment.append(
        (enrollment_id, hex_id("trainee", index), plan.id, status.value, _stamp(enrolled, 560),
         _stamp(started, 600) if started else None, _stamp(finished, 990) if finished else None,
         round(hours, 1), stamp_status, batch_id, stamped_at, org.path, 1 if active else 0, 1, now, _DEMO_USER)
    )
    return hours if status is LearningStatus.FINISHED else 0.0
