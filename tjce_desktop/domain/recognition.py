"""学时认定: other learning (degrees, papers, books, patents, projects, conferences, lectures)
turned into study hours by a conversion table the city keeps.

The default table below is seeded by the migration (marked as default) and then edited by
the 市级管理员; an entry keeps the hours per unit and the cap it was computed with, so a later
change of the table does not move hours already approved. An entry counts only once a second
account approved it (four eyes).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from tjce_desktop.domain.enums import CourseCategory, LabelledEnum


class RecognitionGroup(LabelledEnum):
    DEGREE = "degree", "学历教育"
    PAPER = "paper", "论文"
    BOOK = "book", "著作"
    PATENT = "patent", "专利"
    PROJECT = "project", "科研项目"
    CONFERENCE = "conference", "学术会议"
    LECTURE = "lecture", "授课讲座"


class RecognitionStatus(LabelledEnum):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已认定"
    REJECTED = "rejected", "已驳回"


@dataclass(frozen=True, slots=True)
class DefaultRule:
    kind: str
    group: RecognitionGroup
    name: str
    unit: str
    hours_per_unit: float
    yearly_cap: float
    evidence: str
    category: CourseCategory = CourseCategory.PROFESSIONAL


# Seeded once; the same ids on every desk and centrally, so the rows meet when they sync.
_NAMESPACE = uuid.UUID("6f1e3c2a-8d4b-5e7f-9a10-2b3c4d5e6f70")


def default_rule_id(kind: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"recognition_rule:{kind}")


_PAPER_EVIDENCE = "刊物封面、目录及论文复印件"
DEFAULT_RULES: tuple[DefaultRule, ...] = (
    DefaultRule("degree_credit", RecognitionGroup.DEGREE, "学历教育课程（按学分）", "学分", 8, 72,
                "学校出具的成绩单或学分证明（加盖教务部门章）"),
    DefaultRule("degree_course", RecognitionGroup.DEGREE, "学历教育课程（按门）", "门", 24, 72,
                "学校出具的课程成绩单（加盖教务部门章）"),
    DefaultRule("paper_core_first", RecognitionGroup.PAPER, "核心期刊论文·第一作者", "篇", 32, 96, _PAPER_EVIDENCE),
    DefaultRule("paper_core_other", RecognitionGroup.PAPER, "核心期刊论文·其他作者", "篇", 16, 64, _PAPER_EVIDENCE),
    DefaultRule("paper_general_first", RecognitionGroup.PAPER, "一般期刊论文·第一作者", "篇", 16, 48,
                _PAPER_EVIDENCE),
    DefaultRule("paper_general_other", RecognitionGroup.PAPER, "一般期刊论文·其他作者", "篇", 8, 32, _PAPER_EVIDENCE),
    DefaultRule("book_monograph", RecognitionGroup.BOOK, "专著（按本人撰写字数）", "万字", 4, 96,
                "著作封面、版权页、目录及本人撰写部分的说明"),
    DefaultRule("book_compiled", RecognitionGroup.BOOK, "编著、译著（按本人撰写字数）", "万字", 2, 64,
                "著作封面、版权页、目录及本人撰写部分的说明"),
    DefaultRule("patent_invention", RecognitionGroup.PATENT, "发明专利（授权）", "项", 48, 96,
                "专利证书复印件（本人为发明人）"),
    DefaultRule("patent_utility", RecognitionGroup.PATENT, "实用新型专利（授权）", "项", 24, 48,
                "专利证书复印件（本人为发明人）"),
    DefaultRule("project_national", RecognitionGroup.PROJECT, "国家级科研项目（结题）", "项", 64, 96,
                "立项文件及结题证书（本人在课题组名单中）"),
    DefaultRule("project_provincial", RecognitionGroup.PROJECT, "省部级科研项目（结题）", "项", 48, 96,
                "立项文件及结题证书（本人在课题组名单中）"),
    DefaultRule("project_municipal", RecognitionGroup.PROJECT, "市级科研项目（结题）", "项", 32, 64,
                "立项文件及结题证书（本人在课题组名单中）"),
    DefaultRule("conference_paper", RecognitionGroup.CONFERENCE, "学术会议交流论文", "篇", 16, 48,
                "会议通知、论文集目录及论文，或会议主办方的交流证明"),
    DefaultRule("conference_attend", RecognitionGroup.CONFERENCE, "参加学术会议", "天", 8, 32,
                "会议通知及参会证明（注册凭证或主办方证明）"),
    DefaultRule("lecture_given", RecognitionGroup.LECTURE, "主讲专业讲座、授课", "学时", 2, 48,
                "主办单位的授课邀请或证明（写明题目、日期、学时）"),
)


@dataclass(frozen=True, slots=True)
class CappedHours:
    """What one entry counts: quantity × hours per unit, cut to what is left of the year's cap."""

    claimed: float
    counted: float
    cap: float
    used_before: float

    @property
    def capped(self) -> bool:
        return self.counted < self.claimed

    def note(self, name: str, year: int) -> str:
        """The cap, said in Chinese when it cut the entry."""
        if not self.capped:
            return ""
        return (f"“{name}”每年最多认定 {self.cap:g} 学时，{year} 年度已计 {self.used_before:g} 学时，"
                f"本条折算 {self.claimed:g} 学时，按上限计 {self.counted:g} 学时。")


def capped_hours(quantity: float, hours_per_unit: float, cap: float, used_before: float) -> CappedHours:
    claimed = round(quantity * hours_per_unit, 1)
    left = max(0.0, round(cap - used_before, 1))
    return CappedHours(claimed, min(claimed, left), cap, used_before)
