"""One log line per request, with a request id, as key=value text on stdout.

The middleware times each request and logs its method, path (never the query string),
status and duration; it logs no headers, cookies or bodies, so no password, session or
token can reach the logs. Every record logged while a request runs (an error's traceback
included) carries the same request id, which the response returns in `X-Request-ID`.
"""

import contextvars
import json
import logging
import re
import time
import uuid

from django.core.signals import request_finished

logger = logging.getLogger("careerguide.requests")

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy's id may look like to be kept (a UUID, nginx's $request_id…); anything
# else is replaced, so no one can write odd characters or a long text into the logs.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")
# Load balancers ask every few seconds; a healthy answer is logged at DEBUG only.
QUIET_PATHS = {"/healthz"}

# Secret parts of addresses: a shortlist's token is the only key to it, so it is masked
# in every line written, the request line and Django's "Not Found"/"Gone" warnings alike.
SECRET_IN_PATH = re.compile(r"(/shortlists/)[^/\s]+")
MASKED = "[token]"

current_request_id = contextvars.ContextVar("request_id", default="-")

# The fields of a request line, in the order they are written.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms")


def mask_secrets(text):
    """`text` with any shortlist token in it replaced by [token]."""
    return SECRET_IN_PATH.sub(rf"\g<1>{MASKED}", text)


def request_id_from(request):
    """The proxy's X-Request-ID if it sent a sane one, else a new one."""
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    if SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """First in MIDDLEWARE, so it times and logs everything, redirects included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request)
        # Kept until the response is finished: Django logs a 404 after the middleware.
        current_request_id.set(request_id)
        started = time.perf_counter()
        # Django turns a view's exception into a 500 response before it gets here.
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        response[REQUEST_ID_HEADER] = request_id
        quiet = request.path in QUIET_PATHS and response.status_code < 400
        logger.log(
            logging.DEBUG if quiet else logging.INFO,
            "request",
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": mask_secrets(request.path),
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response


def forget_request_id(**kwargs):
    current_request_id.set("-")


request_finished.connect(forget_request_id, dispatch_uid="careerguide.request_log")


class RequestIdFilter(logging.Filter):
    """Stamps every record with the id of the request being served ("-" outside one),
    and masks shortlist tokens in its message."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        message = record.getMessage()
        if SECRET_IN_PATH.search(message):
            record.msg, record.args = mask_secrets(message), ()
        return True


def _value(value):
    text = str(value)
    # Bare when it cannot be misread; quoted and escaped (newlines too) otherwise.
    if text and text.isprintable() and not re.search(r'[\s"=\\]', text):
        return text
    return json.dumps(text, ensure_ascii=False)


class KeyValueFormatter(logging.Formatter):
    """time=… level=… logger=… request_id=… [method=… path=… status=… duration_ms=…]
    msg=…, one line per record; a traceback follows on the next lines."""

    def formatTime(self, record, datefmt=None):
        seconds = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        return f"{seconds}.{int(record.msecs):03d}Z"

    def format(self, record):
        fields = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
        }
        for name in REQUEST_FIELDS:
            if hasattr(record, name):
                fields[name] = getattr(record, name)
        fields["msg"] = record.getMessage()
        line = " ".join(f"{key}={_value(value)}" for key, value in fields.items())
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        if record.stack_info:
            line += "\n" + self.formatStack(record.stack_info)
        return line
