import type { Queue } from 'bullmq';

/** Pauses and resumes the send queue globally (every worker stops taking jobs; bull-board shows it paused). */
export interface SendGate {
  pause(): Promise<void>;
  resume(): Promise<void>;
  isPaused(): Promise<boolean>;
}

export function createSendGate(queue: Queue): SendGate {
  return {
    pause: () => queue.pause(),
    resume: () => queue.resume(),
    isPaused: () => queue.isPaused(),
  };
}
