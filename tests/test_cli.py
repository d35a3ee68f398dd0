"""The tjce CLI: in the test process (``main(argv)``), and once as a real process."""

import json
import re
import subprocess

import pytest

from cli_support import run_tjce, run_tjce_process

PASSWORD = "Tjce-Demo-2026"
# The account `tjce demo` creates, for the commands after it (databases without accounts ignore these).
CREDENTIALS = {"TJCE_USER": "admin", "TJCE_PASSWORD": PASSWORD}


def tjce(*args, check=True, env=None):
    result = run_tjce(*args, env={**CREDENTIALS, **(env or {})})
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_the_program_as_the_shell_runs_it(tmp_path):
    """One real process: the entry point, its streams and its exit statuses."""
    db = str(tmp_path / "p.sqlite3")
    made = run_tjce_process("--db", db, "init", env=CREDENTIALS)
    assert made.returncode == 0 and "数据库已就绪" in made.stdout and made.stderr == ""
    failed = run_tjce_process("--db", str(tmp_path / "missing.sqlite3"), "orgs", env=CREDENTIALS)
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr.startswith("错误：") and len(failed.stderr.strip().splitlines()) == 1


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


def test_template_import_with_error_report_and_export(tmp_path):
    import datetime as dt

    import openpyxl

    from tjce_desktop.domain.id_number import make_id_number

    db = str(tmp_path / "c.sqlite3")
    tjce("--db", db, "demo", "--trainees", "200", "--as-of", "2026-11-29")
    template = tmp_path / "模板.xlsx"
    tjce("--db", db, "template", str(template))
    book = openpyxl.load_workbook(template)
    sheet = book["学员信息"]
    valid = make_id_number("120101", dt.date(1990, 1, 2), 2)
    wrong_check = valid[:17] + ("1" if valid[17] == "0" else "0")
    rows = [["cli1", "命令行一", make_id_number("120101", dt.date(1990, 1, 1), 1)],
            ["cli2", "命令行二", wrong_check],
            ["cli3", "", make_id_number("120101", dt.date(1990, 1, 3), 3)]]
    for number, values in enumerate(rows, start=3):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)
    book.save(template)
    report = tmp_path / "错误.xlsx"
    result = tjce("--db", db, "import-trainees", str(template), "--org", "和平区", "--errors", str(report), "--json")
    summary = json.loads(result.stdout)
    assert (summary["added"], summary["refused"], summary["skipped_empty"]) == (1, 2, 1)
    assert [e["row"] for e in summary["errors"]] == [4, 5]
    assert summary["error_report"] == str(report) and report.exists()
    text = tjce("--db", db, "import-trainees", str(template), "--org", "120101").stdout
    assert "有错误未导入 3" in text and "第 3 行" in text  # cli1 now exists: add mode refuses it
    out = tmp_path / "导出.xlsx"
    assert "含完整身份证号" in tjce("--db", db, "export-trainees", str(out), "--org", "和平区", "--full-id",
                                  "--name", "命令行").stdout
    exported = list(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in exported] == ["cli1"] and len(exported[0][2]) == 18


def test_import_of_an_unusable_file_exits_2(tmp_path):
    db = str(tmp_path / "c.sqlite3")
    tjce("--db", db, "demo", "--trainees", "50")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"garbage")
    result = tjce("--db", db, "import-trainees", str(bad), check=False)
    assert result.returncode == 2 and result.stderr.startswith("错误：") and "无法读取" in result.stderr
    missing = tjce("--db", db, "import-trainees", str(tmp_path / "none.xlsx"), check=False)
    assert missing.returncode == 2 and "不存在" in missing.stderr
    unknown = tjce("--db", db, "export-trainees", str(tmp_path / "x.xlsx"), "--org", "火星区", check=False)
    assert unknown.returncode == 2 and "找不到组织机构" in unknown.stderr


def test_query_stamp_print_verify_unstamp(demo_db_path, tmp_path):
    db = str(demo_db_path)
    filters = ("--org", "和平区", "--plan", "2025年度公需课培训计划", "--status", "已学完")
    query = json.loads(tjce("--db", db, "query", *filters, "--stamp", "未盖章", "--json").stdout)
    assert query["count"] == len(query["rows"]) > 0
    assert query["filters"]["培训计划"] == "2025年度公需课培训计划"
    assert all(row["盖章状态"] == "未盖章" and "*" in row["身份证号"] for row in query["rows"])
    out = tjce("--db", db, "query", *filters, "--xlsx", str(tmp_path / "q.xlsx")).stdout
    assert "共" in out and (tmp_path / "q.xlsx").exists()

    stamped = json.loads(tjce("--db", db, "stamp", *filters, "--json").stdout)
    assert stamped["stamped"] == query["count"] and stamped["batch"]
    assert {s["reason"] for s in stamped["skipped"]} == {"已盖章"}
    again = json.loads(tjce("--db", db, "stamp", *filters, "--json").stdout)
    assert again["stamped"] == 0 and again["batch"] is None

    pdf = tmp_path / "sheets.pdf"
    out = tjce("--db", db, "print-archives", *filters, "--who", query["rows"][0]["姓名"], str(pdf)).stdout
    assert "页学习档案" in out
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    import re

    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", text).group(0)
    verdict = json.loads(tjce("--db", db, "verify", code, "--json").stdout)
    assert verdict["genuine"] and verdict["claim"]["name"] == query["rows"][0]["姓名"]
    assert verdict["short_code"] == code
    typed = tjce("--db", db, "verify", *code.lower().split("-")).stdout  # in four pieces, lower case
    assert "验证通过" in typed and query["rows"][0]["姓名"] in typed
    mistyped = code[:5] + ("A" if code[5] != "A" else "B") + code[6:]  # one character: always caught
    bad = tjce("--db", db, "verify", mistyped, check=False)
    assert bad.returncode == 2 and "验证未通过" in bad.stderr and "抄错" in bad.stdout

    refused = tjce("--db", db, "unstamp", stamped["batch"], "--reason", " ", check=False)
    assert refused.returncode == 2 and "原因" in refused.stderr
    out = tjce("--db", db, "unstamp", stamped["batch"], "--reason", "盖错了").stdout
    assert f"{stamped['stamped']:,} 份学习档案恢复为未盖章" in out
    assert "撤销" in json.loads(tjce("--db", db, "verify", code, "--json", check=False).stdout)["message"]
    plans = json.loads(tjce("--db", db, "plans", "--json").stdout)
    assert len(plans) == 9 and all(p["archives"] > 0 for p in plans)


def test_import_progress_from_the_command_line(demo_db_path, tmp_path):
    db = str(demo_db_path)
    tjce("--db", db, "import-progress", "--template", str(tmp_path / "t.xlsx"))
    checked = json.loads(tjce("--db", db, "import-progress", str(tmp_path / "t.xlsx"), "--check", "--json").stdout)
    assert checked["rows"] == {"add": 0, "update": 0, "unchanged": 0, "error": 0} and checked["imported"] is None
    missing = tjce("--db", db, "import-progress", str(tmp_path / "none.xlsx"), check=False)
    assert missing.returncode == 2 and missing.stderr.startswith("错误：")


def test_accounts_and_credentials_on_the_command_line(tmp_path):
    db = str(tmp_path / "desk.sqlite3")
    weak = tjce("--db", db, "demo", "--trainees", "300", "--seed", "3", env={"TJCE_PASSWORD": "weak"}, check=False)
    assert weak.returncode == 2 and "TJCE_PASSWORD" in weak.stderr
    out = tjce("--db", db, "demo", "--trainees", "300", "--seed", "3", env={"TJCE_PASSWORD": ""}).stdout
    assert "市级管理员账户：admin，初始密码：" in out  # generated, shown once
    generated = out.split("初始密码：")[1].split("（")[0]
    missing = tjce("--db", db, "info", env={"TJCE_USER": ""}, check=False)
    assert missing.returncode == 2 and "TJCE_USER" in missing.stderr
    wrong = tjce("--db", db, "info", env={"TJCE_PASSWORD": "Wrong-123x"}, check=False)
    assert wrong.returncode == 2 and "再错 4 次" in wrong.stderr
    admin = {"TJCE_PASSWORD": generated}
    assert "学员：300" in tjce("--db", db, "info", env=admin).stdout
    added = tjce("--db", db, "user", "add", "heping", "--role", "培训主管", "--org", "和平区", "--name", "和平区主管",
                 env={**admin, "TJCE_NEW_PASSWORD": "Heping-2026"}).stdout
    assert "已创建账户 heping（培训主管，和平区）" in added
    supervisor = {"TJCE_USER": "heping", "TJCE_PASSWORD": "Heping-2026"}
    query = json.loads(tjce("--db", db, "query", "--json", env=supervisor).stdout)
    assert query["filters"]["机构"] == "和平区" and all(r["所属机构"].startswith("和平区") for r in query["rows"])
    sibling = tjce("--db", db, "query", "--org", "河西区", env=supervisor, check=False)
    assert sibling.returncode == 2 and "管辖范围" in sibling.stderr
    refused = tjce("--db", db, "user", "add", "x", "--role", "审计员",
                   env={**supervisor, "TJCE_NEW_PASSWORD": "Xx-12345"}, check=False)
    assert refused.returncode == 2 and "培训主管" in refused.stderr
    audit = tjce("--db", db, "audit", env=supervisor, check=False)
    assert audit.returncode == 2 and "审计日志" in audit.stderr
    for _ in range(5):
        tjce("--db", db, "info", env={"TJCE_USER": "heping", "TJCE_PASSWORD": "Nope-12345"}, check=False)
    locked = tjce("--db", db, "info", env=supervisor, check=False)
    assert locked.returncode == 2 and "锁定" in locked.stderr
    assert "已解锁 heping" in tjce("--db", db, "user", "unlock", "heping", env=admin).stdout
    assert "学员" in tjce("--db", db, "info", env=supervisor).stdout
    listed = json.loads(tjce("--db", db, "user", "list", "--json", env=admin).stdout)
    assert [(u["username"], u["role"]) for u in listed] == [("admin", "city_admin"), ("heping", "unit_supervisor")]
    changed = tjce("--db", db, "user", "passwd", env={**supervisor, "TJCE_NEW_PASSWORD": "Heping-2027"}).stdout
    assert "密码已修改" in changed
    log = json.loads(tjce("--db", db, "audit", "--json", "--limit", "200", env=admin).stdout)
    outcomes = [e["outcome"] for e in log if e["action"] == "auth.sign_in" and e["target"] == "heping"]
    assert outcomes.count("failed") == 4 and outcomes.count("locked") >= 2
    assert "完好" in tjce("--db", db, "audit", "verify", env=admin).stdout


def test_register_verify_and_compliance(demo_db_path, tmp_path):
    import sqlite3

    db = str(demo_db_path)
    with sqlite3.connect(db) as raw:  # a trainee without a booklet; the demo's own 2025 registrations set aside
        number = raw.execute("SELECT id_number FROM trainee WHERE org_path LIKE '/120000/120101/%' AND active = 1 "
                             "AND id NOT IN (SELECT trainee_id FROM certificate) LIMIT 1").fetchone()[0]
        raw.execute("DELETE FROM certificate_registration WHERE year = 2025")
    tjce("--db", db, "init")  # migrate, fill the hours of each year
    bad = tjce("--db", db, "numbering", "--org", "和平区", "--pattern", "HP{nope}", check=False)
    assert bad.returncode == 2 and "占位符" in bad.stderr
    assert "下一本如 HP-2026-0001" in tjce("--db", db, "numbering", "--org", "和平区", "--pattern",
                                         "HP-{year}-{seq:04d}").stdout
    hours = json.loads(tjce("--db", db, "hours", number, "--year", "2025", "--json").stdout)
    refused = tjce("--db", db, "register", number, "--year", "2025", "--issue", check=False)
    if hours["met"]:
        assert refused.returncode == 0
    else:
        assert refused.returncode == 2 and "未达到要求" in refused.stderr
        done = json.loads(tjce("--db", db, "register", number, "--year", "2025", "--issue", "--exception", "病假",
                               "--json").stdout)
        assert done["exception"] == "病假" and done["certificate"] == "HP-2026-0001"
    verified = json.loads(tjce("--db", db, "verify-year", "--org", "和平区", "--year", "2025", "--json").stdout)
    assert verified["verified"] == 1
    again = tjce("--db", db, "register", number, "--year", "2025", "--exception", "再来", check=False)
    assert again.returncode == 2 and "已于" in again.stderr
    report = json.loads(tjce("--db", db, "compliance", "--org", "和平区", "--year", "2025", "--json").stdout)
    total = report["rows"][-1]
    assert total["name"] == "合计（和平区）" and total["registered"] == total["verified"] == 1
    assert total["met"] + total["short"] == total["trainees"]
    out = tjce("--db", db, "compliance", "--org", "和平区", "--year", "2025",
               "--xlsx", str(tmp_path / "list.xlsx")).stdout
    assert f"（{total['short']:,} 人）" in out
    # 2025's deadlines passed: said as such, never as a negative count of days left
    assert "登记截止（2025-12-31）已过" in out and "验证截止（2026-01-20）已过" in out
    assert not re.search(r"-\d+ 天", out)
    assert json.loads(tjce("--db", db, "hours", number, "--year", "2025", "--json").stdout)["verified"] is True
