# WORKDIR under a non-root USER: BuildKit creates the missing directory owned by that user.
FROM gcr.io/distroless/static:nonroot
COPY tally /bin/tally
WORKDIR /tally
ENTRYPOINT ["/bin/tally", "--data=/tally"]
