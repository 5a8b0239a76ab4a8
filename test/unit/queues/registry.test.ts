import { describe, expect, it } from 'vitest';
import { JOB_REGISTRY, nextStage, PIPELINE, pipelineJobId } from '../../../src/queues/registry.js';

describe('job registry', () => {
  it('defines the pipeline order once', () => {
    expect(PIPELINE).toEqual(['profile', 'recommend', 'generate', 'send']);
    expect(nextStage('profile')).toBe('recommend');
    expect(nextStage('send')).toBeUndefined();
  });

  it('makes deterministic job ids BullMQ accepts', () => {
    const id = pipelineJobId('send', 'weekly_digest-2026-W48', '6b0a419cb7a34101fc3cbf63');
    expect(id).toBe('send__weekly_digest-2026-W48__6b0a419cb7a34101fc3cbf63');
    expect(id).not.toContain(':');
  });

  it('rejects bad payloads with a reason naming the field', () => {
    const r = JOB_REGISTRY.send.schema.safeParse({
      customerId: 'nope',
      campaign: { key: 'a:b', type: 'weekly_digest' },
      messageId: 'x',
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['customerId', 'campaign.key', 'messageId']));
  });
});
