#!/bin/bash
# Runs a command with libblas.so.3 / liblapack.so.3 resolved to an OpenBLAS, for timing Debian's python3-torch
# (built with BLAS_INFO=generic: without an optimised libblas.so.3 it runs on the reference BLAS, ~15x slower
# on these matrix sizes). Uses Debian's OpenBLAS if installed, else the one nd4j-native unpacks into
# ~/.javacpp/cache (present after any DL4J run on linux-x86_64), i.e. the same BLAS build DL4J uses.
# Nothing system-wide changes. Usage: tools/torch/with-openblas.sh /usr/bin/python3 tools/torch/fashion_mnist_study.py
set -euo pipefail
lib=""
for c in /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0 \
         "$HOME"/.javacpp/cache/openblas-*-linux-x86_64.jar/org/bytedeco/openblas/linux-x86_64/libopenblas.so.0; do
  if [ -f "$c" ]; then lib=$c; break; fi
done
if [ -z "$lib" ]; then
  echo "no OpenBLAS found: apt-get install libopenblas0-pthread, or run any DL4J program once" >&2
  exit 1
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
ln -s "$lib" "$dir/libblas.so.3"
ln -s "$lib" "$dir/liblapack.so.3"
echo "BLAS: $lib" >&2
OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1} LD_LIBRARY_PATH="$dir:$(dirname "$lib")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$@"
