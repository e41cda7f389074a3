#!/usr/bin/env bash
# Builds the MySync image with podman from the product tarball, on a Java 17 base made from Debian's packages
# (mmdebstrap + openjdk-17-jre-headless) when no image registry is reachable.
#   deploy/container/build-image.sh [TAG]      (default mysync:<version>)
# Needs: podman, mmdebstrap (Debian packages), and `mvn package` done (deploy/dist/target/mysync-<version>/).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST=$(ls -d "$ROOT"/deploy/dist/target/mysync-*/mysync-* | head -1)
VERSION=${DIST##*/mysync-}
TAG=${1:-mysync:$VERSION}
BASE=localhost/mysync-base:bookworm-jre17
WORK=${MYSYNC_IMAGE_WORK:-$ROOT/deploy/container/target}
mkdir -p "$WORK"
if ! podman image exists "$BASE"; then
  echo "Making the base image $BASE from Debian packages (mmdebstrap, openjdk-17-jre-headless)"
  mmdebstrap --variant=apt --include=openjdk-17-jre-headless,ca-certificates \
    --dpkgopt=path-exclude=/usr/share/doc/* --dpkgopt=path-exclude=/usr/share/locale/* \
    bookworm "$WORK/base.tar" >"$WORK/mmdebstrap.log" 2>&1 || { tail -20 "$WORK/mmdebstrap.log"; exit 1; }
  podman import --change 'ENV LANG=C.UTF-8' "$WORK/base.tar" "$BASE" >/dev/null
fi
podman build --quiet --build-arg BASE="$BASE" -f "$ROOT/deploy/container/Containerfile" -t "$TAG" "$DIST"
echo "Built $TAG ($(podman image inspect --format '{{.Size}}' "$TAG") bytes) on $BASE"
