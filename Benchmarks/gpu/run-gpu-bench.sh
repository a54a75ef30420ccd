#!/usr/bin/env bash
# GPU figures for issue 8, in two steps (see docs/performance.md, "Running the GPU benchmark").
#
#   Benchmarks/gpu/run-gpu-bench.sh pack
#       On a build machine (this repository, .NET 10 SDK): publishes the benchmark and the Models app self-contained for
#       linux-x64 WITHOUT the CPU libtorch package (-p:ModelDslLibTorchPackage=none), adds Fashion-MNIST when installed,
#       and writes device-pkg/modeldsl-gpu-bench.tar.xz (git-ignored; about 60 MB, under the 64 MiB a device run carries).
#
#   bash Benchmarks/gpu/run-gpu-bench.sh run [device-pkg/modeldsl-gpu-bench.tar.xz]
#       On the GPU machine (no .NET needed; a Python with a CUDA PyTorch is): binds TorchSharp to that PyTorch's libtorch
#       (LD_LIBRARY_PATH and MODELDSL_LIBTORCH_DIR), prints `info`, runs the seed CNN at batch 32 and 512 on cuda next to
#       plain PyTorch (same data, same GPU), then times the 10-epoch `train fashion-cnn --device cuda`.
#       Environment: PYTHON (default python3), EXAMPLES (default 60000), REPEATS (default 3), EPOCHS (default: the
#       model's declared 10), OUT (default ./gpu-bench-out).
#
#   DEVICE=cpu LIBTORCH_DIR=<folder with libtorch.so> bash Benchmarks/gpu/run-gpu-bench.sh run [tarball]
#       Dry run on a machine without a GPU: the same steps on the CPU against the libtorch in LIBTORCH_DIR (e.g. the
#       libtorch-cpu-linux-x64 NuGet package's runtimes/linux-x64/native), so the package, the external-libtorch binding
#       and every command line are checked before device time is spent. LIBTORCH_DIR also overrides the Python torch's lib.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package_name="modeldsl-gpu-bench"

pack() {
    local root; root="$(cd "$here/../.." && pwd)"
    local stage="$root/device-pkg/$package_name"
    rm -rf "$stage" && mkdir -p "$stage/app"
    # One folder for both apps: they share the runtime and every ModelDsl/TorchSharp assembly. Invariant globalization:
    # the GPU machine need not have ICU (the apps format every number with the invariant culture anyway).
    for project in Benchmarks Models; do
        dotnet publish "$root/$project" -c Release -r linux-x64 --self-contained -p:ModelDslLibTorchPackage=none \
            -p:InvariantGlobalization=true -p:SatelliteResourceLanguages=en -p:DebugType=none -o "$stage/app" -nologo
    done
    # Without the CPU package no libtorch may be next to the app, or it would be found before the CUDA one.
    if ls "$stage/app" | grep -E '^lib(torch|c10)' >/dev/null; then
        echo "pack: CPU libtorch libraries ended up in $stage/app; refusing to package them" >&2
        exit 1
    fi
    cp "$here/run-gpu-bench.sh" "$stage/"
    # Fashion-MNIST unpacked: xz packs the raw IDX files tighter than their .gz copies, which keeps the archive under the
    # 64 MiB a device run may carry. The readers accept IDX files with or without gzip.
    local idx
    for idx in /usr/share/datasets/fashion-mnist/*-ubyte.gz; do
        [ -f "$idx" ] || continue
        mkdir -p "$stage/fashion-mnist"
        gunzip -c "$idx" > "$stage/fashion-mnist/$(basename "$idx" .gz)"
    done
    XZ_OPT="-9 -T0" tar -C "$root/device-pkg" -cJf "$root/device-pkg/$package_name.tar.xz" "$package_name"
    ls -l "$root/device-pkg/$package_name.tar.xz"
}

run() {
    local tarball="${1:-device-pkg/$package_name.tar.xz}"
    local python="${PYTHON:-python3}"
    local out; out="$(mkdir -p "${OUT:-gpu-bench-out}" && cd "${OUT:-gpu-bench-out}" && pwd)"
    local work; work="$(mktemp -d)"
    tar -C "$work" -xJf "$tarball"
    local stage="$work/$package_name"

    local device="${DEVICE:-cuda}"
    local torch_lib="${LIBTORCH_DIR:-}"
    [ -n "$torch_lib" ] || torch_lib="$("$python" -c 'import torch,os;print(os.path.dirname(torch.__file__))')/lib"
    if [ "$device" = cpu ]; then
        "$python" -c 'import torch; print("pytorch", torch.__version__, "(dry run on the CPU)")' | tee "$out/pytorch.txt"
    else
        "$python" -c 'import torch; assert torch.cuda.is_available(), "this PyTorch sees no CUDA device"; print("pytorch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))' | tee "$out/pytorch.txt"
        nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader > "$out/gpu.txt" 2>/dev/null || true
    fi

    # TorchSharp binds to whichever libtorch is loaded first: put PyTorch's (with CUDA) first, and preload it by name.
    export LD_LIBRARY_PATH="$torch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    export MODELDSL_LIBTORCH_DIR="$torch_lib"

    local data="$stage/fashion-mnist"
    [ -d "$data" ] || data=/usr/share/datasets/fashion-mnist

    "$stage/app/ModelDsl.Models" info | tee "$out/info.txt"
    "$stage/app/ModelDsl.Benchmarks" --device "$device" --only training,pytorch --cases cnn32,cnn512 --python "$python" --data "$data" \
        --examples "${EXAMPLES:-60000}" --python-examples "${EXAMPLES:-60000}" --repeats "${REPEATS:-3}" 2>&1 | tee "$out/benchmark.txt"
    local start end
    start=$(date +%s%N)
    local epochs=()
    [ -z "${EPOCHS:-}" ] || epochs=(--epochs "$EPOCHS")
    "$stage/app/ModelDsl.Models" train fashion-cnn --device "$device" "${epochs[@]}" --data "$data" --out "$out/runs" 2>&1 | tee "$out/train-fashion-cnn.txt"
    end=$(date +%s%N)
    echo "train fashion-cnn --device $device (${EPOCHS:-10} epochs, incl. start-up and data loading): $(( (end - start) / 1000000 )) ms" | tee -a "$out/train-fashion-cnn.txt"
    rm -rf "$work"
}

case "${1:-}" in
    pack) pack ;;
    run) shift; run "$@" ;;
    *) echo "usage: $0 pack | run [tarball]" >&2; exit 2 ;;
esac
