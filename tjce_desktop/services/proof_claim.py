"""What a signed 学时证明 (multi-year proof for a 职称 application) certifies, as bytes to sign.

Body: the trainee's key (16) · UTF-8 text fields joined by U+001F, the last being the years:
one per year joined by U+001E, each year's values joined by "|". The signature and the issuer
chain are the archive sheets' (``services/sheet_signing.py``); only the claim differs, told
apart by the version byte in front of the signed bytes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

_FIELDS = ("name", "id_number", "org", "org_path", "title_level", "issued_on", "issuer")
_YEAR_FIELDS = ("year", "public_required", "public_elective", "professional", "other", "total", "required",
                "met", "shortfall", "registration", "registered_on", "verified_on")
LABELS = {"name": "姓名", "id_number": "身份证号", "org": "所属机构", "title_level": "职称", "issued_on": "签发日期",
          "issuer": "出具人"}


@dataclass(frozen=True, slots=True)
class ProofYear:
    """One year's line; every value as printed (text), so what is signed is what is shown."""

    year: str
    public_required: str
    public_elective: str
    professional: str
    other: str  # of which other learning
    total: str
    required: str
    met: str  # 达标 / 未达标
    shortfall: str  # "" when met; else the gap, per category where the year's rule sets minimums
    registration: str  # 未登记 / 已登记 / 已验证 (…例外)
    registered_on: str
    verified_on: str

    def text(self) -> str:
        return "|".join(getattr(self, name) for name in _YEAR_FIELDS)

    def describe(self) -> str:
        return (f"必修 {self.public_required}，选修 {self.public_elective}，专业 {self.professional}，"
                f"合计 {self.total} / 要求 {self.required}，{self.met}"
                f"{'（' + self.shortfall + '）' if self.shortfall else ''}，{self.registration}")


@dataclass(frozen=True, slots=True)
class ProofClaim:
    trainee_id: uuid.UUID
    name: str
    id_number: str  # masked
    org: str
    org_path: str
    title_level: str
    issued_on: str
    issuer: str  # the account that issued it
    years: tuple[ProofYear, ...]

    def body(self) -> bytes:
        text = "\x1f".join([*(getattr(self, name) for name in _FIELDS), "\x1e".join(y.text() for y in self.years)])
        return self.trainee_id.bytes + text.encode("utf-8")

    @classmethod
    def from_body(cls, body: bytes) -> ProofClaim:
        values = body[16:].decode("utf-8").split("\x1f")
        if len(values) != len(_FIELDS) + 1:
            raise ValueError("field count")
        years = []
        for line in values[-1].split("\x1e") if values[-1] else []:
            parts = line.split("|")
            if len(parts) != len(_YEAR_FIELDS):
                raise ValueError("year field count")
            years.append(ProofYear(*parts))
        name, id_number, org, org_path, title_level, issued_on, issuer = values[:-1]
        return cls(uuid.UUID(bytes=body[:16]), name, id_number, org, org_path, title_level, issued_on, issuer,
                   tuple(years))

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.org_path,)

    @property
    def period(self) -> str:
        return f"{self.years[0].year}—{self.years[-1].year} 年度" if self.years else ""

    def lines(self) -> list[tuple[str, str]]:
        """What verification shows, label by label, to compare with the paper."""
        return ([(label, getattr(self, name) or "—") for name, label in LABELS.items()]
                + [("证明年度", self.period)] + [(f"{y.year} 年度", y.describe()) for y in self.years])

    def as_dict(self) -> dict:
        return {"kind": "hours_proof", "trainee": self.trainee_id.hex,
                **{name: getattr(self, name) for name in _FIELDS},
                "years": [{name: getattr(y, name) for name in _YEAR_FIELDS} for y in self.years]}
