#!/usr/bin/env bash
# Installs what building and rendering need, when it is missing:
# libclang and a C++ compiler (RocksDB's bindings), Graphviz and a CJK font
# (diagrams with Chinese labels), python3 (the gold scorer). Uses apt-get
# where available; otherwise says exactly what to install.
set -euo pipefail

missing=()
have_libclang() {
  ls /usr/lib/llvm-*/lib/libclang*.so* /usr/lib/x86_64-linux-gnu/libclang*.so* /usr/lib/aarch64-linux-gnu/libclang*.so* >/dev/null 2>&1
}
have_libclang || missing+=(libclang-dev clang)
command -v c++ >/dev/null 2>&1 || missing+=(g++)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v python3 >/dev/null 2>&1 || missing+=(python3)

if ((${#missing[@]} == 0)); then
  exit 0
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "tupu needs Rust (cargo): see https://rustup.rs" >&2
fi
if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "please install: ${missing[*]} (Debian package names)" >&2
  exit 2
fi
