"""Window actions in an enum-keyed registry (Picard's pattern): one place for texts and keys."""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class ActionId(Enum):
    REFRESH = auto()
    QUIT = auto()
    ABOUT = auto()
    POLICY_FAQ = auto()
    TOGGLE_ORG_TREE = auto()
    VERIFY_ARCHIVE = auto()
    SET_SEAL = auto()
    IMPORT_PROGRESS = auto()
    CHANGE_PASSWORD = auto()
    MANAGE_ACCOUNTS = auto()
    IDLE_LOCK_MINUTES = auto()
    LOCK_NOW = auto()
    SHOW_FULL_IDS = auto()
    SYNC_NOW = auto()
    CENTRAL_SETTINGS = auto()
    HOUR_RULES = auto()
    FIND_ORG = auto()


# Shortcuts as standard keys or text: QKeySequence objects must not exist before the
# QApplication does.
_SPECS: dict[ActionId, tuple[str, QKeySequence.StandardKey | str | None, str]] = {
    ActionId.REFRESH: ("刷新(&R)", QKeySequence.StandardKey.Refresh, "重新读取当前页面的数据"),
    ActionId.FIND_ORG: ("查找机构(&F)", "Ctrl+Shift+F", "在组织架构树中按名称、拼音或首字母查找机构"),
    ActionId.QUIT: ("退出(&X)", QKeySequence.StandardKey.Quit, "关闭程序"),
    ActionId.ABOUT: ("关于(&A)", None, "程序版本和数据库信息"),
    ActionId.POLICY_FAQ: ("常见政策问题(&P)", QKeySequence.StandardKey.HelpContents,
                          "继续教育政策的常见问题与解答、咨询热线"),
    ActionId.TOGGLE_ORG_TREE: ("组织架构树(&T)", "Ctrl+T", "显示或隐藏组织架构树"),
    ActionId.VERIFY_ARCHIVE: ("验证学习档案(&V)…", "Ctrl+Shift+V",
                              "检查打印的学习档案上的验证码：是否真实、内容是否被改动"),
    ActionId.IMPORT_PROGRESS: ("导入学习进度(&I)…", None, "从 Excel 导入课程学时和考试成绩（离线或单机使用时）"),
    ActionId.CHANGE_PASSWORD: ("修改密码(&P)…", None, "修改当前账户的密码"),
    ActionId.MANAGE_ACCOUNTS: ("账户管理(&M)…", None, "创建账户、重置密码、解锁账户（市级管理员）"),
    ActionId.IDLE_LOCK_MINUTES: ("自动锁定时间(&T)…", None, "多长时间不操作后锁定窗口"),
    ActionId.LOCK_NOW: ("立即锁定(&L)", "Ctrl+L", "锁定窗口，输入密码后继续"),
    ActionId.SHOW_FULL_IDS: ("显示完整身份证号(&I)", None, "在学员表中显示完整身份证号（记入审计日志）"),
    ActionId.SYNC_NOW: ("立即同步(&Y)", "Ctrl+Shift+S", "上传本机修改并下载中心数据库的修改"),
    ActionId.CENTRAL_SETTINGS: ("中心数据库(&C)…", None, "连接中心数据库：地址、端口、数据库和您的账户"),
    ActionId.HOUR_RULES: ("学时规定(&H)…", None,
                          "各年度的学时要求、类别最低学时、截止日期和依据文件（市级管理员可修改）"),
    ActionId.SET_SEAL: ("设置公章图片(&S)…", None, "为当前选中的机构设置盖章用的公章图片（PNG，可透明）"),
}


def create_actions(parent: QWidget) -> dict[ActionId, QAction]:
    actions: dict[ActionId, QAction] = {}
    for action_id, (text, shortcut, tip) in _SPECS.items():
        action = QAction(text, parent)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setObjectName(f"action_{action_id.name.lower()}")
        actions[action_id] = action
    return actions
