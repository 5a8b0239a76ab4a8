import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/generate/backend/select-backend.js';

describe('backend selection', () => {
  it('fails over from absent GPU and native backends to wasm', async () => {
    const choice = await selectBackend({ forced: 'tensorflow-gpu' });
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.skipped.map((s) => s.name)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow']);
  });

  it('falls back to cpu when wasm fails too, whatever the error', async () => {
    const choice = await selectBackend({
      probes: {
        wasm: async () => {
          throw 'not even an Error';
        },
      },
    });
    expect(choice.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(choice.skipped.find((s) => s.name === 'wasm')?.reason).toBe('not even an Error');
  });

  it('throws when a strictly forced backend is absent', async () => {
    await expect(selectBackend({ forced: 'tensorflow', strict: true })).rejects.toThrow(/no tfjs backend/);
  });
});
