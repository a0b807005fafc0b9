FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

# A system account with a fixed uid. Without -g, useradd still creates a group
# named "app", but -r makes it pick the gid from the system range itself: the
# gid is not 10001 and cannot be known from this file.
RUN useradd -r -u 10001 app

WORKDIR /srv/app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .

USER app
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "app.wsgi:application"]
