"""gunicorn's settings for ML Career Guide, read by `make serve` and the Docker image
(`gunicorn --config gunicorn.conf.py careerguide.wsgi`). Each can be changed by an
environment variable; the README's "Deploying" section lists them."""

import os


def _cores():
    # The cores this process may use (a container's CPU set), not the whole machine's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


wsgi_app = "careerguide.wsgi:application"

# 2 × cores + 1 sync workers (gunicorn's rule of thumb); WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * _cores() + 1)

# Local only unless told otherwise: the Docker image sets HOST=0.0.0.0.
bind = f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"

# A request that takes longer than this has its worker restarted; on a restart or
# deploy, workers get this long to finish the requests they are serving.
timeout = 30
graceful_timeout = 30
keepalive = 5

# Which proxies may say the request came over HTTPS (X-Forwarded-Proto): the proxy's
# address, or "*" when only the proxy can reach gunicorn (a private network).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"

# gunicorn's own messages (workers starting, timeouts) go to stderr. Its access log is
# off: the app logs one key=value line per request, with a request id, to stdout
# (careerguide/request_log.py). To also log requests that never reach Django, run with
# GUNICORN_CMD_ARGS="--access-logfile -" and this format:
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL") or "info"
accesslog = None
access_log_format = (
    'time=%(t)s remote=%(h)s method=%(m)s path="%(U)s" status=%(s)s '
    "duration_ms=%(M)s request_id=%({x-request-id}o)s"
)

# The workers' heartbeat files in memory, not on a container's overlay disk, where a
# slow write can make gunicorn think a healthy worker hung.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
