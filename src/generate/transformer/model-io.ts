import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { Tokenizer } from '../tokenizer/tokenizer.js';
import { GptModel, type GptConfig } from './model.js';

/** What training records next to the weights. */
export interface TrainingInfo {
  seed: number;
  steps: number;
  batchSize: number;
  finalLoss: number;
  heldOutLoss?: number;
  seconds: number;
  backend: string;
}

interface ModelJson {
  format: string;
  generatedBy: string;
  convertedBy: null;
  modelTopology: { config: GptConfig };
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  userDefinedMetadata: { vocab: string[]; training?: TrainingInfo };
}

export const MODEL_FORMAT = 'mailmind-gpt/1';

/** Writes model.json + weights.bin in the tf.io weights-manifest layout. */
export async function saveModel(
  dir: string,
  model: GptModel,
  tokenizer: Tokenizer,
  training?: TrainingInfo,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { data, specs } = await tf.io.encodeWeights(
    model.namedWeights().map((w) => ({ name: w.name, tensor: w.tensor })),
  );
  const json: ModelJson = {
    format: MODEL_FORMAT,
    generatedBy: 'mailmind scripts/train-generator.ts',
    convertedBy: null,
    modelTopology: { config: model.config },
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
    userDefinedMetadata: { vocab: [...tokenizer.vocab], ...(training ? { training } : {}) },
  };
  await writeFile(join(dir, 'weights.bin'), Buffer.from(data));
  await writeFile(join(dir, 'model.json'), `${JSON.stringify(json)}\n`);
}

export interface LoadedModel {
  model: GptModel;
  tokenizer: Tokenizer;
  training?: TrainingInfo;
}

/** Loads what saveModel wrote; the model is ready to generate (syncInference done). */
export async function loadModel(dir: string): Promise<LoadedModel> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJson;
  if (json.format !== MODEL_FORMAT) throw new Error(`unsupported model format ${json.format} in ${dir}`);
  const manifest = json.weightsManifest[0];
  if (!manifest) throw new Error(`no weights manifest in ${dir}`);
  const buffers = await Promise.all(manifest.paths.map((p) => readFile(join(dir, p))));
  const all = Buffer.concat(buffers);
  const arrayBuffer = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const named = tf.io.decodeWeights(arrayBuffer, manifest.weights);
  const weights = new Map(Object.entries(named));
  const model = new GptModel(json.modelTopology.config, weights);
  for (const t of weights.values()) t.dispose();
  model.syncInference();
  const tokenizer = new Tokenizer(json.userDefinedMetadata.vocab);
  const training = json.userDefinedMetadata.training;
  return { model, tokenizer, ...(training ? { training } : {}) };
}
