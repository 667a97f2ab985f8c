# gongwen serve in a container: a static binary (musl) on an empty image, as a non-root user.
# The fonts, templates and web page are inside the binary; nothing else is needed.
#   docker build -t gongwen .
#   docker run -p 8080:8080 -e GONGWEN_TOKEN="$(openssl rand -hex 16)" gongwen
FROM rust:1-bookworm AS build
RUN rustup target add x86_64-unknown-linux-musl \
    && apt-get update && apt-get install -y --no-install-recommends musl-tools \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --locked --release --target x86_64-unknown-linux-musl \
    && cp target/x86_64-unknown-linux-musl/release/gongwen /gongwen

FROM scratch
COPY --from=build /gongwen /gongwen
# nobody: no shell, no home, no files of its own to write (every request carries its input).
USER 65534:65534
EXPOSE 8080
# Listening beyond the container's loopback needs the token: give GONGWEN_TOKEN at `docker run`.
ENTRYPOINT ["/gongwen", "serve", "--addr", "0.0.0.0:8080", "--no-system-fonts"]
