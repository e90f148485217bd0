#!/bin/sh
# Installs the Debian packages FVP needs to build, test and demo, only those missing.
# Run as root (or with sudo available). Safe to run again: it does nothing when all are present.
set -eu

PACKAGES="
cmake make gcc g++ pkg-config python3
llvm-19-dev libelf-dev libcriterion-dev libzstd-dev zlib1g-dev
gcc-riscv64-linux-gnu gcc-aarch64-linux-gnu libc6-dev-riscv64-cross libc6-dev-arm64-cross
qemu-user qemu-system-misc qemu-system-arm opensbi
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

[ -z "$missing" ] && exit 0

echo "fvp: installing missing Debian packages:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "fvp: need root (or sudo) to install:$missing" >&2
        exit 2
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
