"""A CJK TrueType font to embed in PDFs, so they read the same in every viewer.

reportlab embeds TrueType outlines only (not the CFF outlines of Noto Sans CJK), so the
candidates are TrueType fonts: one shipped in resources/fonts, then the system's
(WenQuanYi Micro Hei on Linux; Microsoft YaHei, SimHei or SimSun on Windows). Without any,
a clear error — never boxes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tjce_desktop.domain.errors import UserError

FONT_NAME = "TJCE-CJK"
_SYSTEM_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
)


class FontMissingError(UserError, OSError):
    """``str()`` is the Chinese message."""


def _candidates() -> list[Path]:
    from tjce_desktop.paths import resource_path

    shipped = []
    try:
        folder = resource_path("fonts")
        shipped = sorted([*folder.glob("*.ttf"), *folder.glob("*.ttc")])
    except FileNotFoundError:
        pass
    return [*shipped, *(Path(p) for p in _SYSTEM_FONTS)]


@cache
def register_cjk_font() -> str:
    """Register the first usable font with reportlab and return its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for path in _candidates():
        if not path.exists():
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
            return FONT_NAME
        except TTFError:
            continue  # CFF outlines or a damaged file: try the next
    raise FontMissingError(
        "找不到可嵌入 PDF 的中文字体。请安装“文泉驿微米黑”（Debian：fonts-wqy-microhei），"
        "或把一个 TrueType 中文字体（.ttf/.ttc）放到程序的 resources/fonts 文件夹中。"
    )
