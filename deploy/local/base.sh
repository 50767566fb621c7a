#!/usr/bin/env bash
# Build the local stand-in for the Dockerfile's base image (python:3.10-slim-bookworm) where no
# container registry can be reached: Debian bookworm from Debian's own mirror (debootstrap, the
# runtime libraries CPython links against) plus this machine's CPython 3.10 copied into /usr/local,
# which is where the official python images keep it. Then `podman import` it as $IMAGE.
#
# The root filesystem is cached as a tarball under $CACHE, named by a hash of this script, the
# suite, the mirror and the Python build, so a second run (or a fresh clone on the same machine)
# imports it in seconds instead of debootstrapping again (about 90 s).
#
# Usage: deploy/local/base.sh IMAGE PYTHON310   (run as root: debootstrap and chroot need it)
set -euo pipefail

IMAGE=${1:?image name}
PYTHON310=${2:?path to a python3.10}
SUITE=${SIGNPOST_BASE_SUITE:-bookworm}
CACHE=${SIGNPOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/signpost}
# The mirror apt already uses on this machine (deb822 or one-line sources), else Debian's CDN.
MIRROR=${SIGNPOST_DEBIAN_MIRROR:-$(
  { grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}';
    grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}'; } |
  grep -E '/debian/?$' | head -1 || true)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
# Shared libraries CPython's extension modules load (ssl, sqlite3, ctypes, uuid, bz2, lzma, zlib,
# readline, curses, expat, crypt), certificates, /etc/services and time zones. Nothing to compile.
PACKAGES=ca-certificates,netbase,tzdata,libssl3,libsqlite3-0,libffi8,libuuid1,libbz2-1.0,liblzma5,zlib1g,libreadline8,libncursesw6,libexpat1,libcrypt1

PREFIX=$("$PYTHON310" -c 'import sys; print(sys.base_prefix)')
PYVERSION=$("$PYTHON310" -c 'import platform; print(platform.python_version())')
KEY=$( { cat "$0"; echo "$SUITE $MIRROR $PACKAGES $PYVERSION"; sha256sum "$PREFIX/bin/python3.10"; } |
  sha256sum | cut -c1-16)
TARBALL=$CACHE/base-$SUITE-py$PYVERSION-$KEY.tar

if podman image exists "$IMAGE" &&
   [ "$(podman image inspect --format '{{index .Labels "signpost.base.key"}}' "$IMAGE" 2>/dev/null)" = "$KEY" ]; then
  echo "base image $IMAGE up to date ($KEY)"; exit 0
fi

if [ ! -f "$TARBALL" ]; then
  mkdir -p "$CACHE"
  ROOT=$(mktemp -d "$CACHE/rootfs.XXXXXX")
  trap 'rm -rf "$ROOT"' EXIT
  echo "debootstrap $SUITE from $MIRROR into $ROOT (about 90 s)"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOT" "$MIRROR" >"$ROOT.log" 2>&1 ||
    { tail -20 "$ROOT.log"; exit 1; }
  rm -f "$ROOT.log"
  # CPython 3.10 into /usr/local, as the official image lays it out (no tests, no headers, no
  # pyenv shims): the interpreter finds its prefix from where its binary is.
  mkdir -p "$ROOT/usr/local/bin" "$ROOT/usr/local/lib"
  cp -a "$PREFIX/bin/python3.10" "$ROOT/usr/local/bin/"
  cp -a "$PREFIX"/lib/libpython3.10.so* "$ROOT/usr/local/lib/"
  tar -C "$PREFIX/lib" --exclude=python3.10/test --exclude='__pycache__' \
      --exclude='python3.10/site-packages/*' --exclude=python3.10/idlelib \
      --exclude=python3.10/tkinter --exclude=python3.10/lib2to3/tests -cf - python3.10 |
    tar -C "$ROOT/usr/local/lib" -xf -
  ln -s python3.10 "$ROOT/usr/local/bin/python3"
  ln -s python3.10 "$ROOT/usr/local/bin/python"
  chroot "$ROOT" /sbin/ldconfig
  chroot "$ROOT" /usr/local/bin/python3.10 -c 'import ssl, sqlite3, ctypes, uuid, bz2, lzma, zlib, venv, ensurepip'
  # What an image does not need: package caches and lists, docs, man pages, translations.
  rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/* "$ROOT"/usr/share/doc/* \
         "$ROOT"/usr/share/man/* "$ROOT"/usr/share/locale/* "$ROOT"/var/log/*.log "$ROOT"/dev/*
  printf 'deb %s %s main\ndeb %s %s-updates main\n' "$MIRROR" "$SUITE" "$MIRROR" "$SUITE" \
    >"$ROOT/etc/apt/sources.list"
  tar -C "$ROOT" --numeric-owner -cf "$TARBALL.part" .
  mv "$TARBALL.part" "$TARBALL"
  # older tarballs of this base are superseded
  find "$CACHE" -maxdepth 1 -name "base-$SUITE-*.tar" ! -name "$(basename "$TARBALL")" -delete
fi

podman import \
  --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change "LABEL signpost.base.key=$KEY" \
  --change 'CMD ["python3"]' \
  "$TARBALL" "$IMAGE" >/dev/null
echo "base image $IMAGE imported from $TARBALL"
