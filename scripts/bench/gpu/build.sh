#!/usr/bin/env bash
# Builds what the GPU check needs on a bare machine with no network and no npm: .gpu/ (one
# bundle of bench-generate with tfjs, the wasm files, the `webgpu` package's Dawn binary, this
# machine's node, compressed) and .gl/ (the Vulkan and GL loaders, Debian packages). Run here,
# then on the GPU machine, from the repository root with both carried: bash scripts/bench/gpu/run.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
rm -rf .gpu && mkdir -p .gpu/wasm .gpu/node_modules/webgpu/dist/linux-x64 .gpu/node_modules/@tensorflow/tfjs-backend-webgpu
banner="import { createRequire as __cr } from 'module'; import { fileURLToPath as __fu } from 'url'; import { dirname as __dn } from 'path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);"
npx esbuild scripts/bench/gpu/bench-entry.ts --bundle --platform=node --format=esm --target=node20 \
  --outfile=.gpu/bench-generate.mjs --external:webgpu --external:@tensorflow/tfjs-node \
  --external:@tensorflow/tfjs-node-gpu --banner:js="$banner" --log-level=warning
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm .gpu/wasm/
cp node_modules/webgpu/index.js node_modules/webgpu/package.json .gpu/node_modules/webgpu/
xz -9 -T2 -c node_modules/webgpu/dist/linux-x64/dawn.node > .gpu/dawn.node.xz
# The backend probe imports tfjs-backend-webgpu by name; this stub registers the bundled copy.
echo '{"name":"@tensorflow/tfjs-backend-webgpu","version":"0.0.0-stub","type":"module","main":"index.js"}' \
  > .gpu/node_modules/@tensorflow/tfjs-backend-webgpu/package.json
echo 'await globalThis.__mailmindRegisterWebgpu?.();' > .gpu/node_modules/@tensorflow/tfjs-backend-webgpu/index.js
xz -9 -T2 -c "$(command -v node)" > .gpu/node.xz
mkdir -p .gl /tmp/amd64/partial
o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
apt-get $o update -qq
(cd .gl && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
du -sh .gpu .gl
