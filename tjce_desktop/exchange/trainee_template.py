"""下载模板: the trainee import template, with instructions, dropdowns and a text ID column."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tjce_desktop.domain.enums import PostType, TitleLevel
from tjce_desktop.exchange.xlsx_table import save_atomically

# (header, width, required, example)
COLUMNS: tuple[tuple[str, int, bool, str], ...] = (
    ("学员姓名", 16, True, "zhangsan1985"),
    ("真实姓名", 12, True, "张三"),
    ("身份证号", 22, True, "11010519491231002X"),
    ("所属机构", 36, False, "和平区/和平区海河中学"),
    ("手机", 15, False, "13800000000"),
    ("电子邮箱", 24, False, ""),
    ("职称", 10, False, TitleLevel.INTERMEDIATE.label),
    ("岗位类别", 14, False, PostType.PROFESSIONAL.label),
    ("高新技术", 10, False, "否"),
    ("职务", 12, False, "教师"),
)
DATA_SHEET = "学员信息"
EXAMPLE_ROW = tuple(example for _, _, _, example in COLUMNS)
_ROWS_WITH_RULES = 20000
_INSTRUCTIONS = (
    "学员导入模板 · 填写说明",
    "",
    "1. 在“学员信息”表中，每行填写一名学员；第 1 行是表头，请勿修改列名。第 2 行是示例，导入前请删除。",
    "2. 带 * 的列为必填：学员姓名（登录名，全平台唯一）、真实姓名、身份证号。",
    "3. 身份证号：18 位，最后一位可以是 X。该列已设为“文本”格式，请勿改为数字格式，"
    "否则 Excel 会把号码显示成 1.20101E+17 并丢失后几位。",
    "4. 所属机构：填写机构的完整名称路径（如“和平区/和平区海河中学/办公室”）或机构代码，"
    "可从“机构列表”表中复制；不填时导入到导入时选择的机构。",
    "5. 职称、岗位类别、高新技术请从下拉列表中选择。",
    "6. 出生日期和性别由身份证号自动得出，无需填写。",
    "7. 有错误的行不会导入；导入后可下载“错误报告”，在其中修改后可直接再次导入。",
)


def write_template(path: Path | str, org_names: list[str]) -> None:
    path = Path(path)
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for number, (header, width, required, example) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(number)
        cell = data.cell(row=1, column=number, value=f"{header}*" if required else header)
        cell.font = Font(bold=True, color="C00000" if required else "000000")
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center")
        data.column_dimensions[letter].width = width
        example_cell = data.cell(row=2, column=number, value=example or None)
        example_cell.font = Font(italic=True, color="808080")
        if header == "身份证号":
            for row in range(2, _ROWS_WITH_RULES + 2):
                data.cell(row=row, column=number).number_format = "@"
    data.freeze_panes = "A2"
    for header, choices in (("职称", TitleLevel.labels()), ("岗位类别", PostType.labels()), ("高新技术", ["是", "否"])):
        column = next(i for i, c in enumerate(COLUMNS, start=1) if c[0] == header)
        letter = get_column_letter(column)
        rule = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True,
                              showErrorMessage=True, errorTitle="请从列表中选择",
                              error=f"{header}只能是：{'、'.join(choices)}")
        rule.add(f"{letter}2:{letter}{_ROWS_WITH_RULES + 1}")
        data.add_data_validation(rule)

    orgs = workbook.create_sheet("机构列表")
    orgs["A1"] = "机构（完整名称路径）"
    orgs["A1"].font = Font(bold=True)
    orgs.column_dimensions["A"].width = 50
    for row, name in enumerate(org_names, start=2):
        orgs.cell(row=row, column=1, value=name)
    if org_names:
        column = next(i for i, c in enumerate(COLUMNS, start=1) if c[0] == "所属机构")
        letter = get_column_letter(column)
        rule = DataValidation(type="list", formula1=f"'机构列表'!$A$2:$A${len(org_names) + 1}", allow_blank=True,
                              showErrorMessage=False)
        rule.add(f"{letter}2:{letter}{_ROWS_WITH_RULES + 1}")
        data.add_data_validation(rule)

    notes = workbook.create_sheet("填写说明", 0)
    notes.column_dimensions["A"].width = 110
    for row, text in enumerate(_INSTRUCTIONS, start=1):
        cell = notes.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
    workbook.active = workbook.index(data)
    save_atomically(workbook, path)
