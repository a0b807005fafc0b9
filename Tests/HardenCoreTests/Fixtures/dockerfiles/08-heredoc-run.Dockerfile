# syntax=docker/dockerfile:1
FROM ubuntu:24.04

RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends ca-certificates python3
rm -rf /var/lib/apt/lists/*
groupadd -g 2000 worker
useradd -u 2000 -g worker -M -s /usr/sbin/nologin worker
mkdir -p /var/lib/worker/queue /var/log/worker
chown -R worker:worker /var/lib/worker /var/log/worker
EOF

COPY <<EOF /etc/worker/worker.toml
[queue]
path = "/var/lib/worker/queue"

[log]
dir = "/var/log/worker"
EOF

COPY --chmod=0755 worker.py /usr/local/bin/worker
USER worker
CMD ["/usr/local/bin/worker"]
