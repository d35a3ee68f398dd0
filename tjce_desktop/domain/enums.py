"""Enumerations of the domain with their Chinese labels (see GLOSSARY.md)."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry the label shown to users."""

    label: str

    def __new__(cls, value: str, label: str = ""):  # the label is given once, with the member
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def from_label(cls, label: str):
        """The member by its label, its value or a usual short form (``SHORT_FORMS``: 副高 for 副高级)."""
        for member in cls:
            if member.label == label or member.value == label:
                return member
        short = SHORT_FORMS.get(cls.__name__, {}).get(label)
        if short is not None:
            return cls(short)
        raise ValueError(label)

    @classmethod
    def labels(cls) -> list[str]:
        return [member.label for member in cls]


class Gender(LabelledEnum):
    MALE = "male", "男"
    FEMALE = "female", "女"


class TitleLevel(LabelledEnum):
    SENIOR_FULL = "senior_full", "正高级"
    SENIOR_DEPUTY = "senior_deputy", "副高级"
    INTERMEDIATE = "intermediate", "中级"
    JUNIOR = "junior", "初级"
    NONE = "none", "无"

    @property
    def is_senior(self) -> bool:
        return self in (TitleLevel.SENIOR_FULL, TitleLevel.SENIOR_DEPUTY)


class PostType(LabelledEnum):
    PROFESSIONAL = "professional", "专业技术岗位"
    MANAGEMENT = "management", "管理岗位"


class CourseCategory(LabelledEnum):
    PUBLIC_REQUIRED = "public_required", "公需课·必修"
    PUBLIC_ELECTIVE = "public_elective", "公需课·选修"
    PROFESSIONAL = "professional", "专业课"


class LearningStatus(LabelledEnum):
    NOT_STARTED = "not_started", "未学"
    IN_PROGRESS = "in_progress", "学习中"
    FINISHED = "finished", "已学完"


class StampStatus(LabelledEnum):
    UNSTAMPED = "unstamped", "未盖章"
    STAMPED = "stamped", "已盖章"
    REVOKED = "revoked", "已撤销"


class ExamType(LabelledEnum):
    ONLINE = "online", "在线考试"
    OFFLINE = "offline", "线下考试"


class OrgKind(LabelledEnum):
    CITY = "city", "市"
    DISTRICT = "district", "区"
    BUREAU = "bureau", "委办局"
    UNIT = "unit", "单位"
    DEPARTMENT = "department", "部门"


class Role(LabelledEnum):
    CITY_ADMIN = "city_admin", "市级管理员"
    UNIT_SUPERVISOR = "unit_supervisor", "培训主管"
    REGISTRATION_CLERK = "registration_clerk", "证书登记员"
    AUDITOR = "auditor", "审计员"


class OtherLearningForm(LabelledEnum):
    """Forms of study besides the platform's courses (FAQ questions 5, 8 and 12)."""

    TRAINING_COURSE = "training_course", "培训班"
    ADVANCED_COURSE = "advanced_course", "进修班/研修班"
    LECTURE = "lecture", "讲坛讲座"
    SEMINAR = "seminar", "学术会议/研讨会"
    STUDY_TOUR = "study_tour", "考察学习"
    ON_THE_JOB = "on_the_job", "岗位培训"
    DEGREE = "degree", "学历教育/攻读学位"
    PUBLICATION = "publication", "论文著作"
    SELF_STUDY = "self_study", "有计划、有考核的自学"


class ReissueReason(LabelledEnum):
    LOST = "lost", "遗失"
    DAMAGED = "damaged", "损坏"


# The short forms people write in spreadsheets and forms, by enum: accepted wherever a label is
# ("副高" for 副高级 in an import). Only forms that cannot mean another member: 高级 is left out
# (it is 副高级 in 高级工程师 but read as 正高级 by some).
SHORT_FORMS: dict[str, dict[str, str]] = {
    "TitleLevel": {
        "正高": "senior_full", "正高职称": "senior_full", "正高级职称": "senior_full",
        "副高": "senior_deputy", "副高职称": "senior_deputy", "副高级职称": "senior_deputy",
        "中级职称": "intermediate", "中": "intermediate",
        "初级职称": "junior", "初": "junior", "员级": "junior",
        "无职称": "none", "未评": "none", "暂无": "none", "没有": "none",
    },
    "PostType": {
        "专技": "professional", "专技岗": "professional", "专技岗位": "professional", "专业技术": "professional",
        "专业技术岗": "professional", "管理": "management", "管理岗": "management",
    },
    "Gender": {"男性": "male", "女性": "female"},
}
