import cliProgress from 'cli-progress';

export interface Progress {
  start(total: number, label: string): void;
  tick(n?: number): void;
  stop(): void;
}

const silent: Progress = { start: () => {}, tick: () => {}, stop: () => {} };

/** A progress bar on stderr when it is a terminal (never in pipes, logs or tests). */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return silent;
  const bar = new cliProgress.SingleBar(
    { stream, format: '{label} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    tick: (n = 1) => bar.increment(n),
    stop: () => bar.stop(),
  };
}
