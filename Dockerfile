# advisorbot: a static binary on a distroless, non-root base.
#   docker build --build-arg VERSION=$(git describe --always) -t advisorbot .

FROM golang:1.26-bookworm AS build
WORKDIR /src
# Modules first, so a code change does not re-download them.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# CGO off: Badger and go-openai are pure Go, so the binary runs on a base
# image with no libc. -trimpath keeps build paths out of the binary.
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/advisorbot ./cmd/advisorbot \
 && mkdir -p /out/data && chmod 0700 /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/advisorbot /advisorbot
# The runtime image has no shell to mkdir with, so the data directory is
# created in the build stage (0700: conversations are plain text) and
# handed to the non-root user; COPY keeps its mode.
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
VOLUME /data
ENV DATA_DIR=/data HTTP_ADDR=:8080
# 8080: health and metrics (keep internal); 3978: the Teams messaging endpoint.
EXPOSE 8080 3978
# No shell or curl in the image: the binary probes its own /livez.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s CMD ["/advisorbot", "healthcheck"]
ENTRYPOINT ["/advisorbot"]
CMD ["help"]
