ARG PYTHON_VERSION=3.12
ARG FLAVOR=slim
FROM python:${PYTHON_VERSION}-${FLAVOR}

ARG APP_UID=10001
ARG APP_GID=10001
RUN groupadd --gid "${APP_GID}" svc \
 && useradd --uid "${APP_UID}" --gid svc --no-create-home --shell /usr/sbin/nologin svc

COPY . /opt/svc
WORKDIR /opt/svc
RUN pip install --no-cache-dir .

USER ${APP_UID}:${APP_GID}
EXPOSE 8000
CMD ["python", "-m", "svc"]
