/**
 * A full garbage collection on demand, for the one moment the CLI knows that most of its heap just died:
 * a national `cnscd evaluate` after the evaluation, when the dataset (about 450 MB of objects) is garbage
 * and the answer is about to be written. V8 starts no major collection by itself there (its old-space
 * limit has grown with the dataset), so the garbage stayed while the writing allocated on top of it, and
 * the process's peak RSS came in the writing (docs/performance.md). `--expose-gc` is set at run time, as
 * the flag only makes `gc` available to contexts made after it; nothing else about V8 changes.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined | null = null;

/**
 * Collect garbage now (a full, blocking collection); does nothing when V8 refuses the flag.
 *
 * @example
 * ```ts
 * collectGarbage(); // the dataset is unreachable: free it before writing the answer
 * ```
 */
export function collectGarbage(): void {
  if (gc === null) {
    try {
      setFlagsFromString('--expose-gc');
      const f = runInNewContext('gc') as unknown;
      gc = typeof f === 'function' ? (f as () => void) : undefined;
    } catch {
      gc = undefined;
    }
  }
  gc?.();
}
