// Progress display for long command-line work: a cli-progress bar on a terminal, one line per stage
// (with its time) in logs and CI.
import cliProgress from 'cli-progress';

export interface Progress {
  /** Starts a stage (ending the one before) or updates its counter. */
  update(stage: string, done: number, total: number): void;
  /** Ends the last stage; returns each stage's seconds. */
  finish(): Record<string, number>;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY);
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          stream,
          format: '{stage} [{bar}] {percentage}% | {value}/{total} | {duration}s',
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const times: Record<string, number> = {};
  let current = '';
  let startedAt = 0;

  const end = () => {
    if (!current) return;
    const s = (performance.now() - startedAt) / 1000;
    times[current] = Math.round(s * 100) / 100;
    if (bar) bar.stop();
    stream.write(`${tty ? '' : '  '}${current}: ${s.toFixed(1)} s\n`);
  };

  return {
    update(stage, done, total) {
      if (stage !== current) {
        end();
        current = stage;
        startedAt = performance.now();
        bar?.start(Math.max(total, 1), done, { stage: stage.padEnd(13) });
      }
      if (bar) {
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { stage: stage.padEnd(13) });
      }
    },
    finish() {
      end();
      current = '';
      return times;
    },
  };
}
