"""``tjce``: the parser, and the one place where a command's outcome becomes an exit status.

Each subject has its module (``database``, ``trainees``, ``reports``, ``desk``, ``certificates``,
``recognition``, ``rules``, ``backup``, ``audit``, ``archives``, ``accounts``, ``central``,
``trust``): its ``add_commands`` adds its commands to the parser, each with ``run(ctx) -> int``
(``cli/context.py`` gives it the database, the signed-in account and the scope).
``docs/ARCHITECTURE.md`` says how to add one.

Every failure prints one clear line on stderr and exits non-zero: 2 for a problem the user
can fix (a ``UserError``: bad input, a database that cannot be used or is busy), 1 for an
internal error (an incident number on stderr, the traceback in the log file).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tjce_desktop import __version__
from tjce_desktop.cli import (
    accounts,
    archives,
    audit,
    backup,
    central,
    certificates,
    database,
    desk,
    recognition,
    reports,
    rules,
    trainees,
    trust,
)
from tjce_desktop.cli.context import Context
from tjce_desktop.cli.parser import Parser

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1
EXIT_OUTPUT_CLOSED = 128 + 13  # as a program ended by SIGPIPE
# The subjects, in the order their commands are listed by tjce --help.
SUBJECTS = (database, trainees, reports, desk, certificates, recognition, rules, backup, audit, archives, accounts,
            central, trust)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="tjce", description="天津市专业技术人员继续教育 · 管理端（命令行）")
    parser.add_argument("--version", action="version", version=f"tjce {__version__}", help="显示版本号并退出")
    parser.add_argument("--db", metavar="PATH", help="本地数据库文件（默认在用户数据文件夹中）")
    parser.add_argument("--user", metavar="USERNAME",
                        help="账户（也可用环境变量 TJCE_USER；密码用 TJCE_PASSWORD 或在提示时输入）")
    commands = parser.add_subparsers(dest="command", metavar="命令")
    commands.required = True
    for subject in SUBJECTS:
        subject.add_commands(commands)
    return parser


def _output_closed() -> int:
    """stdout's reader went away (``tjce orgs --json | head -1``): normal on the command line.
    Nothing more is written — also not at exit, when Python flushes stdout (see "Note on
    SIGPIPE" in the ``signal`` module's documentation) — and the exit status is that of a
    program ended by SIGPIPE."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover — stdout without a file descriptor
        pass
    return EXIT_OUTPUT_CLOSED


def main(argv: Sequence[str] | None = None) -> int:
    """One error contract (``domain/errors.py``): a ``UserError`` is printed as it is, one line
    starting with 错误：, exit 2; anything else is an internal error with an incident number,
    its traceback in the log file only (``services/incidents.py``), exit 1 — or, with
    ``TJCE_DEBUG=1``, raised."""
    from tjce_desktop.services import incidents

    for stream in (sys.stdout, sys.stderr):  # Windows consoles default to a legacy code page
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    command = "tjce"
    try:
        args = build_parser().parse_args(argv)
        command = f"tjce {args.command}"
        from tjce_desktop.storage import private_temp

        private_temp.start()  # and the leftovers of earlier runs that died go
        context = Context(args)
        try:
            code = args.run(context)
        finally:
            context.close()
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        return _output_closed()
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:  # noqa: BLE001 — the one place a command's failure is told
        if os.environ.get("TJCE_DEBUG") and not incidents.is_user_error(exc):
            raise
        explained = incidents.explain(exc, command)
        try:
            print(f"错误：{explained.text}", file=sys.stderr)
        except BrokenPipeError:  # pragma: no cover — stderr closed too
            pass
        return EXIT_INTERNAL_ERROR if explained.internal else EXIT_USER_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
