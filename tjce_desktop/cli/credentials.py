"""Who a command acts as: once a database has accounts, every command signs in first.

The user name comes from ``--user`` or ``TJCE_USER``, the password from ``TJCE_PASSWORD``
or a prompt (never from the command line, where other users could read it). The sign-in
is the same as the window's: lockout and the audit log included. A database without
accounts (a standalone desk before its first start) is used as the local administrator.
"""

from __future__ import annotations

import getpass
import os
import sys

from tjce_desktop.cli.errors import CliError
from tjce_desktop.services.actor import LOCAL_ADMIN, Actor


def secret(variable: str, prompt: str, *, confirm: bool = False) -> str:
    """A password from the environment (empty counts as unset) or a prompt at a terminal —
    never from the command line, where other users could read it."""
    value = os.environ.get(variable) or None
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"请在环境变量 {variable} 中提供密码（或在终端中运行以输入）。")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("再输入一次：") != value:
        raise CliError("两次输入的密码不一致。")
    return value


def command_actor(database, user: str | None) -> Actor:
    from tjce_desktop.services.accounts import SignInError, has_accounts, sign_in
    from tjce_desktop.storage.unit_of_work import UnitOfWork

    with UnitOfWork(database) as uow:
        if not has_accounts(uow.session):
            return LOCAL_ADMIN
    username = user or os.environ.get("TJCE_USER", "")
    if not username:
        raise CliError("该数据库已启用账户：请用 --user 用户名 或环境变量 TJCE_USER 指定账户。")
    password = secret("TJCE_PASSWORD", f"{username} 的密码：")
    with UnitOfWork(database, username) as uow:
        try:
            actor = sign_in(uow.session, username, password)
        except SignInError as exc:
            uow.commit()  # the failed attempt counts towards the lockout and is audited
            raise CliError(str(exc)) from None
        uow.commit()
    return actor
