#!/usr/bin/env bash
# Builds the MySync image with podman from the product tarball, on a Java 17 base made from Debian's packages
# (mmdebstrap + openjdk-17-jre-headless) when no image registry is reachable.
#   deploy/container/build-image.sh [--stores redis,elasticsearch] [TAG]      (default mysync:<version>)
# --stores keeps only those stores' lib/stores/NAME/ in the image (default: every store of the distribution), so a
# Redis-only image carries no Elasticsearch or HBase client.
# Needs: podman, mmdebstrap (Debian packages), and `mvn package` done (deploy/dist/target/mysync-<version>/).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST=$(ls -d "$ROOT"/deploy/dist/target/mysync-*/mysync-* | head -1)
VERSION=${DIST##*/mysync-}
STORES=
if [ "${1:-}" = "--stores" ]; then
  STORES=${2:?--stores needs a list, e.g. --stores redis,elasticsearch}
  shift 2
fi
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
CONTEXT=$DIST
if [ -n "$STORES" ]; then
  # the distribution with only the chosen stores, as hard links (no copy of the jars)
  CONTEXT="$WORK/context"
  rm -rf "$CONTEXT"
  mkdir -p "$CONTEXT/lib/stores"
  cp -al "$DIST/bin" "$DIST/conf" "$CONTEXT/"
  find "$DIST/lib" -maxdepth 1 -type f -exec cp -l {} "$CONTEXT/lib/" \;
  for store in $(echo "$STORES" | tr ',' ' '); do
    if [ ! -d "$DIST/lib/stores/$store" ]; then
      echo "--stores names '$store', which the distribution does not have (it has: $(ls "$DIST/lib/stores" | tr '\n' ' '))" >&2
      exit 2
    fi
    cp -al "$DIST/lib/stores/$store" "$CONTEXT/lib/stores/"
  done
fi
podman build --quiet --build-arg BASE="$BASE" -f "$ROOT/deploy/container/Containerfile" -t "$TAG" "$CONTEXT"
echo "Built $TAG ($(podman image inspect --format '{{.Size}}' "$TAG") bytes) on $BASE with the stores: $(ls "$CONTEXT/lib/stores" | tr '\n' ' ')"
