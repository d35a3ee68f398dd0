"""TLS to the central database: verify-full against the chosen CA; plain text and a wrong
certificate are refused. The throwaway server's database tjce_tls accepts TLS only."""

import psycopg
import pytest
import sqlalchemy as sa

from sync_support import PASSWORDS, desk, make_central
from tjce_desktop.cli.main import main as tjce
from tjce_desktop.sync import central as central_admin
from tjce_desktop.sync.binding import binding, check_login, engine_for
from tjce_desktop.sync.central import CentralError, with_tls
from tjce_desktop.sync.engine import sync

pytestmark = pytest.mark.postgres


@pytest.fixture
def tls_central(pg_server, demo_template):
    admin = f"host={pg_server['host']} port={pg_server['port']} user={pg_server['user']} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute('DROP DATABASE IF EXISTS "tjce_tls" WITH (FORCE)')
        connection.execute('CREATE DATABASE "tjce_tls"')
    owner = f"postgresql+psycopg://{pg_server['user']}@{pg_server['host']}:{pg_server['port']}/tjce_tls"
    make_central(with_tls(owner, pg_server["ca"]), demo_template)
    yield f"postgresql://{pg_server['host']}:{pg_server['port']}/tjce_tls"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute('DROP DATABASE IF EXISTS "tjce_tls" WITH (FORCE)')


def test_a_remote_server_is_reached_only_with_its_certificate_verified(tmp_path):
    for asked in ("", "?sslmode=disable", "?sslmode=prefer", "?sslmode=require"):
        assert "sslmode=verify-full" in with_tls(f"postgresql://db.example.cn:5432/tjce{asked}")
    assert "sslmode" not in with_tls("postgresql://127.0.0.1:5432/tjce")  # the same machine: the server decides
    ca = tmp_path / "ca.crt"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    assert "sslmode=verify-full" in with_tls("postgresql://127.0.0.1:5432/tjce", ca)
    with pytest.raises(CentralError, match="找不到 CA 证书文件"):
        with_tls("postgresql://db.example.cn/tjce", tmp_path / "missing.crt")


def test_a_plain_text_connection_is_refused(tls_central):
    role, password = central_admin.login_role_for("heping"), PASSWORDS["heping"]
    plain = tls_central.replace("postgresql://", f"postgresql://{role}:{password}@") + "?sslmode=disable"
    with pytest.raises(psycopg.OperationalError, match="no encryption"):
        psycopg.connect(plain).close()


def test_a_wrong_server_certificate_is_refused(tls_central, pg_server):
    with pytest.raises(CentralError, match="证书未通过验证"):
        check_login(with_tls(tls_central, pg_server["other_ca"]), "heping", PASSWORDS["heping"])
    assert check_login(with_tls(tls_central, pg_server["ca"]), "heping", PASSWORDS["heping"]).startswith("/")


def test_connect_with_a_ca_file_then_sync_over_tls(tls_central, pg_server, tmp_path, monkeypatch, capsys):
    database = desk(tmp_path, "tls")
    database.dispose()
    monkeypatch.setenv("TJCE_PASSWORD", PASSWORDS["heping"])
    assert tjce(["--db", str(database.path), "central", "connect", "--url", tls_central, "--username", "heping",
                 "--ca", str(pg_server["ca"])]) == 0
    assert "sslmode=verify-full" in capsys.readouterr().out
    assert tjce(["--db", str(database.path), "sync"]) == 0
    reopened = desk(tmp_path, "tls")
    url, username, _ = binding(reopened)
    engine = engine_for(url, username, PASSWORDS["heping"])
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar()
    report = sync(reopened, engine, actor="heping")
    assert report.check_clean
