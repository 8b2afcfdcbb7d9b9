#!/bin/sh
# The Docker image's start: what `make serve` runs before gunicorn (collectstatic ran when
# the image was built), then the command given (gunicorn by default).
set -eu

if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
    echo "error: DJANGO_SECRET_KEY is not set; pass a long random key that stays the same" >&2
    echo "across restarts (docker run -e DJANGO_SECRET_KEY=…, or compose's .env file)." >&2
    exit 1
fi
if [ -z "${DJANGO_SITE_URL:-}" ]; then
    echo "error: DJANGO_SITE_URL is not set; pass the site's public address, e.g." >&2
    echo "https://guide.example.org: the shortlist links advisors send are built from it." >&2
    exit 1
fi

python manage.py migrate --noinput
python manage.py load_seed
python manage.py build_preview_images
exec "$@"
