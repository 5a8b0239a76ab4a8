#!/usr/bin/env bash
# On the GPU machine (see build.sh): which backend the generator picks there, then bench-generate
# per backend and batch size, side by side in one run. RUNS="webgpu 512,wasm 32" picks the runs.
set -u
OUT=${OUT:-/tmp/gpu-check}; mkdir -p "$OUT"
for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig
python3 - <<'PY'
import lzma, os, shutil
shutil.copyfileobj(lzma.open('.gpu/node.xz'), open('/tmp/node', 'wb'))
os.chmod('/tmp/node', 0o755)
shutil.copyfileobj(lzma.open('.gpu/dawn.node.xz'), open('.gpu/node_modules/webgpu/dist/linux-x64/dawn.node', 'wb'))
PY
N=/tmp/node
{ $N --version; nvidia-smi -L; nproc; ldconfig -p | grep -i libvulkan; } 2>&1 | tee "$OUT/env.txt"
echo '== backend chosen with nothing forced'
timeout 60 $N .gpu/bench-generate.mjs --select-only 2>&1 | grep -v '^\s*at ' | tee "$OUT/select.txt" | tail -1
grep -q '"selected":"webgpu"' "$OUT/select.txt" || { echo 'no WebGPU adapter: benches skipped'; exit 0; }
B="--model models/generator --emails 2000 --raw-emails 600 --cold-emails 300 --warm-emails 1000 --rounds 1"
IFS=, read -ra RUNS <<< "${RUNS:-webgpu 32,wasm 32,webgpu 128,wasm 128,webgpu 512}"
for run in "${RUNS[@]}"; do
  set -- $run
  echo "== $1, batch $2"
  timeout 150 $N .gpu/bench-generate.mjs $B --backend "$1" --batch "$2" > "$OUT/bench-$1-$2.txt" 2>&1
  grep -v '^\s*at ' "$OUT/bench-$1-$2.txt" | tail -1
done
