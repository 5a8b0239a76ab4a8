import type { QueueName } from '../src/queues/registry.js';
import type { JobDefinition } from '../src/queues/worker.js';
import type { PipelineDeps } from '../src/runtime/pipeline-deps.js';
import { generateJob } from './generate.job.js';
import {
  digestFanoutJob,
  trainRecommenderJob,
  trainSegmentsJob,
  weeklyDigestJob,
} from './maintenance.jobs.js';
import { profileJob } from './profile.job.js';
import { recommendJob } from './recommend.job.js';
import { sendJob } from './send.job.js';

/** Which job definitions each queue's workers run; read top to bottom, it is the pipeline in order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const JOBS_BY_QUEUE: Record<QueueName, JobDefinition<any, PipelineDeps>[]> = {
  profile: [profileJob],
  recommend: [recommendJob],
  generate: [generateJob],
  send: [sendJob],
  maintenance: [trainSegmentsJob, trainRecommenderJob, digestFanoutJob, weeklyDigestJob],
};
