docker run --detach --name nginx \
  --read-only \
  --user 101:101 \
  --cap-drop ALL \
  --security-opt no-new-privileges \
  --sysctl net.ipv4.ip_unprivileged_port_start=80 \
  --tmpfs /var/cache/nginx:rw,nosuid,nodev,mode=1777 \
  --tmpfs /run:rw,nosuid,nodev,mode=1777 \
  --publish 80:80 \
  nginx:1.29
