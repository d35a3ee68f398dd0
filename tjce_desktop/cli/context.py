"""What every command gets: its arguments, the database, the signed-in account, the org an
``--org`` names and the central database — each made once per command, in one place.

A command is ``run(ctx: Context) -> int`` (its exit status); ``cli/main.py`` makes the
context from the parsed arguments and closes it after the command, whatever happened.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from tjce_desktop.cli.credentials import command_actor, secret
from tjce_desktop.cli.errors import CliError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tjce_desktop.services.actor import Actor
    from tjce_desktop.services.orgs import OrgNode
    from tjce_desktop.storage.database import Database


class Context:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._database: Database | None = None
        self._actor: Actor | None = None

    def database(self, *, create: bool = False) -> Database:
        """The local database of ``--db`` (or the default one), opened once; ``create`` makes
        or upgrades it, otherwise it must exist."""
        if self._database is None:
            from tjce_desktop.storage.database import open_database

            self._database = open_database(self.args.db, create=create)
        return self._database

    def actor(self, database: Database | None = None, *, fallback_user: str | None = None) -> Actor:
        """Who the command acts as, signed in once per command when the database has accounts
        (``cli/credentials.py``): the account of ``--user`` or ``TJCE_USER``, else
        ``fallback_user`` (the login this desk is bound to, for the central commands)."""
        if self._actor is None:
            user = self.args.user or os.environ.get("TJCE_USER") or fallback_user
            self._actor = command_actor(database or self.database(), user)
        return self._actor

    def scope(self, reference: str | None) -> OrgNode:
        """The org ``--org`` names (which the account must be allowed to see), or without one
        the account's own org: its 管辖范围."""
        from tjce_desktop.services.orgs import find_org, list_orgs
        from tjce_desktop.storage.unit_of_work import UnitOfWork

        database = self.database()
        actor = self.actor()
        with UnitOfWork(database) as uow:
            if reference:
                org = find_org(uow.session, reference)
                actor.require_access(org.path)
                return org
            orgs = list_orgs(uow.session)
        if not orgs:
            raise CliError("数据库中还没有组织机构。请先运行 tjce demo，或从中心数据库同步。")
        if actor.scope_path != "/":
            return next(org for org in orgs if org.path == actor.scope_path)
        return next(org for org in orgs if org.parent_id is None)

    def bound_login(self) -> str | None:
        """The central login this desk is bound to, if any."""
        from tjce_desktop.sync.binding import binding

        bound = binding(self.database())
        return bound[1] if bound else None

    def central(self) -> tuple[Engine, str]:
        """The central database's engine with the bound login's password (``TJCE_PASSWORD`` or
        a prompt), and that login. The caller disposes the engine."""
        from tjce_desktop.sync.binding import binding, engine_for

        bound = binding(self.database())
        if bound is None:
            raise CliError("本机数据库还没有绑定中心数据库：请先运行 tjce central connect --url … --username …")
        url, username, _interval = bound
        password = secret("TJCE_PASSWORD", f"{username} 的密码：")
        return engine_for(url, username, password), username

    def close(self) -> None:
        """Let go of the database (its connections, and with the last one SQLite's WAL)."""
        if self._database is not None:
            self._database.dispose()
            self._database = None
