"""证书登记: type or scan an ID number, see the year card, record other learning, 登记, 验证, print.

An ID-card reader types the number and Enter like a keyboard, so the field opens the card
on Enter and is ready for the next person at once (the text stays selected). The card is
read, and every change written, in the task runner; the card reads again when a write
(here or elsewhere: a progress import, a sync) changed what it shows.

批量登记 registers every met trainee of the org selected in the tree (and its sub-orgs) in one
background job, after a confirmation with the count, and offers the 登记名单 (.xlsx or PDF);
学时证明 signs and previews the multi-year proof of the trainee on the card.
"""

from __future__ import annotations

import datetime as dt
import uuid
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from tjce_desktop.domain.enums import CourseCategory, OtherLearningForm, ReissueReason, TitleLevel
from tjce_desktop.domain.errors import UserError
from tjce_desktop.gui import page_conveniences
from tjce_desktop.gui.dialogs import show_error, show_info
from tjce_desktop.gui.forms.ui_desk_page import Ui_DeskPage
from tjce_desktop.gui.signal_hub import SignalHub
from tjce_desktop.gui.task_runner import TaskRunner
from tjce_desktop.services import certificates
from tjce_desktop.services.actor import Actor
from tjce_desktop.services.batch_registration import BatchOutcome, BatchPlan, Outcome, plan_batch, register_met
from tjce_desktop.services.certificate_desk import (
    DESK_ROLES,
    OtherLearningEntry,
    YearCard,
    add_other_learning,
    change_title,
    delete_other_learning,
    find_trainee,
    year_card,
)
from tjce_desktop.services.orgs import OrgNode
from tjce_desktop.storage import private_temp
from tjce_desktop.storage.database import Database

_ID_ROLE = Qt.ItemDataRole.UserRole
# What the year card shows: it reads again when a write changed any of them.
CARD_TABLES = ("trainee", "org", "certificate", "certificate_registration", "certificate_reissue", "other_learning",
               "title_change", "trainee_year_hours", "enrollment", "course_progress", "recognised_hours")


def _other_years_heading(card) -> str:
    """A card of an earlier year lists later years too: "以往年度" would then be wrong."""
    return "其他年度" if any(past.year > card.year for past in card.past_years) else "以往年度"


def _rule_origin(card) -> str:
    """A year without its own rule follows an earlier one; the card says so beside that rule's document."""
    rule = card.rule
    if rule.built_in or rule.first_year == card.year:
        return ""
    return f"（沿用 {rule.first_year} 年起的规定）"


def _past_state(past) -> str:
    line = past.registration
    if line is None:
        short = past.required - past.total
        return "未登记" + ("（已达到）" if short <= 0 else f"（差 {short:g} 学时）")
    return ("已验证" if line.verified_at else "已登记，待验证") + ("（例外）" if line.exception_reason else "")


class DeskPage(QWidget):
    def __init__(self, database: Database, runner: TaskRunner, hub: SignalHub, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_DeskPage()
        self.ui.setupUi(self)
        self.database, self.runner, self.hub, self.actor = database, runner, hub, actor
        self.card: YearCard | None = None
        self.last_pdf: Path | None = None
        self.preview = None  # the open 登记页 or 学时证明 preview
        self.scope: OrgNode | None = None  # the org selected in the tree: what 批量登记 covers
        self.last_batch: BatchOutcome | None = None
        self.batch_summary = ""
        ui = self.ui
        ui.year_spin.setValue(dt.date.today().year)
        for member in OtherLearningForm:
            ui.form_combo.addItem(member.label, member.value)
        for member in CourseCategory:
            ui.category_combo.addItem(member.label, member.value)
        ui.category_combo.setCurrentIndex(ui.category_combo.findData(CourseCategory.PROFESSIONAL.value))
        today = QDate.currentDate()
        ui.starts_edit.setDate(today)
        ui.ends_edit.setDate(today)
        ui.days_spin.setValue(1)
        table = ui.other_table
        table.setColumnCount(6)
        table.setHorizontalHeaderLabels(("形式", "内容", "起止日期", "学时", "计入", "证明材料"))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # 内容: the rest
        table.horizontalHeader().setStretchLastSection(False)
        ui.desk_splitter.setStretchFactor(0, 3)
        ui.desk_splitter.setStretchFactor(1, 2)
        ui.id_edit.returnPressed.connect(self.open_card)
        ui.open_button.clicked.connect(self.open_card)
        ui.year_spin.valueChanged.connect(lambda _year: self.card and self.open_card())
        ui.add_other_button.clicked.connect(self.add_other)
        ui.delete_other_button.clicked.connect(self.delete_other)
        ui.recognise_button.clicked.connect(lambda: self.open_recognition())
        self.tools = page_conveniences.desk_page(self)
        ui.issue_button.clicked.connect(self.issue)
        ui.continue_button.clicked.connect(self.continue_booklet)
        ui.reissue_button.clicked.connect(lambda: self.reissue())
        ui.title_button.clicked.connect(lambda: self.change_title())
        ui.register_button.clicked.connect(lambda: self.register())
        ui.exception_button.clicked.connect(lambda: self.register(exception=None, ask=True))
        ui.verify_button.clicked.connect(self.verify)
        ui.reopen_button.clicked.connect(lambda: self.reopen())
        ui.print_button.clicked.connect(lambda: self.print_page())
        ui.calibrate_button.clicked.connect(lambda: self.calibrate())
        ui.batch_button.clicked.connect(lambda: self.batch_register())
        ui.proof_button.clicked.connect(lambda: self.issue_proof())
        table.itemSelectionChanged.connect(self._update_buttons)
        self.watch = hub.watch(self, CARD_TABLES, self._reload)
        self._show_hint()
        self._update_buttons()

    def _show_hint(self) -> None:
        """What to do, where the card will be (an empty panel said nothing)."""
        self.ui.card_view.setHtml(
            "<p style='color:#555; font-size:12pt'>在上方输入或用身份证读卡器扫描<b>身份证号</b>，按回车，"
            "即可打开该学员的年度学时卡：</p><ul style='color:#555'>"
            "<li>本年度各类学时与要求学时、还差多少</li><li>证书编号；未发证时可“发证”</li>"
            "<li>登记其他形式的学习（培训班、讲座、学术会议……）</li><li>登记、验证与打印证书登记页</li>"
            "<li>以往年度的学时与登记情况</li></ul>")

    # --- the card ------------------------------------------------------------------------------

    def open_card(self) -> None:
        """The card of the typed or scanned ID number, read in the background."""
        text = self.ui.id_edit.text()
        if not text.strip():
            return
        actor, year = self.actor, self.ui.year_spin.value()

        def job(uow, _state) -> YearCard:
            return year_card(uow.session, actor, find_trainee(uow.session, actor, text).id, year)

        def failed(exc: BaseException) -> None:
            self.card = None
            self._show_hint()
            self.ui.other_table.setRowCount(0)
            self._failed(exc)
            self._update_buttons()

        def opened(card: YearCard) -> None:
            self.ui.message_label.clear()
            self._card_read(card)

        self.ui.id_edit.selectAll()  # the next scan replaces it
        self.runner.read(job, on_success=opened, on_failure=failed)

    def _reload(self) -> None:
        """The card on screen, read again (after a write changed what it shows)."""
        if self.card is None:
            return
        actor, trainee_id, year = self.actor, self.card.trainee_id, self.card.year
        self.runner.read(lambda uow, _state: year_card(uow.session, actor, trainee_id, year),
                         on_success=self._card_read, on_failure=self._failed)

    def _card_read(self, card: YearCard) -> None:
        self.card = card
        self._show(card)
        self._update_buttons()

    def _show(self, card: YearCard) -> None:
        verdict = ("<span style='color:#1b7f3b'>已达到</span>" if card.met else
                   f"<span style='color:#b00020'>未达到：{escape(card.verdict.shortfall_text())}</span>")
        minimums = card.category_minimums

        def rule_cell(label: str) -> str:
            if label not in minimums:
                return ""
            short = card.category_gaps.get(label)
            return (f"最低 {minimums[label]:g}"
                    + (f"，<span style='color:#b00020'>差 {short:g}</span>" if short else "，已达到"))

        rows = "".join(f"<tr><td>{escape(label)}</td><td align='right'>{hours:g}</td><td>{rule_cell(label)}</td></tr>"
                       for label, hours in card.hours.items())
        registration = card.registration
        if registration is None:
            state = "未登记"
        elif registration.verified_at:
            state = f"已验证（{registration.verified_by}，{registration.verified_at:%Y-%m-%d}），已冻结"
        else:
            state = f"已登记（{registration.registered_by}，{registration.registered_at:%Y-%m-%d}），待验证"
        if registration is not None and registration.exception_reason:
            state += f"；例外登记：{escape(registration.exception_reason)}"
        certificate = (f"{escape(card.certificate_number)}（第 {card.booklet_no} 本）" if card.certificate_number
                       else "<span style='color:#b00020'>未发证</span>")
        earlier = "".join(
            f"<tr><td>{past.year}</td><td align='right'>{past.total:g} / {past.required:g} 学时</td>"
            f"<td>{_past_state(past)}</td></tr>"
            for past in card.past_years) or "<tr><td colspan='3'>无（以往年度没有学时记录）</td></tr>"
        notes = "".join(f"<li>{escape(note)}</li>" for note in card.notes
                        if not note.startswith("例外登记"))  # said beside the registration
        courses = ("<br>本年度必修的公需课：" + escape("、".join(card.rule.required_courses))
                   if card.rule.required_courses else "")
        sources = "".join(
            f"<tr><td>{escape(s.source)}</td><td>{escape(s.detail)}</td><td>{escape(s.category)}</td>"
            f"<td align='right'>{s.hours:g}</td><td style='color:{'#1b7f3b' if s.counts else '#8a6d00'}'>"
            f"{escape(s.status)}</td></tr>" for s in card.sources) or "<tr><td colspan='5'>无</td></tr>"
        self.ui.card_view.setHtml(
            f"<h2>{escape(card.name)} <small>{escape(card.id_number)}</small></h2>"
            f"<p>{escape(card.org)}　·　年末职称：{escape(card.title_level)}"
            f"{'　·　高新技术人员' if card.high_tech else ''}"
            f"<br>证书编号：{certificate}</p>"
            f"<h3>{card.year} 年度学时</h3><table cellpadding='3'>{rows}"
            f"<tr><td>其中其他形式学习</td><td align='right'>{card.other_hours:g}</td><td></td></tr>"
            f"<tr><td><b>合计</b></td><td align='right'><b>{card.total:g}</b></td><td>要求 {card.required:g}</td></tr>"
            f"</table><p style='font-size:13pt'><b>{verdict}</b>　登记：{state}</p>"
            f"<p>学时规定{_rule_origin(card)}：{escape(card.rule.summary())}"
            f"（依据：{escape(card.rule.source or '条例')}）"
            f"{courses}</p>"
            f"{'<ul>' + notes + '</ul>' if notes else ''}"
            f"<h3>学时来源</h3><table cellpadding='3'>{sources}</table>"
            f"<h3>{_other_years_heading(card)}</h3><table cellpadding='3'>{earlier}</table>")
        table = self.ui.other_table
        table.setRowCount(len(card.other_learning))
        for row, record in enumerate(card.other_learning):
            values = (OtherLearningForm(record.form).label, record.title, f"{record.starts_on} 至 {record.ends_on}",
                      f"{record.hours:g}", CourseCategory(record.category).label, record.evidence)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setData(_ID_ROLE, record.id.hex)
                table.setItem(row, column, item)

    def _update_buttons(self) -> None:
        ui, card = self.ui, self.card
        may = self.actor.role in DESK_ROLES
        has_card = card is not None
        frozen = bool(card and card.registration and card.registration.verified_at)
        for button in (ui.add_other_button, ui.title_button):
            button.setEnabled(may and has_card and not frozen)
        # 删除所选: only with a row to delete chosen.
        ui.delete_other_button.setEnabled(may and has_card and not frozen and bool(ui.other_table.selectedItems()))
        ui.issue_button.setEnabled(may and has_card and card.certificate_id is None)
        for button in (ui.continue_button, ui.reissue_button):
            button.setEnabled(may and has_card and card.certificate_id is not None)
        ui.register_button.setEnabled(may and has_card and not frozen and card.certificate_id is not None and card.met)
        # Registered already (not verified): pressing it again records the hours as they are now.
        again = bool(card and card.registration)
        ui.register_button.setText("重新登记" if again else "登记")
        ui.register_button.setToolTip("按当前学时重新登记本年度（覆盖原登记的学时）" if again
                                      else "把本年度学时登记到证书")
        ui.exception_button.setEnabled(may and has_card and not frozen and card.certificate_id is not None)
        ui.verify_button.setEnabled(may and has_card and card.registration is not None and not frozen)
        ui.reopen_button.setEnabled(may and frozen)
        ui.print_button.setEnabled(has_card and card.registration is not None)
        ui.proof_button.setEnabled(has_card)
        ui.recognise_button.setEnabled(has_card)  # 学时认定 is recorded for the trainee on the card
        ui.batch_button.setEnabled(may and self.scope is not None)

    def set_scope(self, org: OrgNode) -> None:
        """The org selected in the tree: 批量登记 covers it and its sub-orgs."""
        self.scope = org
        self.ui.batch_button.setToolTip(f"为“{org.full_name}”（含下级）全部达到年度要求、尚未登记的在职学员一次登记")
        self._update_buttons()

    # --- writes --------------------------------------------------------------------------------

    def _do(self, change, done: str, then=None) -> None:
        """Write ``change(uow)`` (a service that commits) in the background; the card reads
        again from the hub; then ``done`` is said and ``then(result)`` runs."""
        def succeeded(result) -> None:
            self._say(done, ok=True)
            if then is not None:
                then(result)

        self.runner.write(lambda uow, _state: change(uow), on_success=succeeded, on_failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        """A refusal (a UserError) in the message line, as the desk reads it; anything else in a box."""
        if isinstance(exc, UserError):
            self._say(str(exc), ok=False)
        else:
            show_error(self, "证书登记", exc)

    def _say(self, text: str, *, ok: bool) -> None:
        self.ui.message_label.setStyleSheet("color: #1b7f3b;" if ok else "color: #b00020;")
        self.ui.message_label.setText(text)

    def add_other(self) -> None:
        ui = self.ui
        entry = OtherLearningEntry(OtherLearningForm(ui.form_combo.currentData()), ui.other_title_edit.text(),
                                   ui.starts_edit.date().toPython(), ui.ends_edit.date().toPython(),
                                   ui.days_spin.value(),
                                   ui.evidence_edit.text(), CourseCategory(ui.category_combo.currentData()))
        actor, trainee_id = self.actor, self.card.trainee_id

        def added(_record) -> None:
            ui.other_title_edit.clear()
            ui.evidence_edit.clear()

        self._do(lambda uow: add_other_learning(uow, actor, trainee_id, entry),
                 f"已登记其他学习 {entry.days * 8:g} 学时。", then=added)

    def open_recognition(self):
        """学时认定 for the open card (or, without one, the entries waiting in the scope)."""
        from tjce_desktop.gui.recognition_dialog import RecognitionDialog

        card = self.card
        dialog = RecognitionDialog(self.runner, self.hub, self.actor, trainee_id=card.trainee_id if card else None,
                                   trainee_text=f"{card.name}（{card.id_number}）" if card else "",
                                   year=card.year if card else self.ui.year_spin.value(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def delete_other(self) -> None:
        row = self.ui.other_table.currentRow()
        if row < 0:
            return
        record_id, actor = uuid.UUID(hex=self.ui.other_table.item(row, 0).data(_ID_ROLE)), self.actor
        self._do(lambda uow: delete_other_learning(uow, actor, record_id), "已删除。")

    def change_title(self, title: TitleLevel | None = None, high_tech: bool | None = None,
                     effective_on: dt.date | None = None) -> None:
        if title is None:
            label, accepted = QInputDialog.getItem(self, "职称变动", "新的职称：", TitleLevel.labels(), 0, False)
            if not accepted:
                return
            title = TitleLevel.from_label(label)
            answer, accepted = QInputDialog.getItem(self, "职称变动", "是否从事高新技术工作：", ["否", "是"], 0, False)
            if not accepted:
                return
            high_tech = answer == "是"
            text, accepted = QInputDialog.getText(self, "职称变动", "生效日期（YYYY-MM-DD）：",
                                                  text=dt.date.today().isoformat())
            if not accepted:
                return
            try:
                effective_on = dt.date.fromisoformat(text.strip())
            except ValueError:
                self._say(f"“{text}”不是日期。", ok=False)
                return
        actor, trainee_id = self.actor, self.card.trainee_id
        self._do(lambda uow: change_title(uow, actor, trainee_id, title, bool(high_tech), effective_on),
                 "已登记职称变动；各年度的学时要求按年末职称重新计算。")

    def reissue(self, reason: ReissueReason | None = None) -> None:
        if reason is None:
            label, accepted = QInputDialog.getItem(self, "补发证书", "原因：", ReissueReason.labels(), 0, False)
            if not accepted:
                return
            reason = ReissueReason.from_label(label)
        actor, certificate_id = self.actor, self.card.certificate_id
        self._do(lambda uow: certificates.reissue_certificate(uow, actor, certificate_id, reason),
                 "已补发，证书编号不变，补发已记录。")

    def register(self, exception: str | None = None, ask: bool = False) -> None:
        if ask:
            if exception is None:
                exception, accepted = QInputDialog.getText(self, "例外登记",
                                                           "未达到学时要求仍需登记的原因（记入审计日志）：")
                if not accepted:
                    return
            if not exception.strip():
                self._say("例外登记必须填写原因。", ok=False)
                return
        actor, trainee_id, year = self.actor, self.card.trainee_id, self.card.year
        self._do(lambda uow: certificates.register_year(uow, actor, trainee_id, year, exception_reason=exception),
                 f"已登记 {year} 年度学时。")

    def verify(self) -> None:
        actor, registration = self.actor, self.card.registration
        self._do(lambda uow: certificates.verify_registrations(uow, actor, [registration.id]), "已验证，该年度已冻结。")

    def reopen(self, reason: str | None = None) -> None:
        if reason is None:
            reason, accepted = QInputDialog.getText(self, "重新开放", "重新开放的原因（记入审计日志）：")
            if not accepted:
                return
        actor, registration = self.actor, self.card.registration
        self._do(lambda uow: certificates.reopen_registration(uow, actor, registration.id, reason), "已重新开放。")

    def issue(self) -> None:
        actor, trainee_id = self.actor, self.card.trainee_id
        self._do(lambda uow: certificates.issue_certificate(uow, actor, trainee_id), "已发证。")

    def continue_booklet(self) -> None:
        actor, certificate_id = self.actor, self.card.certificate_id
        self._do(lambda uow: certificates.continue_booklet(uow, actor, certificate_id), "已续发新证（原证留档）。")

    # --- printing ------------------------------------------------------------------------------

    def print_page(self) -> None:
        """The registration for the booklet page, shifted by this printer's calibration, written
        (and audited) in the background, then previewed."""
        from tjce_desktop.gui.calibration_dialog import current_calibration

        registration, actor, year = self.card.registration, self.actor, self.card.year
        self.close_preview()
        path = private_temp.new_file(f"证书登记_{self.card.name}_{self.card.year}.pdf")
        calibration = current_calibration()

        def printed(_none) -> None:
            from tjce_desktop.gui.pdf_preview_dialog import PdfPreviewDialog
            from tjce_desktop.services.exports import save_copy

            self.last_pdf = path
            self._say("", ok=True)
            database = self.database

            def save(source: Path, target: str) -> None:  # in the background: the copy and its audit entry
                save_copy(database, actor, "certificate.save_copy", source, target,
                          {"registration": registration.id.hex, "year": year})

            dialog = PdfPreviewDialog(path, self, temporary=True, save=save, runner=self.runner)
            dialog.setWindowTitle("证书登记页预览")
            dialog.open()
            self.preview = dialog

        def failed(exc: BaseException) -> None:
            private_temp.discard(path)
            self._failed(exc)

        self.runner.write(lambda uow, _state: certificates.print_registration(uow, actor, registration.id, path,
                                                                               calibration),
                          on_success=printed, on_failure=failed, on_cancel=lambda: private_temp.discard(path),
                          label="正在生成登记页…")

    def close_preview(self) -> None:
        """Close the last 登记页 preview; its temporary file goes with it."""
        if self.preview is not None:
            self.preview.release()
            self.preview = None

    def calibrate(self):
        from tjce_desktop.gui.calibration_dialog import CalibrationDialog

        dialog = CalibrationDialog(self.runner, self)
        dialog.accepted.connect(lambda: show_info(self, "打印校准", "已保存该打印机的偏移。"))
        dialog.open()
        return dialog

    # --- 批量登记 -------------------------------------------------------------------------------

    def batch_register(self, answer: tuple[bool, bool] | None = None) -> None:
        """Judge the selected org's trainees in the background, confirm with the count, then
        register them all in one job. ``answer`` (confirmed, issue certificates) skips the box."""
        if self.scope is None:
            self._say("请先在左侧组织架构树中选择要批量登记的机构。", ok=False)
            return
        actor, org, year = self.actor, self.scope, self.ui.year_spin.value()
        self.runner.read(lambda uow, state: plan_batch(uow.session, actor, org.id, year, state=state),
                         on_success=lambda plan: self._confirm_batch(plan, answer), on_failure=self._failed,
                         label=f"正在核对 {org.name} {year} 年度的学员…")

    def _confirm_batch(self, plan: BatchPlan, answer: tuple[bool, bool] | None) -> None:
        waiting = plan.met_without_certificate
        if not plan.to_register and not waiting:
            self._say(f"{plan.org} {plan.year} 年度没有需要登记的达标学员（此前已登记 "
                      f"{plan.count(Outcome.ALREADY):,} 人，未达标 {plan.count(Outcome.SHORT):,} 人）。", ok=True)
            return
        if answer is None:
            answer = self.ask_batch(plan)
        confirmed, issue_missing = answer
        if not confirmed:
            return
        actor, year = self.actor, plan.year
        org_id = self.scope.id if self.scope is not None and self.scope.path == plan.org_path else None
        if org_id is None:  # the selection moved on meanwhile
            self._say("所选机构已改变，请对现在选中的机构重新批量登记。", ok=False)
            return
        self.runner.write(lambda uow, state: register_met(uow, actor, org_id, year, issue_missing=issue_missing,
                                                          state=state),
                          on_success=self._batch_done, on_failure=self._failed, label=f"正在批量登记 {year} 年度学时…")

    def ask_batch(self, plan: BatchPlan) -> tuple[bool, bool]:
        """The confirmation with the count first; a tick to issue certificates to the met without one."""
        box = QMessageBox(QMessageBox.Icon.Question, "批量登记",
                          f"将为 {plan.to_register:,} 名达标学员登记 {plan.year} 年度学时。", parent=self)
        box.setInformativeText(
            f"范围：{plan.org}（含下级，在职学员）\n此前已登记：{plan.count(Outcome.ALREADY):,} 人（跳过）\n"
            f"未达标：{plan.count(Outcome.SHORT):,} 人（不登记）\n达标但未发证：{plan.met_without_certificate:,} 人\n"
            "完成后可保存登记名单（Excel 或 PDF），列出登记与未登记的人员及原因。")
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText("登记")
        box.button(QMessageBox.StandardButton.Cancel).setText("取消")
        tick = None
        if plan.met_without_certificate:
            tick = QCheckBox(f"同时为 {plan.met_without_certificate:,} 名未发证的达标学员发证并登记")
            box.setCheckBox(tick)
        if not plan.to_register:  # only the ones without a certificate are left: 登记 means issuing too
            box.setText(f"{plan.year} 年度已发证的达标学员都已登记；"
                        f"另有 {plan.met_without_certificate:,} 名达标学员未发证。")
            assert tick is not None  # _confirm_batch asks only when one of the two counts is not zero
            register = box.button(QMessageBox.StandardButton.Ok)
            register.setEnabled(False)
            tick.toggled.connect(register.setEnabled)
        confirmed = box.exec() == QMessageBox.StandardButton.Ok
        return confirmed, bool(tick and tick.isChecked())

    def _batch_done(self, outcome: BatchOutcome) -> None:
        self.last_batch = outcome
        others = "，".join(f"{kind.label} {outcome.count(kind):,} 人" for kind in Outcome
                          if kind is not Outcome.REGISTERED and outcome.count(kind))
        self.batch_summary = (f"已为 {outcome.registered:,} 名学员登记 {outcome.year} 年度学时"
                              f"{'；' + others if others else ''}。")
        self._say(self.batch_summary, ok=True)
        self.save_batch_list()

    def save_batch_list(self, path: str | None = None) -> None:
        """The last batch's 登记名单 as .xlsx or PDF, written (and audited) in the background."""
        from tjce_desktop.domain.file_names import safe_file_name
        from tjce_desktop.services.batch_registration import save_batch_list

        outcome = self.last_batch
        if outcome is None:
            return
        if path is None:
            name = safe_file_name(f"登记名单_{outcome.org.split('/')[-1]}_{outcome.year}.xlsx")
            path, chosen = QFileDialog.getSaveFileName(self, "保存登记名单", name,
                                                       "Excel 文件 (*.xlsx);;PDF 文件 (*.pdf)")
            if not path:
                return
            if not Path(path).suffix:
                path += ".pdf" if chosen.startswith("PDF") else ".xlsx"
        database, actor, target = self.database, self.actor, path
        self.runner.run(lambda _state: save_batch_list(database, actor, outcome, target),
                        on_success=lambda saved: self._say(f"{self.batch_summary}登记名单已保存：{saved}", ok=True),
                        on_failure=self._failed, label="正在保存登记名单…")

    # --- 学时证明 -------------------------------------------------------------------------------

    def issue_proof(self, years: int | None = None) -> None:
        """The card's trainee's proof over the last ``years`` years, signed, written (and audited)
        in the background, then previewed to print or save."""
        from tjce_desktop.services.hours_proof import DEFAULT_YEARS, MAX_YEARS, issue_proof

        if self.card is None:
            return
        if years is None:
            years, accepted = QInputDialog.getInt(self, "学时证明", "证明最近几个年度（截至去年）：", DEFAULT_YEARS, 1,
                                                  MAX_YEARS)
            if not accepted:
                return
        self.close_preview()
        actor, trainee_id, database = self.actor, self.card.trainee_id, self.database
        path = private_temp.new_file(f"学时证明_{self.card.name}_{years}年.pdf")

        def op(_uow, state):
            return issue_proof(database, actor, trainee_id, path, years=years, state=state)

        def issued(proof) -> None:
            from tjce_desktop.gui.pdf_preview_dialog import PdfPreviewDialog
            from tjce_desktop.services.exports import save_copy

            self.last_pdf = path
            self._say(f"已出具学时证明（{proof.claim.period}），验证码 {proof.short_code}。", ok=True)

            def save(source: Path, target: str) -> None:  # in the background: the copy and its audit entry
                save_copy(database, actor, "certificate.proof_copy", source, target, {"code": proof.short_code})

            dialog = PdfPreviewDialog(path, self, temporary=True, save=save, runner=self.runner)
            dialog.setWindowTitle("学时证明预览")
            dialog.open()
            self.preview = dialog

        def failed(exc: BaseException) -> None:
            private_temp.discard(path)
            self._failed(exc)

        self.runner.write(op, on_success=issued, on_failure=failed, on_cancel=lambda: private_temp.discard(path),
                          label="正在出具学时证明…")
