#!/usr/bin/env bash
# Source this file before starting spd (the launcher and .ci/run do) to set the native-library variables
# that decide training speed; values the user already set are kept.
#
#   OMP_NUM_THREADS=1             ND4J's default of two threads was slower and erratic on two shared cores.
#   OMP_WAIT_POLICY=PASSIVE       with more threads, idle OpenMP threads sleep instead of spinning (spinning
#                                 threads on a loaded machine made two-thread steps 10-40x slower).
#   MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_
#                                 keep freed native memory in the process instead of faulting it in again
#                                 every step.
#   OPENBLAS_CORETYPE             ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19, which does not recognise recent
#                                 Intel processors and falls back to its slow generic (Prescott) kernels;
#                                 name the kernel family the processor supports: SkylakeX with AVX-512,
#                                 Haswell with AVX2 and FMA, nothing otherwise (OpenBLAS then decides).
# The Java class spd.runtime.device.NativeEnvironment applies the same rules.

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-1073741824}"

if [[ -z "${OPENBLAS_CORETYPE+set}" && -r /proc/cpuinfo ]]; then
  _spd_flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
  _spd_has() { local f; for f in "$@"; do [[ "$_spd_flags" == *" $f "* ]] || return 1; done; }
  if _spd_has avx512f avx512bw avx512vl avx512dq avx512cd; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif _spd_has avx2 fma; then
    export OPENBLAS_CORETYPE=Haswell
  fi
  unset -f _spd_has
  unset _spd_flags
fi
