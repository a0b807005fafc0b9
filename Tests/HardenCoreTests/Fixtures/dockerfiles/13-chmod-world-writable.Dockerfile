FROM ubuntu:22.04
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/*

RUN mkdir -p /var/spool/jobs /srv/shared /opt/reports/out \
 && chmod 1777 /var/spool/jobs \
 && chmod 0777 /srv/shared \
 && chgrp -R 0 /opt/reports/out \
 && chmod -R g+w /opt/reports/out

COPY report.py /opt/reports/report.py
CMD ["python3", "/opt/reports/report.py"]
