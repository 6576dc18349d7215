"""Start and stop real SPARQL servers on 127.0.0.1 for the remote tests.

Each starter returns a :class:`Server` or raises ``pytest.skip`` with the reason (never a
silent pass). Waiting loops are bounded; servers are stopped by their pid.
"""

from __future__ import annotations

import configparser
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


@dataclass
class Server:
    """A running server: its base URL, process and credentials."""

    base: str
    process: subprocess.Popen
    user: str | None = None
    password: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_http(url: str, process: subprocess.Popen, seconds: float) -> bool:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            requests.get(url, timeout=1)
            return True
        except requests.RequestException:
            time.sleep(0.1)
    return False


def start_oxigraph(tmp: Path) -> Server:
    """``oxigraph serve`` on a free loopback port (PyPI ``oxigraph``)."""
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("oxigraph server not installed (pip install oxigraph)")
    port = free_port()
    log = (tmp / "oxigraph.log").open("wb")
    process = subprocess.Popen([exe, "serve", "--location", str(tmp / "oxdata"),
                                "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    if not _wait_http(base + "/query?query=ASK%7B%7D", process, 20):
        process.kill()
        process.wait(timeout=10)
        pytest.skip(f"oxigraph server did not start: {(tmp / 'oxigraph.log').read_text()[-300:]}")
    return Server(base, process)


def _virtuoso_ini(tmp: Path, port: int, http_port: int) -> Path:
    config = configparser.RawConfigParser(strict=False, interpolation=None)
    config.optionxform = str  # keep key case
    config.read(VIRTUOSO_INI)
    data = tmp / "db"
    data.mkdir()
    for key, name in (("DatabaseFile", "virtuoso.db"), ("ErrorLogFile", "virtuoso.log"),
                      ("LockFile", "virtuoso.lck"), ("TransactionFile", "virtuoso.trx"),
                      ("xa_persistent_file", "virtuoso.pxa")):
        config.set("Database", key, str(data / name))
    config.set("TempDatabase", "DatabaseFile", str(data / "virtuoso-temp.db"))
    config.set("TempDatabase", "TransactionFile", str(data / "virtuoso-temp.trx"))
    config.set("Parameters", "ServerPort", f"127.0.0.1:{port}")
    allowed = config.get("Parameters", "DirsAllowed", fallback=".")
    config.set("Parameters", "DirsAllowed", f"{allowed}, {data}, {tmp}")
    config.set("HTTPServer", "ServerPort", f"127.0.0.1:{http_port}")
    ini = tmp / "virtuoso.ini"
    with ini.open("w") as handle:
        config.write(handle)
    return ini


def _isql(port: int, password: str, command: str) -> subprocess.CompletedProcess:
    return subprocess.run(["isql-vt", f"127.0.0.1:{port}", "dba", password, f"exec={command}"],
                          capture_output=True, text=True, timeout=60)


def start_virtuoso(tmp: Path) -> Server:
    """Own Virtuoso instance (Debian ``virtuoso-opensource``) with a new dba password."""
    exe, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if exe is None or isql is None or not VIRTUOSO_INI.is_file():
        pytest.skip("Virtuoso not installed (apt-get install virtuoso-opensource)")
    port, http_port = free_port(), free_port()
    ini = _virtuoso_ini(tmp, port, http_port)
    log = (tmp / "virtuoso.out").open("wb")
    process = subprocess.Popen([exe, "+configfile", str(ini), "+foreground"], cwd=tmp / "db",
                               stdout=log, stderr=log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        if _isql(port, "dba", "select 1;").returncode == 0:
            break
        time.sleep(0.5)
    else:
        _kill(process)
        pytest.skip(f"Virtuoso did not start: {(tmp / 'virtuoso.out').read_text()[-300:]}")
    password = "kgtest" + os.urandom(4).hex()
    if _isql(port, "dba", f"SET PASSWORD dba {password};").returncode != 0:
        _kill(process)
        pytest.skip("Virtuoso: could not set the dba password")
    base = f"http://127.0.0.1:{http_port}"
    if not _wait_http(base + "/sparql", process, 30):
        _kill(process)
        pytest.skip("Virtuoso HTTP server did not answer")
    return Server(base, process, "dba", password, {"isql_port": str(port)})


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait(timeout=20)
