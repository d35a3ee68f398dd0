"""Accounts at the edges: names that would share a database login, a database without orgs."""

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from sync_support import login
from tjce_desktop.domain.enums import Role
from tjce_desktop.services import central_admin
from tjce_desktop.sync.central import CentralError


@pytest.mark.postgres
def test_a_second_name_for_the_same_login_role_cannot_take_it_over(central):
    central_admin.add_admin(central, username="a_b", password="Heping-2026", role=Role.UNIT_SUPERVISOR,
                            org_reference="和平区")
    with pytest.raises(CentralError, match="同一个数据库登录名"):
        central_admin.add_admin(central, username="a.b", password="City-Admin-1x", role=Role.CITY_ADMIN,
                                org_reference="天津市")
    with login(central, "a_b", "Heping-2026").connect() as c:  # a_b's password and scope are untouched
        assert c.execute(sa.text("SELECT tjce_scope()")).scalar() == "/120000/120101/"
    with pytest.raises(CentralError, match="用户名太长"):
        central_admin.add_admin(central, username="x" * 60, password="Heping-2026", role=Role.UNIT_SUPERVISOR,
                                org_reference="和平区")


def test_adding_an_account_before_any_org_says_what_to_do(tmp_path):
    db = str(tmp_path / "new.sqlite3")
    run = lambda *args: subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", "--db", db, *args],  # noqa: E731
                                       capture_output=True, text=True, encoding="utf-8", timeout=120,
                                       env={**os.environ, "TJCE_NEW_PASSWORD": "First-Admin-2026"})
    assert run("init").returncode == 0
    out = run("user", "add", "admin", "--role", "市级管理员")
    assert out.returncode == 2 and "还没有组织机构" in out.stderr and "内部错误" not in out.stderr
