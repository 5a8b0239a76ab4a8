import { mulberry32 } from '../shared/random.js';

/** The shared seeded PRNG, re-exported so simulations and tests draw from the same generator. */
export { mulberry32 };
/**
 * Thompson sampling over Beta-Bernoulli arms (pure). Each arm's posterior is
 * Beta(1 + rewards, 1 + trials - rewards); the arm with the highest draw is played.
 */

export interface ArmStats {
  arm: string;
  trials: number;
  /** Sum of rewards in [0, 1] per trial (fractional rewards are allowed). */
  rewards: number;
}

export type Random = () => number;

function standardNormal(random: Random): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 use the boost Gamma(a+1) * U^(1/a). */
export function sampleGamma(shape: number, random: Random): number {
  if (shape < 1) {
    let u = 0;
    while (u === 0) u = random();
    return sampleGamma(shape + 1, random) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function sampleBeta(alpha: number, beta: number, random: Random): number {
  const x = sampleGamma(alpha, random);
  const y = sampleGamma(beta, random);
  return x / (x + y);
}

/** Posterior parameters of an arm under a uniform Beta(1, 1) prior. */
export function posterior(stats: ArmStats): { alpha: number; beta: number; mean: number } {
  const rewards = Math.min(Math.max(stats.rewards, 0), stats.trials);
  const alpha = 1 + rewards;
  const beta = 1 + stats.trials - rewards;
  return { alpha, beta, mean: alpha / (alpha + beta) };
}

/** Draws once from each arm's posterior and returns the arm with the highest draw. */
export function chooseArm(arms: readonly string[], stats: readonly ArmStats[], random: Random): string {
  if (arms.length === 0) throw new Error('a bandit needs at least one arm');
  const byArm = new Map(stats.map((s) => [s.arm, s]));
  let best = arms[0] as string;
  let bestDraw = -1;
  for (const arm of arms) {
    const p = posterior(byArm.get(arm) ?? { arm, trials: 0, rewards: 0 });
    const draw = sampleBeta(p.alpha, p.beta, random);
    if (draw > bestDraw) {
      best = arm;
      bestDraw = draw;
    }
  }
  return best;
}

/** Reward of one message: clicks and purchases count, opens do not (image proxies fake them). */
export const REWARD = { click: 0.5, purchase: 0.5 } as const;
