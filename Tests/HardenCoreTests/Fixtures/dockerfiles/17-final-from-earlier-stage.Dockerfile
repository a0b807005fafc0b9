FROM python:3.12-slim AS base
ENV PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH
RUN groupadd --gid 10002 api \
 && useradd --uid 10002 --gid api --no-create-home --shell /usr/sbin/nologin api \
 && install -d -o api -g api /var/lib/api
WORKDIR /opt/api
USER api

FROM base AS build
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# The runtime stage sets no USER: it keeps "api" from the base stage.
FROM base AS runtime
COPY --from=build /opt/venv /opt/venv
COPY . .
EXPOSE 8000
CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000"]
