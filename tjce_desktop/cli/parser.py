"""The command line's parser in one language: argparse's own words in Chinese, the argument
types, and the words every command uses for the same things.

argparse builds its texts ("usage: ", "options", "invalid choice: …", "the following
arguments are required: …") with gettext's ``_()`` and ``ngettext()`` by their English
message ids. ``Parser`` swaps in a Chinese catalogue of those ids for as long as it builds,
parses or formats (``chinese()``), so every message argparse can produce — help, usage and
errors alike — comes out in Chinese, with the values filled in by argparse as usual.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from collections.abc import Iterator

from tjce_desktop.cli.errors import CliError
from tjce_desktop.domain.enums import LearningStatus, Role
from tjce_desktop.domain.reports import EXAM_STATUS_LABELS

# argparse's message ids (Python 3.11–3.13) → Chinese. The %-fields are argparse's; a
# translation may leave one out (``%(type)s``) or show a value without quotes (``s`` for ``r``).
MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "命令",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "“%(value)s”不是可选的值（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ignored explicit argument %r": "不接受值：%r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令“%(parser_name)s”（可选：%(choices)s）",
    "unexpected option string: %s": "意外的选项：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%r is not callable": "%r 不可调用",
}
PLURAL_MESSAGES = {
    ("expected %s argument", "expected %s arguments"): "需要 %s 个值",
}


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return PLURAL_MESSAGES.get((singular, plural), singular if n == 1 else plural)


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    """argparse speaks Chinese inside this block (the command line is single-threaded)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose every text is Chinese and whose errors are ``CliError``s:
    one line, exit 2, like every other problem the user can fix."""

    def __init__(self, *args, **kwargs):
        with chinese():
            super().__init__(*args, **kwargs)

    def parse_args(self, args=None, namespace=None):
        with chinese():  # "unrecognized arguments" is said here, after parse_known_args
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with chinese():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese():
            text = super().format_help()
        for group in self._action_groups:  # the formatter ends a heading with ":"
            if group.title:
                text = text.replace(f"\n{group.title}:\n", f"\n{group.title}：\n")
        return text

    def error(self, message: str):
        raise CliError(f"参数错误：{message}（用 tjce --help 查看用法）")


# --- argument types: a wrong value says what is wrong in Chinese ------------------------------------


def integer(text: str) -> int:
    try:
        return int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None


def positive_int(text: str) -> int:
    value = integer(text)
    if value < 1:
        raise argparse.ArgumentTypeError("必须大于 0")
    return value


def number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是数字") from None


def date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期（格式 YYYY-MM-DD）") from None


# --- one word for one thing in every command ---------------------------------------------------------

LEARNING_STATUSES = LearningStatus.labels()  # 未学 / 学习中 / 已学完
ROLES = Role.labels()  # 市级管理员 / 培训主管 / 证书登记员 / 审计员
TRAINEE_STATUSES = ["在职", "离职"]
EXAM_STATUSES = list(EXAM_STATUS_LABELS.values())  # 已通过 / 未通过 / 未参考, as report 4.4 says them
# What `query --exam` took before the words were made one; old scripts keep working.
_EXAM_STATUS_ALIASES = {"通过": "已通过", "未参加": "未参考"}
_EXAM_STATUS_KEYS = {label: key for key, label in EXAM_STATUS_LABELS.items()}


def exam_status(text: str) -> str:
    """An exam status as typed (the old words of ``query --exam`` too) → its one label."""
    return _EXAM_STATUS_ALIASES.get(text.strip(), text.strip())


def exam_status_key(label: str | None) -> str:
    """已通过 → passed, 未通过 → failed, 未参考 → absent; "" for none."""
    return _EXAM_STATUS_KEYS.get(label or "", "")
