"""What ``tjce info`` and the status bar say about the open database."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from tjce_desktop.storage import org_counts
from tjce_desktop.storage.database import Database

_COUNTED = ("org", "trainee", "training_plan", "enrollment", "exam_attempt", "stamp_batch", "certificate")


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    path: str
    size_bytes: int
    schema_revision: str | None
    mode: str  # "local": no central database configured
    counts: dict[str, int]
    pending_changes: int
    demo: dict[str, str]
    # The stored per-org counts the listing and the tree read (storage/org_counts.py), summed for
    # the city: (在职, all) stored and counted; they differ only if something bypassed the triggers.
    stored_trainee_counts: tuple[int, int]
    counted_trainees: tuple[int, int]

    @property
    def stored_counts_right(self) -> bool:
        return self.stored_trainee_counts == self.counted_trainees

    def as_dict(self) -> dict:
        return asdict(self)


def database_info(database: Database) -> DatabaseInfo:
    with database.engine.connect() as connection:
        counts = {
            table: connection.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").scalar_one()
            for table in _COUNTED
        }
        pending = connection.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one()
        meta: dict[str, str] = {key: value for key, value in connection.exec_driver_sql(
            "SELECT key, value FROM app_meta")}
        revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        stored, counted = org_counts.city_totals(connection)
    size = sum(p.stat().st_size for p in database.path.parent.glob(database.path.name + "*") if p.is_file())
    return DatabaseInfo(
        path=str(database.path),
        size_bytes=size,
        schema_revision=revision,
        mode="central" if meta.get("central_url") else "local",
        counts=counts,
        pending_changes=pending,
        # What the demo was made from (seed, size, reference date); demo_built_at is the backups'
        # bookkeeping (services/backups.py), not part of it.
        stored_trainee_counts=stored,
        counted_trainees=counted,
        demo={k.removeprefix("demo_"): v for k, v in meta.items() if k.startswith("demo_") and k != "demo_built_at"},
    )
