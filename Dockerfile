FROM python:3.13-slim
# ML Career Guide under gunicorn (gunicorn.conf.py), as `make serve` runs it. Build and
# run with compose.yaml, or alone on SQLite in the /data volume:
#   docker build -t ml-career-guide .
#   docker run -e DJANGO_SECRET_KEY=… -e DJANGO_SITE_URL=https://… -p 127.0.0.1:8000:8000 -v careerguide-data:/data ml-career-guide

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    DJANGO_DEBUG=false \
    DJANGO_DB_PATH=/data/db.sqlite3 \
    DJANGO_MEDIA_ROOT=/data/media

WORKDIR /app

# The site runs as this user, never as root; only /data (the SQLite database when no
# DATABASE_URL is given, and the roles' preview images) is writable by it.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin careerguide \
    && mkdir /data && chown careerguide /data

# Installed from pyproject.toml, editable as `make` installs it: the settings look for
# templates/, static/ and fixtures/ beside the code, in /app.
COPY pyproject.toml README.md ./
COPY careerguide/ careerguide/
COPY careers/ careers/
RUN pip install --no-cache-dir --editable .

COPY manage.py gunicorn.conf.py docker-entrypoint.sh ./
COPY templates/ templates/
COPY static/ static/
COPY fixtures/ fixtures/

# Hashed, compressed static files, made once here; whitenoise serves them. The key only
# lets Django start for this command and is not in the running image's environment.
RUN DJANGO_SECRET_KEY=collectstatic-only-not-a-secret \
    python manage.py collectstatic --noinput --verbosity 0

USER careerguide
EXPOSE 8000
VOLUME ["/data"]

# Migrations, the seed and the preview images at every start (all safe to repeat), then gunicorn.
ENTRYPOINT ["./docker-entrypoint.sh"]
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
