"""The tjce CLI, run as a real process."""

import json
import subprocess
import sys

import pytest


def tjce(*args, check=True):
    result = subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", *args], capture_output=True,
                            text=True, encoding="utf-8", timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_init_demo_info_orgs(tmp_path):
    db = str(tmp_path / "city.sqlite3")
    assert "数据库已就绪" in tjce("--db", db, "init").stdout
    out = tjce("--db", db, "demo", "--trainees", "1500", "--seed", "5", "--as-of", "2026-11-29").stdout
    assert "1,500 名学员" in out
    info = json.loads(tjce("--db", db, "info", "--json").stdout)
    assert info["counts"]["trainee"] == 1500
    assert info["mode"] == "local"
    assert info["demo"] == {"seed": "5", "trainees": "1500", "as_of": "2026-11-29"}
    orgs = json.loads(tjce("--db", db, "orgs", "--json").stdout)
    city = orgs[0]
    assert city["name"] == "天津市" and city["trainees"] == 1500
    heping = next(o for o in orgs if o["name"] == "和平区")
    children = [o for o in orgs if o["parent_id"] == heping["id"]]
    assert heping["trainees"] == sum(o["trainees"] for o in children)
    assert all(o["full_name"].startswith("和平区/") for o in children)
    text = tjce("--db", db, "orgs").stdout
    assert "和平区" in text and "1,500 人" in text
    assert "学员：1,500" in tjce("--db", db, "info").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--db", "{tmp}", "init"], "是一个文件夹"),
        (["--db", "{tmp}/missing.sqlite3", "orgs"], "不存在"),
        (["--db", "{tmp}/x.sqlite3", "demo", "--trainees", "many"], "不是整数"),
        (["--db", "{tmp}/x.sqlite3", "demo", "--trainees", "0"], "必须大于 0"),
        (["--db", "{tmp}/x.sqlite3", "frobnicate"], "参数错误"),
        (["--db", "/proc/tjce.sqlite3", "init"], "只读"),
    ],
)
def test_failures_print_one_line_and_exit_non_zero(tmp_path, args, message):
    result = tjce(*[a.format(tmp=tmp_path) for a in args], check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("错误：") and message in lines[0]


def test_demo_twice_is_refused(tmp_path):
    db = str(tmp_path / "c.sqlite3")
    tjce("--db", db, "demo", "--trainees", "50")
    result = tjce("--db", db, "demo", "--trainees", "50", check=False)
    assert result.returncode == 2 and "已有数据" in result.stderr


def test_not_a_database(tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"PK\x03\x04 not sqlite")
    result = tjce("--db", str(path), "info", check=False)
    assert result.returncode == 2 and "不是 TJCE 数据库文件" in result.stderr
    assert path.read_bytes() == b"PK\x03\x04 not sqlite"
