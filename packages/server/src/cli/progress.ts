/**
 * A progress line on stderr for long runs, only when stderr is a terminal: a spinner, what is happening
 * and the seconds elapsed, redrawn in place and erased at the end. Elsewhere (pipes, CI, tests) it is
 * silent, so output stays plain.
 */
import type { CliStream } from './io.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A running indicator. */
export interface Progress {
  /** Change the label. */
  update(label: string): void;
  /** Erase the line and stop. */
  done(): void;
}

const silent: Progress = { update: () => undefined, done: () => undefined };

/**
 * Start an indicator if `enabled` and the stream is a TTY.
 *
 * @example
 * ```ts
 * const p = startProgress(io.stderr, 'Evaluating 75,000 teams', teams > 10_000);
 * try { await work(); } finally { p.done(); }
 * ```
 */
export function startProgress(stream: CliStream, label: string, enabled: boolean, intervalMs = 100): Progress {
  if (!enabled || stream.isTTY !== true) return silent;
  const started = Date.now();
  let frame = 0;
  let current = label;
  let finished = false;
  const draw = (): void => {
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const line = `${FRAMES[frame++ % FRAMES.length]} ${current}… ${seconds}s`;
    const width = stream.columns ?? 80;
    stream.write(`\r${line.slice(0, width - 1)}\u001b[K`);
  };
  draw();
  const timer = setInterval(draw, intervalMs);
  timer.unref();
  return {
    update(next) {
      current = next;
      draw();
    },
    done() {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      stream.write('\r\u001b[K');
    },
  };
}
