import type { z } from 'zod';
import {
  DigestFanoutJobSchema,
  GenerateJobSchema,
  ProfileJobSchema,
  RecommendJobSchema,
  SendJobSchema,
  TrainRecommenderJobSchema,
  TrainSegmentsJobSchema,
  WeeklyDigestJobSchema,
} from './payloads.js';

/**
 * The typed job registry: each job name maps to its queue and payload schema, so
 * `enqueue('send', data)` does not compile with the wrong payload and is validated at run time.
 */
export const JOB_REGISTRY = {
  profile: { queue: 'profile', schema: ProfileJobSchema },
  recommend: { queue: 'recommend', schema: RecommendJobSchema },
  generate: { queue: 'generate', schema: GenerateJobSchema },
  send: { queue: 'send', schema: SendJobSchema },
  'train-segments': { queue: 'maintenance', schema: TrainSegmentsJobSchema },
  'train-recommender': { queue: 'maintenance', schema: TrainRecommenderJobSchema },
  'digest-fanout': { queue: 'maintenance', schema: DigestFanoutJobSchema },
  'weekly-digest': { queue: 'maintenance', schema: WeeklyDigestJobSchema },
} as const;

export type JobName = keyof typeof JOB_REGISTRY;
export type JobPayload<N extends JobName> = z.input<(typeof JOB_REGISTRY)[N]['schema']>;
export type JobData<N extends JobName> = z.output<(typeof JOB_REGISTRY)[N]['schema']>;

/** The four per-shopper pipeline queues, in order, plus the maintenance queue for training and fan-out. */
export const PIPELINE = ['profile', 'recommend', 'generate', 'send'] as const;
export type PipelineStage = (typeof PIPELINE)[number];
export const QUEUE_NAMES = [...PIPELINE, 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function nextStage(stage: PipelineStage): PipelineStage | undefined {
  return PIPELINE[PIPELINE.indexOf(stage) + 1];
}

/** Deterministic per-shopper job id: one job per (stage, campaign, customer). BullMQ forbids ':'. */
export function pipelineJobId(stage: PipelineStage, campaignKey: string, customerId: string): string {
  return `${stage}__${campaignKey}__${customerId}`;
}
