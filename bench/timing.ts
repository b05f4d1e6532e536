/** Timing helpers shared by the benchmarks. */
import v8 from 'node:v8';
import vm from 'node:vm';

// A full collection between runs keeps one run's garbage out of the next run's timing and memory.
v8.setFlagsFromString('--expose-gc');
export const gc = vm.runInNewContext('gc') as () => void;

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
