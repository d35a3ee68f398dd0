"""Clean text at every entry (#15): the import (real .csv and .xlsx files), the form, the command
line and the other services that take text refuse what cannot be stored — naming the field in
Chinese — and store what they take in one clean form; the limits are the database's own."""

import datetime as dt
import json
import unicodedata
import uuid

import openpyxl
import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from tjce_desktop.cli.main import main
from tjce_desktop.domain.enums import CourseCategory, OtherLearningForm
from tjce_desktop.domain.id_number import IdNumberError, make_id_number, parse_id_number
from tjce_desktop.domain.text import BIDI_MARKS, ZERO_WIDTH, TextKind, TextProblem, clean_text, normalise_text
from tjce_desktop.services import fields
from tjce_desktop.services.actor import LOCAL_ADMIN
from tjce_desktop.services.certificate_desk import DeskError, OtherLearningEntry, add_other_learning
from tjce_desktop.services.orgs import find_org
from tjce_desktop.services.plans import CourseForm, PlanError, PlanForm, create_plan
from tjce_desktop.services.trainee_export import export_trainees
from tjce_desktop.services.trainee_import import ImportFileError, ImportMode, analyse_import, apply_import, open_import
from tjce_desktop.services.trainees import TraineeForm, TraineeValidationError, add_trainee
from tjce_desktop.storage.models import Base
from tjce_desktop.storage.unit_of_work import UnitOfWork

FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467"  # 👨‍👩‍👧: five code points, one picture
RAINBOW_FLAG = "\U0001F3F3\uFE0F\u200D\U0001F308"
COUPLE = "\U0001F469\u200D\u2764\uFE0F\u200D\U0001F468"
CODER = "\U0001F468\U0001F3FD\u200D\U0001F4BB"
SCOTLAND = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"
EMOJI_SEQUENCES = (FAMILY, RAINBOW_FLAG, COUPLE, CODER, SCOTLAND, "1\uFE0F\u20E3")

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")
MATH_BOLD = str.maketrans("0123456789", "".join(chr(0x1D7CE + d) for d in range(10)))
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def new_id(n: int) -> str:
    return make_id_number("120102", dt.date(1985, 3, 1) + dt.timedelta(days=n), 500 + n)


def _import(database, path, mode=ImportMode.ADD):
    with UnitOfWork(database) as uow:
        preview = analyse_import(uow, LOCAL_ADMIN, open_import(path), mode=mode,
                                 default_org=find_org(uow.session, "和平区"))
        summary = apply_import(uow, LOCAL_ADMIN, preview)
    return preview, summary


def _stored(database, column: str, value: str) -> list:
    with database.engine.connect() as connection:
        return connection.exec_driver_sql(f"SELECT username, real_name, id_number, email, job_title FROM trainee "
                                          f"WHERE {column} = ?", (value,)).all()


def _count(database) -> int:
    with database.engine.connect() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM trainee").scalar()


def _refusals(preview) -> dict[int, str]:
    return {row.row_number: "；".join(row.messages) for row in preview.refused}


def _csv(path, rows, header=("学员姓名", "真实姓名", "身份证号", "手机", "电子邮箱", "职务")):
    """A CSV as a program writes it: fields with a line break or quote in quotes, the rest raw."""
    def field(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value
    text = "\r\n".join(",".join(field(v) for v in row) for row in [header, *rows]) + "\r\n"
    path.write_bytes(text.encode("utf-8"))
    return path


# --- the cleaning itself -------------------------------------------------------------------------


@pytest.mark.parametrize("sequence", EMOJI_SEQUENCES)
def test_emoji_sequences_stay_whole_in_text_and_are_refused_in_names(sequence):
    for kind in (TextKind.LINE, TextKind.NOTE):
        assert clean_text(f"班主任{sequence}", kind) == f"班主任{sequence}"
        assert clean_text(f"{sequence} {sequence}", kind) == f"{sequence} {sequence}"
    assert normalise_text(f" {sequence}\u3000") == sequence
    for kind in (TextKind.NAME, TextKind.LOGIN):
        with pytest.raises(TextProblem, match="表情符号"):
            clean_text(f"王五{sequence}", kind)


def test_zero_width_characters_outside_emoji_are_removed_and_refused_in_login_names():
    assert clean_text("教\u200b师", TextKind.LINE) == "教师"
    assert clean_text("a\u200db", TextKind.LINE) == "ab"  # a joiner between letters joins nothing here
    assert clean_text("\ufeff王\u200b五\u2060", TextKind.NAME) == "王五"
    for mark in sorted(ZERO_WIDTH | BIDI_MARKS):
        with pytest.raises(TextProblem, match="看不见"):
            clean_text(f"rtl2{mark}", TextKind.LOGIN)
        with pytest.raises(TextProblem, match="看不见"):
            clean_text(f"{mark}rtl2", TextKind.LOGIN)
    for mark in sorted(BIDI_MARKS):  # direction marks are refused everywhere, not only in login names
        for kind in TextKind:
            with pytest.raises(TextProblem, match="方向"):
                clean_text(f"班主任{mark}", kind)


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\r", "\n"])
def test_control_characters_are_refused_in_every_single_line_field(control):
    for kind in (TextKind.LOGIN, TextKind.NAME, TextKind.LINE):
        with pytest.raises(TextProblem, match="控制字符|换行"):
            clean_text(f"王{control}五", kind)
    if control in "\r\n":
        assert clean_text(f"第一行{control}第二行", TextKind.NOTE) == "第一行 第二行"
    else:
        with pytest.raises(TextProblem, match="控制字符"):
            clean_text(f"王{control}五", TextKind.NOTE)


def test_names_lose_alignment_spaces_between_chinese_characters_only():
    name = lambda raw: clean_text(raw, TextKind.NAME)  # noqa: E731
    assert name("王　五") == name("王 五") == name(" 王  五 ") == "王五"
    assert name("欧阳　小　明") == "欧阳小明"
    assert name("Anna  Smith") == "Anna Smith"
    assert name("买买提 · 艾力") == name("买买提・艾力") == name("买买提•艾力") == "买买提·艾力"
    assert name("Anna 王") == "Anna 王"
    assert clean_text("王　五", TextKind.LINE) == "王 五"  # only names lose the space


def test_nfc_and_full_width():
    decomposed = "Jose\u0301"
    assert clean_text(decomposed, TextKind.NAME) == "José" and len(clean_text(decomposed, TextKind.NAME)) == 4
    assert normalise_text("ＡＢＣ１２３") == "ABC123"


@pytest.mark.parametrize("script", [ARABIC_INDIC, DEVANAGARI, MATH_BOLD], ids=["arabic-indic", "devanagari",
                                                                             "math-bold"])
def test_other_scripts_digits_are_refused_in_id_numbers_phones_and_login_names(script):
    number = new_id(1)
    with pytest.raises(IdNumberError, match="身份证号.*其他文字的数字"):
        parse_id_number(number.translate(script))
    with pytest.raises(IdNumberError, match="其他文字的数字"):  # one foreign digit is enough
        parse_id_number(number[:5] + number[5].translate(script) + number[6:])
    assert parse_id_number(number.translate(FULL_WIDTH)).value == number  # full-width stays accepted
    with pytest.raises(TextProblem, match="0–9"):
        clean_text("wang" + "12".translate(script), TextKind.LOGIN)


alphabet = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(sorted(ZERO_WIDTH | BIDI_MARKS) + list("\u3000\u00a0\t\r\n\x00\x1b王五· ") + list(EMOJI_SEQUENCES)),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(alphabet, max_size=12).map("".join), st.sampled_from(list(TextKind)))
def test_cleaned_text_is_clean_and_cleaning_it_again_changes_nothing(raw, kind):
    try:
        value = clean_text(raw, kind)
    except TextProblem as problem:
        assert str(problem) and "\x00" not in str(problem)
        return
    assert unicodedata.is_normalized("NFC", value)
    assert value == value.strip() and "  " not in value
    assert not any(unicodedata.category(c) == "Cc" or c in BIDI_MARKS for c in value)
    assert clean_text(value, kind) == value
    if kind is TextKind.LOGIN:
        assert " " not in value and not any(c in ZERO_WIDTH for c in value)


# --- limits: defined once, the database's ---------------------------------------------------------


def test_every_text_column_is_checked_or_written_only_by_the_program():
    columns = {f"{table.name}.{column.name}": column for table in Base.metadata.sorted_tables
               for column in table.columns if isinstance(column.type, sa.String)}
    assert set(fields.FIELDS) | fields.MACHINE_WRITTEN >= set(columns), set(columns) - set(fields.FIELDS) - \
        fields.MACHINE_WRITTEN
    assert not set(fields.FIELDS) & fields.MACHINE_WRITTEN and fields.MACHINE_WRITTEN <= set(columns)
    for name, field in fields.FIELDS.items():
        assert field.max_length == (columns[name].type.length or fields.NOTE_MAX), name


def test_the_migrated_schema_has_the_same_limits(database):
    """The local file is built by the migrations the central database runs too."""
    with database.engine.connect() as connection:
        for name, field in fields.FIELDS.items():
            table, column = name.split(".")
            declared = {row[1]: row[2] for row in connection.exec_driver_sql(f"PRAGMA table_info({table})")}[column]
            assert declared in (f"VARCHAR({field.max_length})", "TEXT"), (name, declared)


# --- the import, with real files -----------------------------------------------------------------


def test_csv_with_control_characters_stores_nothing_and_names_the_field(demo_database, tmp_path):
    filler = [[f"fill{n:03d}", "钱一", new_id(100 + n), "", "", "教师"] for n in range(300)]  # past the sniffed head
    rows = filler + [
        ["ctl_nul", "王\x00五", new_id(2), "", "", ""],
        ["ctl_cr", "王\r五", new_id(3), "", "", ""],
        ["ctl_bel", "王\x07五", new_id(4), "", "", ""],
        ["ctl_esc", "王\x1b[31m五", new_id(5), "", "", ""],
        ["ctl_job", "赵六", new_id(6), "", "", "教师\x00"],
        ["ctl\x1bx", "孙七", new_id(7), "", "", ""],
        ["ctl_ok", "周八", new_id(8), "", "", "教师"],
    ]
    before = _count(demo_database)
    path = _csv(tmp_path / "控制字符.csv", rows)
    assert b"\x00" in path.read_bytes() and b"\x00" not in path.read_bytes()[:8192]
    preview, summary = _import(demo_database, path)
    refused = _refusals(preview)
    assert summary.added == 301 and summary.refused == 6, refused
    for row_number in (302, 303, 304, 305):
        assert "真实姓名" in refused[row_number], refused[row_number]
        assert "控制字符" in refused[row_number] or "换行" in refused[row_number], refused[row_number]
    assert "职务" in refused[306] and "控制字符" in refused[306]
    assert "学员姓名" in refused[307] and "控制字符" in refused[307]
    assert _count(demo_database) == before + 301
    with demo_database.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM trainee WHERE username LIKE 'ctl%' "
                                          "AND username <> 'ctl_ok'").scalar() == 0
        assert connection.exec_driver_sql("SELECT count(*) FROM trainee WHERE real_name GLOB '*[\x01-\x1f]*' "
                                          "OR instr(real_name, char(0)) OR instr(job_title, char(0))").scalar() == 0
    # and the whole tree exports afterwards (the stored 王\x00五 once broke every export)
    assert export_trainees(demo_database, LOCAL_ADMIN, tmp_path / "全部.xlsx", scope_path="/120000/") > 0
    # A NUL at the very start of a file: the file is refused as a whole (read by its content, it
    # is not a table) or the row is, naming the field; nothing is stored either way.
    try:
        rows = [["nul_head", "王\x00五", new_id(9), "", "", ""]]
        preview, _ = _import(demo_database, _csv(tmp_path / "开头.csv", rows))
        assert "真实姓名" in _refusals(preview)[2]
    except ImportFileError:
        pass
    assert _count(demo_database) == before + 301


def test_one_id_number_in_four_scripts_stores_one_person(demo_database, tmp_path):
    number = new_id(20)
    rows = [["four_ascii", "李四", number, "", "", ""]] + [
        [f"four_{name}", "李四", number.translate(script), "", "", ""]
        for name, script in (("arabic", ARABIC_INDIC), ("devanagari", DEVANAGARI), ("bold", MATH_BOLD))]
    preview, summary = _import(demo_database, _csv(tmp_path / "四种数字.csv", rows))
    assert summary.added == 1
    refused = _refusals(preview)
    assert set(refused) == {3, 4, 5}
    for row_number in (3, 4, 5):
        assert "身份证号" in refused[row_number] and "其他文字的数字" in refused[row_number]
    # Full-width digits are the same person (accepted, and found as the stored one).
    preview, summary = _import(demo_database, _csv(tmp_path / "全角.csv", [
        ["four_full", "李四", number.translate(FULL_WIDTH), "", "", ""]]))
    assert summary.added == 0 and "身份证号已存在" in _refusals(preview)[2]
    assert [r.username for r in _stored(demo_database, "username", "four_ascii")] == ["four_ascii"]
    with demo_database.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM trainee WHERE username LIKE 'four_%'").scalar() == 1
    # The same in an .xlsx, in 新增并更新 mode, against the stored person: still one.
    book = openpyxl.Workbook()
    book.active.append(["学员姓名", "真实姓名", "身份证号"])
    for name, script in (("arabic", ARABIC_INDIC), ("devanagari", DEVANAGARI), ("bold", MATH_BOLD)):
        book.active.append([f"four_x_{name}", "李四", number.translate(script)])
    book.save(tmp_path / "四种数字.xlsx")
    preview, summary = _import(demo_database, tmp_path / "四种数字.xlsx", ImportMode.UPSERT)
    assert summary.added == summary.updated == 0 and summary.refused == 3
    with demo_database.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM trainee WHERE username LIKE 'four_%'").scalar() == 1


def test_names_logins_limits_and_emoji_through_an_xlsx_import_and_export(demo_database, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["学员姓名", "真实姓名", "身份证号", "手机", "电子邮箱", "职务"])
    sheet.append(["pad01", "王　五", new_id(30), None, None, None])
    sheet.append(["latin02", "Anna  Smith", new_id(31), None, None, None])
    sheet.append(["dot03", "买买提・艾力", new_id(32), None, None, None])
    sheet.append(["rtl2\u200f", "甲", new_id(33), None, None, None])
    sheet.append(["rtl2", "乙", new_id(34), None, None, None])
    sheet.append(["\u202eevil", "丙", new_id(35), None, None, None])
    sheet.append(["long06", "丁", new_id(36), None, None, "职" * 500])
    sheet.append(["long07", "戊", new_id(37), None, "a" * 480 + "@example.com", None])
    sheet.append(["emoji08", f"王五{FAMILY}", new_id(38), None, None, None])
    sheet.append(["emoji09", "己", new_id(39), None, None, f"班主任{FAMILY}{CODER}"])
    sheet.append(["phone10", "庚", new_id(40), "١٣٩٠٠٠٠٠٠٠٠", None, None])
    sheet.append(["max11", "辛", new_id(41), None, None, FAMILY + "职" * 59])  # 64 characters: the limit
    book.save(tmp_path / "名单.xlsx")
    before = _count(demo_database)
    preview, summary = _import(demo_database, tmp_path / "名单.xlsx")
    refused = _refusals(preview)
    assert set(refused) == {5, 7, 8, 9, 10, 12}, refused
    assert "学员姓名" in refused[5] and "方向控制符" in refused[5]
    assert "学员姓名" in refused[7] and "方向控制符" in refused[7]
    assert "职务：最多 64 个字，现在是 500 个字" in refused[8]
    assert "电子邮箱：最多 100 个字，现在是 492 个字" in refused[9]
    assert "真实姓名" in refused[10] and "表情符号" in refused[10]
    assert "手机" in refused[12] and "其他文字的数字" in refused[12]
    assert summary.added == 6 and _count(demo_database) == before + 6
    assert _stored(demo_database, "username", "pad01")[0].real_name == "王五"
    assert _stored(demo_database, "username", "latin02")[0].real_name == "Anna Smith"
    assert _stored(demo_database, "username", "dot03")[0].real_name == "买买提·艾力"
    assert [r.real_name for r in _stored(demo_database, "username", "rtl2")] == ["乙"]
    assert _stored(demo_database, "username", "emoji09")[0].job_title == f"班主任{FAMILY}{CODER}"
    assert _stored(demo_database, "username", "max11")[0].job_title == FAMILY + "职" * 59
    # Export and read back: the sequence whole, no spaces put in.
    out = tmp_path / "导出.xlsx"
    org = find_org_path(demo_database, "和平区")
    export_trainees(demo_database, LOCAL_ADMIN, out, scope_path=org, full_id_numbers=True)
    sheet = openpyxl.load_workbook(out, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    by_user = {row[header.index("学员姓名")]: row for row in rows[1:]}
    assert by_user["emoji09"][header.index("职务")] == f"班主任{FAMILY}{CODER}"
    assert by_user["pad01"][header.index("真实姓名")] == "王五"
    # …and the export imports back unchanged (新增并更新: nothing to update)
    _, again = _import(demo_database, out, ImportMode.UPSERT)
    assert (again.added, again.updated, again.refused) == (0, 0, 0)


def find_org_path(database, reference: str) -> str:
    with UnitOfWork(database) as uow:
        return find_org(uow.session, reference).path


# --- the form (dialog) and the other services ---------------------------------------------------


def _form(org_id, n, **changes):
    values = dict(username=f"form{n}", real_name="张三", id_number=new_id(60 + n), org_id=org_id)
    values.update(changes)
    return TraineeForm(**values)


@pytest.mark.parametrize(("changes", "field", "fragment"), [
    ({"real_name": "王\x00五"}, "real_name", "控制字符"),
    ({"real_name": f"王五{FAMILY}"}, "real_name", "表情符号"),
    ({"real_name": "张" * 51}, "real_name", "最多 50 个字"),
    ({"username": "rtl2\u200f"}, "username", "方向控制符"),
    ({"username": "zw\u200bname"}, "username", "零宽"),
    ({"username": "two words"}, "username", "空格"),
    ({"username": "u" * 65}, "username", "最多 64 个字"),
    ({"job_title": "职" * 65}, "job_title", "最多 64 个字，现在是 65 个字"),
    ({"job_title": "教师\n班主任"}, "job_title", "换行"),
    ({"email": "a" * 89 + "@example.com"}, "email", "最多 100 个字"),
    ({"email": "a\u200f@example.com"}, "email", "方向控制符"),
    ({"phone": "१३९००००००००"}, "phone", "其他文字的数字"),
    ({"id_number": new_id(99).translate(MATH_BOLD)}, "id_number", "其他文字的数字"),
])
def test_the_trainee_form_refuses_beside_the_field_and_stores_nothing(demo_database, changes, field, fragment):
    with UnitOfWork(demo_database) as uow:
        org_id = find_org(uow.session, "和平区").id
    before = _count(demo_database)
    with UnitOfWork(demo_database) as uow, pytest.raises(TraineeValidationError) as caught:
        add_trainee(uow, LOCAL_ADMIN, _form(org_id, 1, **changes))
    assert set(caught.value.errors) == {field} and fragment in caught.value.errors[field]
    label = {"real_name": "真实姓名", "username": "学员姓名", "job_title": "职务", "email": "电子邮箱",
             "phone": "手机", "id_number": "身份证号"}[field]
    assert str(caught.value).startswith(label)
    assert _count(demo_database) == before


def test_the_form_stores_the_clean_form(demo_database):
    with UnitOfWork(demo_database) as uow:
        org_id = find_org(uow.session, "和平区").id
    with UnitOfWork(demo_database) as uow:
        detail = add_trainee(uow, LOCAL_ADMIN, _form(org_id, 2, real_name="欧阳\u3000明", username="ｏｕｙａｎｇ",
                                                     job_title=f" 教研组长\u200b{RAINBOW_FLAG} ",
                                                     phone="１３９ ０００ ０００ ０１"))
    assert (detail.real_name, detail.username, detail.job_title, detail.phone) == (
        "欧阳明", "ouyang", f"教研组长{RAINBOW_FLAG}", "13900000001")


def test_plans_other_learning_reasons_and_accounts_refuse_with_the_field_named(demo_database):
    with UnitOfWork(demo_database) as uow:
        form = PlanForm("2027年度专题", 2027, dt.date(2027, 1, 1), dt.date(2027, 12, 31), "说明\x07",
                        [CourseForm("课" * 101, CourseCategory.PROFESSIONAL, 8),
                         CourseForm("数据\u202e安全", CourseCategory.PROFESSIONAL, 8)])
        with pytest.raises(PlanError) as caught:
            create_plan(uow.session, LOCAL_ADMIN, form)
        message = str(caught.value)
        assert "计划说明含有看不见的控制字符" in message
        assert "第 1 门课程：课程名称最多 100 个字，现在是 101 个字" in message
        assert "第 2 门课程：课程名称含有看不见的文字方向控制符" in message
        trainee_id = uuid.UUID(uow.session.scalar(sa.text("SELECT id FROM trainee WHERE org_path LIKE "
                                                          "'/120000/120101/%' LIMIT 1")))
        for title, evidence, fragment in (("培训班\x1b", "结业证书", "学习内容含有看不见的控制字符"),
                                          ("培训" * 51, "结业证书", "学习内容最多 100 个字"),
                                          ("培训班", "证" * 1001, "证明材料最多 1000 个字")):
            entry = OtherLearningEntry(OtherLearningForm.TRAINING_COURSE, title, dt.date(2025, 9, 1),
                                       dt.date(2025, 9, 2), 2, evidence)
            with pytest.raises(DeskError, match=fragment):
                add_other_learning(uow.session, LOCAL_ADMIN, trainee_id, entry, today=dt.date(2026, 11, 29))
        assert uow.session.scalar(sa.text("SELECT count(*) FROM other_learning WHERE title LIKE '培训%'")) == 0


# --- the command line ----------------------------------------------------------------------------


def test_the_command_line_import_names_the_field(demo_db_path, tmp_path, capsys):
    number = new_id(70)
    filler = [[f"clifill{n:03d}", "钱一", new_id(100 + n), "", "", "教师"] for n in range(300)]
    path = _csv(tmp_path / "命令行.csv", filler + [
        ["cli_ok", "王　五", number, "", "", f"班主任{FAMILY}"],
        ["cli_ar", "王五", number.translate(ARABIC_INDIC), "", "", ""],
        ["cli\u200f", "李四", new_id(71), "", "", ""],
        ["cli_nul", "赵\x00六", new_id(72), "", "", ""],
        ["cli_long", "孙七", new_id(73), "", "", "职" * 500],
    ])
    assert main(["--db", str(demo_db_path), "import-trainees", str(path), "--org", "和平区", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["added"] == 301 and result["refused"] == 4
    messages = {entry["row"]: "；".join(entry["messages"]) for entry in result["errors"]}
    assert "身份证号" in messages[303] and "其他文字的数字" in messages[303]
    assert "学员姓名" in messages[304] and "方向控制符" in messages[304]
    assert "真实姓名" in messages[305] and "控制字符" in messages[305]
    assert "职务：最多 64 个字" in messages[306]
    assert main(["--db", str(demo_db_path), "export-trainees", str(tmp_path / "out.xlsx"), "--org", "和平区",
                 "--username", "cli_ok"]) == 0
    rows = list(openpyxl.load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True))
    assert rows[1][:2] == ("cli_ok", "王五") and rows[1][rows[0].index("职务")] == f"班主任{FAMILY}"


def test_the_command_line_refuses_invisible_marks_in_account_names(demo_db_path):
    from cli_support import run_tjce, run_tjce_process

    db = str(demo_db_path)  # the org tree, no accounts yet: the first account needs no sign-in
    env = {"TJCE_USER": None, "TJCE_PASSWORD": None, "TJCE_NEW_PASSWORD": "Rtl-Account-2026!"}

    def tjce(*args):
        return run_tjce("--db", db, *args, env=env)  # in this process; the last one runs as a real one

    for name, fragment in (("rtl2\u200f", "方向控制符"), ("zw\u200b", "零宽"), ("٢admin", "0–9")):
        result = tjce("user", "add", name, "--role", "市级管理员")
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "用户名" in lines[0] and fragment in lines[0], result.stderr
    result = tjce("user", "add", "rtl2", "--role", "市级管理员", "--name", "管" * 51)
    assert result.returncode == 2 and "显示名称最多 50 个字" in result.stderr
    assert run_tjce_process("--db", db, "user", "add", "rtl2", "--role", "市级管理员", "--name", "市级管理员",
                            env={"TJCE_USER": "", "TJCE_PASSWORD": "", "TJCE_NEW_PASSWORD": env["TJCE_NEW_PASSWORD"]}
                            ).returncode == 0


# --- the central database: the same limits, pulled rows as they are ------------------------------


@pytest.mark.postgres
def test_the_limit_is_the_central_one_and_pulled_text_is_kept_as_it_is(central, tmp_path):
    """A 职务 of exactly 64 characters (astral emoji count one, as in PostgreSQL) is pushed and
    applied, never refused; one over is refused at the form, before it can become a permanent
    conflict. Rows pulled from the central database are stored byte for byte as the central has
    them — cleaning them here would make the reconciliation see a difference — and odd text in
    them (direction marks, decomposed accents, a control character) breaks nothing."""
    from sync_support import assert_converged, desk, login
    from tjce_desktop.domain.enums import Role
    from tjce_desktop.services.actor import Actor
    from tjce_desktop.sync.engine import local_conflicts, sync

    engine = login(central, "heping")
    a = desk(tmp_path, "a")
    sync(a, engine, actor="heping")
    actor = Actor("heping", scope_path="/120000/120101/", role=Role.UNIT_SUPERVISOR)
    with UnitOfWork(a, "heping") as uow:
        org_id = find_org(uow.session, "和平区").id
    with UnitOfWork(a, "heping") as uow, pytest.raises(TraineeValidationError, match="职务"):
        add_trainee(uow, actor, _form(org_id, 80, job_title=CODER + "职" * 61))  # 65 characters
    with UnitOfWork(a, "heping") as uow:
        added = add_trainee(uow, actor, _form(org_id, 81, job_title=CODER + "职" * 60))  # 64: the limit
    report = sync(a, engine, actor="heping")
    assert report.pushed == 1 and report.refused == 0 and report.conflicts == 0
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT job_title FROM trainee WHERE id = :id"),
                                  {"id": added.id}).scalar() == CODER + "职" * 60
    odd = "班主任\u200f" + "Jose\u0301" + "\x01" + FAMILY
    with sa.create_engine(central).begin() as owner:
        owner.execute(sa.text("UPDATE trainee SET job_title = :odd, row_version = row_version + 1 WHERE id = :id"),
                      {"odd": odd, "id": added.id})
    report = sync(a, engine, actor="heping")
    assert report.pulled >= 1 and report.conflicts == 0
    with a.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT job_title FROM trainee WHERE id = ?",
                                          (added.id.hex,)).scalar() == odd
    again = sync(a, engine, actor="heping")
    assert again.conflicts == 0 and again.pushed == 0 and local_conflicts(a) == []
    assert_converged(a, engine)
