"""What the main window loads in the background once its first page is painted.

SQLAlchemy, the ORM, the models and the local engine, then the modules of the pages and the
sync controller built after the first paint (``MainWindow.build_rest``): about 0.5 s of imports
that would otherwise run on the GUI thread, before the first screen or when the later pages
are built. The Excel, PDF and signing libraries (openpyxl, reportlab, cryptography) are not
among them: they load when something is exported, printed or signed.
"""

from __future__ import annotations

import importlib

from tjce_desktop.storage.database import Database

LATER_MODULES = (
    "tjce_desktop.gui.pages.archive_query_page",
    "tjce_desktop.gui.pages.plans_page",
    "tjce_desktop.gui.pages.desk_page",
    "tjce_desktop.gui.pages.compliance_page",
    "tjce_desktop.gui.pages.reports_page",
    "tjce_desktop.gui.pages.sync_page",
    "tjce_desktop.gui.pages.audit_page",
    "tjce_desktop.gui.sync_controller",
    "tjce_desktop.services.orgs",  # the tree's counts
    "tjce_desktop.services.trainees",  # 学员管理's dialogs and actions
)


def preload_rest(database: Database) -> None:
    """Runs in the task runner; importing a module here and on the GUI thread at once is safe
    (the import lock makes the second wait for the first)."""
    database.session_factory  # noqa: B018 — SQLAlchemy, the ORM, the models and the engine, made now
    for name in LATER_MODULES:
        importlib.import_module(name)
