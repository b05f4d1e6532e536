import { BUILTIN_METRICS, BUILTIN_RATIOS, type MetricDefinition, type RatioDefinition } from '@cnscd/core';

/**
 * The metrics a criteria set (resolved, with its bases) reads, split into activity and area metrics: every
 * string in it that names a metric, every activity metric of a basic task it names, and the two sides of
 * every ratio it names. A template for the set
 * gets exactly these columns.
 *
 * @example
 * ```ts
 * const { activity, area } = metricsReadBy(resolvePreset('national-2024'));
 * ```
 */
export function metricsReadBy(
  criteriaSet: unknown,
  extra: { metrics?: readonly MetricDefinition[]; ratios?: readonly RatioDefinition[] } = {},
): { activity: string[]; area: string[] } {
  const metrics = new Map([...BUILTIN_METRICS, ...(extra.metrics ?? [])].map((m) => [m.id, m]));
  const ratios = new Map([...BUILTIN_RATIOS, ...(extra.ratios ?? [])].map((r) => [r.id, r]));
  const found = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof v === 'string') {
      if (metrics.has(v)) found.add(v);
      // A basic task (`publicServices`...) named by a fact reads every activity metric of that task.
      for (const m of metrics.values()) if (m.task === v) found.add(m.id);
      const r = ratios.get(v);
      if (r) {
        found.add(r.numerator);
        found.add(r.denominator);
      }
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(criteriaSet, 0);
  const order = [...metrics.keys()];
  const sorted = [...found].filter((m) => metrics.has(m)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return {
    activity: sorted.filter((m) => metrics.get(m)!.kind === 'activity'),
    area: sorted.filter((m) => metrics.get(m)!.kind === 'area'),
  };
}
