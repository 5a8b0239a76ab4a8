import { describe, expect, it } from 'vitest';
import {
  chooseArm,
  mulberry32,
  posterior,
  sampleBeta,
  type ArmStats,
} from '../../../src/evaluate/thompson.js';

describe('Thompson sampling', () => {
  it('draws Beta samples with the right mean', () => {
    const random = mulberry32(3);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += sampleBeta(3, 7, random);
    expect(sum / 20_000).toBeCloseTo(0.3, 2);
    expect(posterior({ arm: 'a', trials: 10, rewards: 4 })).toMatchObject({ alpha: 5, beta: 7 });
  });

  it('sends most traffic to the best variant within 3,000 sends (seeded simulation)', () => {
    // Known click rates per subject style; the bandit sees only clicks.
    const rates: Record<string, number> = { personal: 0.02, benefit: 0.03, curiosity: 0.06, urgency: 0.025 };
    const arms = Object.keys(rates);
    const random = mulberry32(42);
    const world = mulberry32(7);
    const stats = new Map<string, ArmStats>(arms.map((arm) => [arm, { arm, trials: 0, rewards: 0 }]));
    const lastThousand: Record<string, number> = {};
    for (let send = 0; send < 3000; send++) {
      const arm = chooseArm(arms, [...stats.values()], random);
      const s = stats.get(arm)!;
      s.trials += 1;
      if (world() < (rates[arm] ?? 0)) s.rewards += 1;
      if (send >= 2000) lastThousand[arm] = (lastThousand[arm] ?? 0) + 1;
    }
    // Over sends 2,001-3,000 the best arm (curiosity, 6%) gets at least 70% of the traffic.
    expect(lastThousand.curiosity ?? 0).toBeGreaterThanOrEqual(700);
    expect(stats.get('curiosity')!.trials).toBeGreaterThan(1500);
  });

  it('treats arms with no data as uniform and plays each sometimes', () => {
    const random = mulberry32(1);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(chooseArm(['a', 'b', 'c'], [], random));
    expect(seen).toEqual(new Set(['a', 'b', 'c']));
  });
});
