FROM postgres:16-alpine
ENV PGDATA=/data/postgres
COPY initdb/ /docker-entrypoint-initdb.d/
COPY postgresql.conf /etc/postgresql/postgresql.conf
CMD ["postgres", "-c", "config_file=/etc/postgresql/postgresql.conf"]
