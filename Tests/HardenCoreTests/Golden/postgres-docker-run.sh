docker run --detach --name postgres \
  --read-only \
  --user 999:999 \
  --cap-drop ALL \
  --security-opt no-new-privileges \
  --tmpfs /var/run/postgresql:rw,nosuid,nodev,mode=1777,size=16m \
  --tmpfs /tmp:rw,nosuid,nodev,mode=1777 \
  --volume postgres-var-lib-postgresql-data:/var/lib/postgresql/data \
  --publish 127.0.0.1:5432:5432 \
  --env PGDATA=/var/lib/postgresql/data/pgdata \
  --env POSTGRES_PASSWORD \
  postgres:16
