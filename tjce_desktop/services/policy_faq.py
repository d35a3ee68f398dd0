"""帮助 → 常见政策问题: the policy FAQ of the administrator manual, searchable."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from tjce_desktop.domain.text import normalise_text
from tjce_desktop.paths import resource_path


@dataclass(frozen=True, slots=True)
class FaqEntry:
    number: int
    question: str
    answer: str


@dataclass(frozen=True)
class PolicyFaq:
    title: str
    source: str
    hotlines: dict[str, str]
    entries: tuple[FaqEntry, ...]

    def search(self, words: str) -> list[FaqEntry]:
        """Entries whose question or answer contains every word (spaces separate words)."""
        terms = normalise_text(words).split()
        return [e for e in self.entries if all(t in e.question or t in e.answer for t in terms)]


@cache
def load_faq() -> PolicyFaq:
    document = json.loads(resource_path("help/policy_faq.json").read_text(encoding="utf-8"))
    entries = tuple(FaqEntry(q["number"], q["question"], q["answer"]) for q in document["questions"])
    return PolicyFaq(document["title"], document["source"], document["hotlines"], entries)
