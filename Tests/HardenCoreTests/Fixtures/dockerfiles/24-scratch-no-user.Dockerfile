# A static binary on scratch with no USER: it runs as root and has no account; nobody is the convention.
FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/relay ./cmd/relay

FROM scratch
COPY --from=build /out/relay /relay
EXPOSE 7000
ENTRYPOINT ["/relay"]
