"""The site served as production serves it, on a throwaway database, for the scripts that
measure it from outside: `make lighthouse` (scripts/lighthouse.py) and `make bench`
(bench/). gunicorn with gunicorn.conf.py, DEBUG off, a secret key nobody keeps and a
free local port; the server is stopped by `stop()` however the caller ends."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(database, **extra):
    """DEBUG off and a secret nobody keeps, as `make serve` runs. There is no TLS proxy
    in front of this local server, so no redirect to HTTPS (browsers and Lighthouse
    count 127.0.0.1 as a secure origin). Always the embedded SQLite at `database`."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DB_PATH": str(database),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": "",
        "REDIS_URL": "",
        **extra,
    }


def manage(env, *command):
    subprocess.run(
        [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def prepare(env):
    """The database schema, the seed and the static files, as `make run` makes them."""
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_seed")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def start(env, port, workers=2):
    """gunicorn on 127.0.0.1:`port` with `workers` sync workers, quiet (its request log
    and messages would bury the caller's report); returns the process once it answers."""
    server = subprocess.Popen(
        [str(GUNICORN), "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env={
            **env,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_CONCURRENCY": str(workers),
            "DJANGO_SITE_URL": f"http://127.0.0.1:{port}",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", server)
    except BaseException:
        stop(server)
        raise
    return server


def wait_until_up(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url + "healthz", timeout=5):
                return
        except OSError:  # refused while it starts, or slow to answer on a busy machine
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {url} within {seconds} s")


def stop(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def stop_on_sigterm(signum, frame):
    # Turn a SIGTERM into SystemExit, so the caller's `finally` that stops gunicorn runs.
    raise SystemExit(128 + signum)
