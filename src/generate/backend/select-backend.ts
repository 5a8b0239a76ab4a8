import * as tf from '@tensorflow/tfjs-core';
import type { Logger } from '../../logger.js';

/** Backend names as configured (GENERATOR_BACKEND). */
export const BACKEND_NAMES = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Loads a backend and makes it current; resolves true on success. Any throw counts as absent. */
export type BackendProbe = () => Promise<boolean>;

export interface SelectBackendOptions {
  /** Try this one first (config GENERATOR_BACKEND); on failure the default order follows. */
  forced?: BackendName;
  /** With `forced`, fail instead of falling back. */
  strict?: boolean;
  logger?: Logger;
  /** Replace probes (tests). */
  probes?: Partial<Record<BackendName, BackendProbe>>;
}

export interface BackendChoice {
  name: BackendName;
  /** tf.getBackend() after selection ('tensorflow', 'webgpu', 'wasm', 'cpu'). */
  tfBackend: string;
  /** Why each earlier candidate was skipped. */
  skipped: { name: BackendName; reason: string }[];
}

async function activate(name: string): Promise<boolean> {
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok && tf.getBackend() === name;
}

// Module names live in variables so that neither TypeScript nor bundlers resolve optional packages.
const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';
const TFJS_NODE = '@tensorflow/tfjs-node';
const WEBGPU = 'webgpu';
const TFJS_WEBGPU = '@tensorflow/tfjs-backend-webgpu';

export const DEFAULT_PROBES: Record<BackendName, BackendProbe> = {
  'tensorflow-gpu': async () => {
    await import(TFJS_NODE_GPU);
    return activate('tensorflow');
  },
  webgpu: async () => {
    const dawn = (await import(WEBGPU)) as { create: (flags: string[]) => unknown; globals: object };
    const gpu = dawn.create([]) as { requestAdapter(): Promise<unknown> };
    const adapter = await gpu.requestAdapter();
    if (!adapter) throw new Error('no WebGPU adapter');
    Object.assign(globalThis, dawn.globals);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
    await import(TFJS_WEBGPU);
    return activate('webgpu');
  },
  tensorflow: async () => {
    await import(TFJS_NODE);
    return activate('tensorflow');
  },
  wasm: async () => {
    await import('@tensorflow/tfjs-backend-wasm');
    return activate('wasm');
  },
  cpu: async () => {
    await import('@tensorflow/tfjs-backend-cpu');
    return activate('cpu');
  },
};

/**
 * Picks the fastest backend that loads here: CUDA (tfjs-node-gpu), WebGPU (Dawn), libtensorflow
 * (tfjs-node), wasm, then the pure-JS cpu backend. Each failure is logged and skipped.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendChoice> {
  const probes = { ...DEFAULT_PROBES, ...options.probes };
  const order: BackendName[] = options.forced
    ? options.strict
      ? [options.forced]
      : [options.forced, ...BACKEND_NAMES.filter((b) => b !== options.forced)]
    : [...BACKEND_NAMES];
  const skipped: BackendChoice['skipped'] = [];
  for (const name of order) {
    try {
      if (await probes[name]()) {
        const choice = { name, tfBackend: tf.getBackend(), skipped };
        options.logger?.info(
          { backend: name, tfBackend: choice.tfBackend, skipped },
          'generator backend selected',
        );
        return choice;
      }
      skipped.push({ name, reason: 'did not activate' });
    } catch (err) {
      const reason = err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err);
      skipped.push({ name, reason });
      options.logger?.debug({ backend: name, reason }, 'generator backend unavailable');
    }
  }
  throw new Error(
    `no tfjs backend could be loaded: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`,
  );
}
