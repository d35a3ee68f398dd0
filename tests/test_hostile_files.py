"""Files to import as a stranger would send them (#15, part 5): hostile archives are refused
before any reader sees them — declared sizes, compression ratio, sizes that lie, sheets whose
cells span more than memory holds — and a file is read by what it is, not what it is called.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from tjce_desktop.services.progress_import import open_progress_import
from tjce_desktop.services.trainee_import import ImportFileError, open_import

PLAN = "2025年度公需课培训计划"
TEMPLATE_HEADERS = ["学员姓名", "真实姓名", "身份证号", "性别", "所属机构"]


def _no_reader(monkeypatch) -> list[str]:
    """The spreadsheet reader replaced by one that fails the test if it is ever reached."""
    reached: list[str] = []

    class Refused:
        @staticmethod
        def from_path(path, *args, **kwargs):
            reached.append(str(path))
            raise AssertionError("the hostile file reached the reader")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Refused)
    return reached


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')


def _shared_string_bomb(path: Path, megabytes: int) -> None:
    """An .xlsx whose one shared string is ``megabytes`` MB of "A" (a few hundred KB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v>'
                                                     "</c></row></sheetData></worksheet>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b"<sst><si><t>")
            block = b"A" * (1 << 20)
            for _ in range(megabytes):
                part.write(block)
            part.write(b"</t></si></sst>")


def _declare_size(path: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size the zip declares for ``name`` (local header and directory)."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        if data[local + 30:local + 30 + len(encoded)] == encoded:
            struct.pack_into("<I", data, local + 22, size)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        if data[central + 46:central + 46 + len(encoded)] == encoded:
            struct.pack_into("<I", data, central + 24, size)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_a_shared_string_bomb_is_refused_before_reading(tmp_path, monkeypatch):
    bomb = tmp_path / "学员名单.xlsx"
    _shared_string_bomb(bomb, 200)
    assert bomb.stat().st_size < 1_000_000
    reached = _no_reader(monkeypatch)
    started = time.monotonic()
    with pytest.raises(ImportFileError, match="共享字符串.*解压后有 200.0 MB.*拒绝读取"):
        open_import(bomb)
    assert time.monotonic() - started < 5 and reached == []


def test_a_bomb_on_the_command_line_is_one_line_not_a_backtrace(demo_db_path, tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    _shared_string_bomb(bomb, 200)
    result = subprocess.run([sys.executable, "-m", "tjce_desktop.cli.main", "--db", str(demo_db_path),
                             "import-trainees", str(bomb), "--org", "和平区"],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith("错误：") and result.stderr.count("\n") == 1 and "拒绝" in result.stderr


@pytest.mark.parametrize(("case", "message"), [
    ("ratio", "压缩比异常"),
    ("lying_size", "大小与内容不符"),
    ("far_cell", "范围过大（1,048,576 行 × 16,384 列）"),
    ("ods_repeats", "范围过大"),
    ("cells_without_positions", "范围过大（1,048,576 行 × 16,384 列）"),
    ("encrypted_entry", "密码保护"),
])
def test_hostile_archives_are_refused_before_reading(tmp_path, monkeypatch, case, message):
    path = tmp_path / "hostile.xlsx"
    if case == "ratio":
        _shared_string_bomb(path, 12)  # under the size limit, but 12 MB from a few KB
    elif case == "lying_size":
        _shared_string_bomb(path, 20)
        _declare_size(path, "xl/sharedStrings.xml", 1000)  # says 1 KB, inflates to 20 MB
    elif case == "far_cell":
        book = openpyxl.Workbook()
        book.active["A1"], book.active["XFD1048576"] = "学员姓名", "x"  # 5 KB; the reader would ask for 550 GB
        book.save(path)
    elif case == "cells_without_positions":  # some generators omit r="…": counted cell by cell
        _sheet_xml(path, '<row r="1"><c t="inlineStr"><is><t>学员姓名</t></is></c></row><row r="1048576">'
                         + "<c><v>1</v></c>" * 16384 + "</row>")
    elif case == "ods_repeats":
        path = tmp_path / "hostile.ods"
        _ods(path, '<table:table-row table:number-rows-repeated="1048570"><table:table-cell '
                   'table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
                   "</table:table-cell></table:table-row>")
    else:
        book = openpyxl.Workbook()
        book.save(path)
        data = bytearray(path.read_bytes())
        central = data.find(b"PK\x01\x02")
        data[central + 8] |= 1  # the entry says it is encrypted
        path.write_bytes(bytes(data))
    reached = _no_reader(monkeypatch)
    with pytest.raises(ImportFileError, match=message):
        open_import(path)
    assert reached == []


def _sheet_xml(path: Path, sheet_data: str) -> None:
    """An .xlsx with one worksheet holding ``sheet_data`` as written."""
    workbook = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                '<sheet name="学员" sheetId="1" r:id="rId1"/></sheets></workbook>')
    relations = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                 'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    root = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>')
    types = _CONTENT_TYPES.replace("</Types>", '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
                                   'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                                   "</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", root)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", relations)
        archive.writestr("xl/worksheets/sheet1.xml", '<worksheet xmlns="http://schemas.openxmlformats.org/'
                         f'spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>')


def test_cells_without_positions_are_counted_and_read(tmp_path):
    path = tmp_path / "生成器.xlsx"
    header = "".join(f"<c t=\"inlineStr\"><is><t>{h}</t></is></c>" for h in TEMPLATE_HEADERS)
    person = "".join(f"<c t=\"inlineStr\"><is><t>{v}</t></is></c>" for v in ROWS[1])
    _sheet_xml(path, f"<row>{header}</row><row>{person}</row>")
    assert [[str(v) for v in row[:5]] for row in open_import(path).rows[:2]] == ROWS


def _ods(path: Path, rows: str) -> None:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="学员">{rows}</table:table></office:spreadsheet>'
        "</office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)


ROWS = [TEMPLATE_HEADERS, ["zhangsan15", "张三", "110101199003077777", "男", "和平区"]]


def _ods_cells(rows) -> str:
    return "".join("<table:table-row>" + "".join(
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
        for value in row) + "</table:table-row>" for row in rows)


def _disguised(kind: str, path: Path) -> None:
    if kind == "xlsx":
        book = openpyxl.Workbook()
        for row in ROWS:
            book.active.append(row)
        book.save(path)
    elif kind == "csv":
        path.write_bytes("\n".join(",".join(row) for row in ROWS).encode("gb18030"))
    elif kind == "xls":
        import xlwt

        book = xlwt.Workbook()
        sheet = book.add_sheet("学员")
        for r, row in enumerate(ROWS):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
        book.save(str(path))
    elif kind == "ods":
        _ods(path, _ods_cells(ROWS))
    elif kind == "html":  # what WPS and older systems save as .xls
        cells = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in ROWS)
        path.write_bytes(f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
                         f"</head><body><table border=1>{cells}</table></body></html>".encode("gb18030"))
    elif kind == "unicode-text":  # Excel's "Unicode 文本": UTF-16, tab-separated
        path.write_bytes("\r\n".join("\t".join(row) for row in ROWS).encode("utf-16"))


@pytest.mark.parametrize(("kind", "name"), [
    ("xlsx", "名单.csv"), ("xlsx", "名单"), ("csv", "名单.xlsx"), ("xls", "名单.xlsx"), ("xls", "名单.csv"),
    ("ods", "名单.xls"), ("html", "名单.xls"), ("unicode-text", "名单.xls"), ("xlsx", "名单.xlsx"),
])
def test_a_file_is_read_by_its_content_not_its_name(tmp_path, kind, name):
    path = tmp_path / name
    _disguised(kind, path)
    source = open_import(path)
    rows = [[str(v).strip() for v in row[:5]] for row in source.rows if any(str(v).strip() for v in row)]
    assert rows[:2] == ROWS
    assert path.exists()


def test_the_progress_import_reads_by_content_too(tmp_path):
    path = tmp_path / "进度.xlsx"
    path.write_text(f"身份证号,姓名,培训计划,课程,学时\n110101199003077777,张三,{PLAN},课程,2\n", encoding="utf-8")
    assert list(open_progress_import(path).header.headers[:3]) == ["身份证号", "姓名", "培训计划"]


def _zip_with(path: Path, names: list[str]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")


def _ole2(path: Path, stream: str) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + stream.encode("utf-16-le") + bytes(600))


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: _zip_with(p, ["[Content_Types].xml", "word/document.xml"]), "Word 文档"),
    (lambda p: _zip_with(p, ["[Content_Types].xml", "xl/workbook.bin"]), "xlsb"),
    (lambda p: _zip_with(p, ["photos/1.jpg"]), "压缩包"),
    (lambda p: _ole2(p, "EncryptedPackage"), "密码保护"),
    (lambda p: _ole2(p, "WordDocument"), "Word 文档"),
    (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "PDF"),
    (lambda p: p.write_bytes(b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
                             b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'), "Excel 2003 XML"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100)), "不是真正的 Excel 文件"),
    (lambda p: p.write_bytes(b""), "空文件"),
])
def test_files_that_are_not_spreadsheets_are_named_for_what_they_are(tmp_path, monkeypatch, make, message):
    path = tmp_path / "学员.xlsx"
    make(path)
    reached = _no_reader(monkeypatch)
    with pytest.raises(ImportFileError, match=message):
        open_import(path)
    assert reached == []


def test_a_real_xls_with_a_broken_body_gets_the_readers_message(tmp_path):
    path = tmp_path / "坏.xls"
    _ole2(path, "Workbook")
    with pytest.raises(ImportFileError, match="无法读取"):
        open_import(path)

