FROM --platform=$BUILDPLATFORM golang:1.22-bookworm AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=${TARGETOS} GOARCH=${TARGETARCH} \
    go build -o /out/gateway ./cmd/gateway

FROM --platform=$TARGETPLATFORM alpine:3.20 AS runtime
RUN apk add --no-cache ca-certificates \
 && addgroup -g 8000 gateway \
 && adduser -D -H -u 8000 -G gateway gateway
COPY --from=build /out/gateway /usr/bin/gateway
USER gateway
EXPOSE 8443 9090
ENTRYPOINT ["/usr/bin/gateway"]
