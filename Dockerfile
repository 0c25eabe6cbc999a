# The image `mesh webhook manifests --image` asks for: mesh on Debian 12 slim, run as the non-root
# user the webhook's Deployment expects (runAsUser 65532).
#   docker build -t registry.example/mesh:0.1.0 .
# tests/package/dockerfile_test.cpp keeps this file in step with the README and the packaging.

# Build with the README's own quick-start steps.
FROM debian:12-slim AS build
WORKDIR /src
COPY scripts/ scripts/
COPY CMakeLists.txt ./
COPY libmesh/ libmesh/
COPY cli/ cli/
COPY commands/ commands/
COPY main/ main/
COPY packaging/ packaging/
COPY man/ man/
COPY completions/ completions/
RUN ./scripts/install-deps.sh && cmake -S . -B build -G Ninja -DMESH_TESTS=OFF && cmake --build build

# Run: only the shared libraries mesh links (the .deb's Depends), CA certificates, mesh itself.
FROM debian:12-slim
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends \
      libcurl4 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/mesh /usr/local/bin/mesh
RUN useradd --system --uid 65532 --no-create-home --shell /usr/sbin/nologin mesh
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/mesh"]
CMD ["--help"]
