/**
 * Process-wide counters for guardrail outcomes, exported so the metrics endpoint can publish them
 * (e.g. as prom-client gauges) without this module depending on a metrics library.
 */
export interface GenerationCounters {
  /** Candidates a guardrail rejected before they were chosen, by rule. */
  candidateRejections: Record<string, number>;
  /** Whole emails handed to the fallback generator, by reason (rule or error). */
  fallbacks: Record<string, number>;
  /** Emails returned, by the generator that wrote them. */
  outputs: Record<string, number>;
  /** Emails no generator could write within the guardrails. */
  failures: number;
}

const counters: GenerationCounters = { candidateRejections: {}, fallbacks: {}, outputs: {}, failures: 0 };

function bump(table: Record<string, number>, key: string, by = 1): void {
  table[key] = (table[key] ?? 0) + by;
}

export function countCandidateRejection(rule: string): void {
  bump(counters.candidateRejections, rule);
}

export function countFallback(reason: string): void {
  bump(counters.fallbacks, reason);
}

export function countOutput(generator: string): void {
  bump(counters.outputs, generator);
}

export function countFailure(): void {
  counters.failures += 1;
}

/** A copy of the counters. */
export function countersSnapshot(): GenerationCounters {
  return structuredClone(counters);
}

export function resetCounters(): void {
  counters.candidateRejections = {};
  counters.fallbacks = {};
  counters.outputs = {};
  counters.failures = 0;
}
