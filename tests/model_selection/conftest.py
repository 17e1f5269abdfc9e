"""A real PostgreSQL server for the scale-out tests, started from Debian's binaries."""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

import pytest


def _server_binaries():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url():
    """URL of a throw-away PostgreSQL server on a free loopback port, removed afterwards.

    The server runs from a temporary folder (``initdb``, ``pg_ctl``), as the ``postgres``
    system user when the tests run as root (the server refuses root).
    """
    bindir = _server_binaries()
    if bindir is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin "
            "or on PATH; install Debian's postgresql package to run this test"
        )
    pytest.importorskip("psycopg2", reason="psycopg2 (psycopg2-binary) is not installed")
    root = tempfile.mkdtemp(prefix="skbass-pg-")
    prefix = []
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root)
            pytest.skip("running as root and there is no 'postgres' user to run the server")
        os.chown(root, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, log = os.path.join(root, "data"), os.path.join(root, "server.log")
    pg_ctl = os.path.join(bindir, "pg_ctl")
    port = _free_port()

    def run(*args):
        subprocess.run(prefix + list(args), check=True, capture_output=True, timeout=120, cwd=root)

    try:
        run(os.path.join(bindir, "initdb"), "-D", data, "-U", "skbass", "-A", "trust", "-N")
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(pg_ctl, "-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start")
    except subprocess.CalledProcessError as exc:
        text = exc.stderr.decode(errors="replace")
        if os.path.exists(log):
            with open(log) as f:
                text += f.read()
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {text}")
    try:
        yield f"postgresql+psycopg2://skbass@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            prefix + [pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"],
            cwd=root,
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(root, ignore_errors=True)
