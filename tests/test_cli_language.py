"""One language on the command line (#19): argparse's own words in Chinese, and one word for one
thing in every command."""

import argparse
import re

import pytest

from cli_support import run_tjce, run_tjce_process
from tjce_desktop.cli.main import build_parser
from tjce_desktop.cli.parser import MESSAGES, PLURAL_MESSAGES

# Every English word of argparse's messages (the ids the Chinese catalogue translates).
ARGPARSE_WORDS = {word.lower() for message in [*MESSAGES, *(m for pair in PLURAL_MESSAGES for m in pair)]
                  for word in re.findall(r"[A-Za-z']{2,}", re.sub(r"%\(\w+\)[sr]|%[sr]", " ", message))}
ARGPARSE_WORDS |= {"usage", "error", "help"}


def english_from_argparse(text: str) -> set[str]:
    """argparse's English words in ``text``, leaving out option names (``--help``) and the
    program's own placeholders and values (``PATH``, ``central|mine|merge``)."""
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)
    return {word for word in re.findall(r"[A-Za-z']+", text) if word.lower() in ARGPARSE_WORDS
            and not word.isupper()}


def _all_parsers(parser: argparse.ArgumentParser, path=()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _all_parsers(child, (*path, name))


def test_the_vocabulary_of_the_check_is_argparse_s():
    assert {"usage", "options", "positional", "arguments", "invalid", "choice", "required", "unrecognized",
            "expected", "show", "exit"} <= ARGPARSE_WORDS
    text = "usage: tjce [-h] PATH\n\noptions:\n  -h, --help  show this help message and exit"
    assert english_from_argparse(text) == {"usage", "options", "show", "this", "help", "message", "and", "exit"}


def test_help_is_chinese_for_tjce_and_every_command():
    top = run_tjce("--help")
    assert top.returncode == 0 and top.stderr == ""
    assert top.stdout.startswith("用法：tjce ") and "\n位置参数：\n" in top.stdout and "\n选项：\n" in top.stdout
    assert "显示本帮助并退出" in top.stdout and "显示版本号并退出" in top.stdout
    assert english_from_argparse(top.stdout) == set(), top.stdout
    report = run_tjce("report", "--help")
    assert report.returncode == 0 and report.stdout.startswith("用法：tjce report ")
    assert "--exam-status {已通过,未通过,未参考}" in report.stdout
    assert english_from_argparse(report.stdout) == set(), report.stdout
    for path, parser in _all_parsers(build_parser()):
        text = parser.format_help()
        assert text.startswith("用法："), path
        # Command names are the program's own words (``tjce rules show``), not argparse's.
        commands = set(path) | {name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
                                for name in action.choices}
        assert english_from_argparse(text) - commands == set(), (path, text)


@pytest.mark.parametrize(("args", "said"), [
    (["report", "4.9"], "“4.9”不是可选的值"),
    (["report"], "缺少必需的参数：报表编号"),
    (["report", "4.4", "--exam-status", "及格"], "“及格”不是可选的值"),
    (["query", "--status", "done"], "“done”不是可选的值"),
    (["orgs", "--bogus"], "无法识别的参数：--bogus"),
    (["frobnicate"], "“frobnicate”不是可选的值"),
    (["user", "add", "somebody"], "缺少必需的参数：--role"),
    (["central", "init", "--url", "postgresql://x/y", "--demo", "5", "--from-local", "a.sqlite3"],
     "不能与 --demo 同时使用"),
    (["--db"], "需要一个值"),
    (["hours", "120101199001011234", "--year", "twenty"], "“twenty”不是整数"),
    (["query", "--hours-min", "x"], "“x”不是数字"),
])
def test_a_wrong_command_line_is_told_in_chinese_on_one_line(args, said):
    result = run_tjce(*args)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：参数错误：") and said in lines[0], result.stderr
    assert english_from_argparse(lines[0]) == set(), lines[0]


def test_one_word_for_one_thing_in_every_command():
    parse = build_parser().parse_args
    # exam status: report 4.4's words everywhere; query's old words still work.
    for words in (["已通过", "通过"], ["未通过"], ["未参考", "未参加"]):
        for word in words:
            assert parse(["query", "--exam", word]).exam == words[0]
            assert parse(["report", "4.4", "--exam-status", word]).exam_status == words[0]
    # learning status, trainee status and roles: the same choices wherever they are asked.
    choices = {}
    for _path, parser in _all_parsers(build_parser()):
        for action in parser._actions:
            if action.choices and not isinstance(action, argparse._SubParsersAction):
                choices.setdefault(action.help and action.help.split("（")[0], set()).add(tuple(action.choices))
    assert choices["学习状态"] == {("未学", "学习中", "已学完")}
    assert choices["学员状态"] == {("在职", "离职")}
    assert choices["角色"] == {("市级管理员", "培训主管", "证书登记员", "审计员")}
    assert choices["考试状态"] == {("已通过", "未通过", "未参考")}
    # 学员状态 is --active everywhere; export-trainees' --status still works.
    assert parse(["export-trainees", "out.xlsx", "--active", "离职"]).status == "离职"
    assert parse(["export-trainees", "out.xlsx", "--status", "在职"]).status == "在职"


def test_the_real_program_speaks_chinese_too():
    """One process: the entry point as the shell runs it."""
    result = run_tjce_process("report", "4.4", "--exam-status", "passed")
    assert result.returncode == 2
    assert result.stderr.startswith("错误：参数错误：--exam-status：“passed”不是可选的值"), result.stderr
    assert english_from_argparse(result.stderr) == set()
