/**
 * Entry of the self-contained GPU-check bundle (see build.sh): one tfjs-core with the wasm and
 * WebGPU backends in it, then the real bench-generate script.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// tfjs-backend-webgpu registers itself only if navigator.gpu exists when it loads, which the
// backend probe arranges first; the stub package the probe imports calls this.
(globalThis as { __mailmindRegisterWebgpu?: () => Promise<unknown> }).__mailmindRegisterWebgpu = () =>
  import('@tensorflow/tfjs-backend-webgpu');
setWasmPaths(`${join(dirname(fileURLToPath(import.meta.url)), 'wasm')}/`);

if (process.argv.includes('--select-only')) {
  const { selectBackend } = await import('../../../src/generate/backend/select-backend.js');
  const choice = await selectBackend({});
  console.log(
    JSON.stringify({ selected: choice.name, tfBackend: choice.tfBackend, skipped: choice.skipped }),
  );
  process.exit(0);
}
await import('../../bench-generate.js');
