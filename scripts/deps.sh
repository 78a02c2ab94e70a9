#!/usr/bin/env bash
# Installs what building and rendering need, when it is missing:
# libclang and a C++ compiler (RocksDB's bindings), Graphviz and a CJK font
# (diagrams with Chinese labels), python3 (the gold scorer). Uses apt-get
# where available; otherwise says exactly what to install.
set -euo pipefail

missing=()
# Any one of the places Debian puts it will do (ls of all of them failed
# whenever one was absent, so every run reinstalled). Not libclang-cpp: a
# machine can have that C++ library alone, which bindgen cannot use.
have_libclang() {
  local lib
  for lib in /usr/lib/llvm-*/lib/libclang.so* /usr/lib/llvm-*/lib/libclang-[0-9]*.so* \
    /usr/lib/*-linux-gnu/libclang.so* /usr/lib/*-linux-gnu/libclang-[0-9]*.so*; do
    [[ -e "$lib" ]] && return 0
  done
  return 1
}
have_libclang || missing+=(libclang-dev clang)
command -v c++ >/dev/null 2>&1 || missing+=(g++)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
# grep reads all of fc-list's output: with -q it could stop early, and the
# list's writer, cut off, failed the pipeline (pipefail) at random.
fc-list : family 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
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
