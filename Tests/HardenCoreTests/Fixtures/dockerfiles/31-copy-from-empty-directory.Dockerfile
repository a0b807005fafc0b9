# A directory made empty in a build stage and copied with --chown: writable in the final image.
FROM busybox:1.36 AS dirs
RUN mkdir -p /var/quill && mkdir -p /etc/quill && echo "mode: strict" > /etc/quill/quill.yaml && cp /dev/null /etc/quill/

FROM gcr.io/distroless/static:nonroot
COPY --from=dirs --chown=65532:65532 /var/quill /var/quill
COPY --from=dirs /etc/quill /etc/quill
COPY quill /usr/bin/quill
ENTRYPOINT ["/usr/bin/quill"]
