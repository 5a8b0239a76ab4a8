import { Presets, SingleBar } from 'cli-progress';

/** A labelled progress bar on stderr, so stdout stays for results; redrawn every 2 s when stderr is not a terminal (CI logs). */
export function progressBar(label: string, total: number): { update(n: number): void; stop(): void } {
  const bar = new SingleBar(
    {
      format: `${label.padEnd(22)} [{bar}] {value}/{total} {percentage}% | {duration_formatted}`,
      hideCursor: true,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0);
  return {
    update: (n) => bar.update(Math.min(n, Math.max(total, 1))),
    stop: () => bar.stop(),
  };
}
