/**
 * A peer for `npm run bench`: the benchmark's 12 criteria (`bench/criteria.ts`) translated once, by hand,
 * into JSON Logic and run by json-logic-engine's `build()` mode (which compiles each rule into a JavaScript
 * function with `new Function`: the speed cnscd's fast mode is compared with, without generating code).
 *
 * It reads the same precomputed facts as the hand-written scorer (`HandFacts`), with the parameters
 * resolved at the evaluation date inlined as constants (cnscd resolves them when it compiles the set too).
 * Each criterion is one rule giving its points; the sum, percent and rating are computed as the
 * hand-written scorer computes them, so the peer times the criteria, not a different way of totalling.
 * A devDependency, used only here.
 */
import { LogicEngine } from 'json-logic-engine';
import { clean as round } from '../packages/core/src/internal/numbers.js';
import { handTotals, type HandFacts, type HandParams, type HandResult } from './hand-written.js';

type Rule = Record<string, unknown>;

const v = (path: string): Rule => ({ var: path });
const gte = (path: string, n: number): Rule => ({ '>=': [v(path), n] });
/** Present: JSON Logic's loose `!=` treats undefined as null. */
const isNumber = (path: string): Rule => ({ '!=': [v(path), null] });

/** `min(max(actual / target, 0), 1) × max`, 0 without a value or below the floor. */
function ratio(path: string, target: number, max: number, floor?: number): Rule {
  const value: Rule = { '*': [{ min: [{ max: [{ '/': [v(path), target] }, 0] }, 1] }, max] };
  const guarded: Rule = floor === undefined ? value : { if: [{ '<': [v(path), floor] }, 0, value] };
  return { if: [isNumber(path), guarded, 0] };
}

/** Points by the highest step reached; steps in increasing order. */
function steps(path: string, table: readonly (readonly [number, number])[]): Rule {
  const args: unknown[] = [];
  for (const [min, points] of [...table].reverse()) args.push(gte(path, min), points);
  args.push(0);
  return { if: args };
}

/** The 12 rules, in the set's order, with the parameters' values on the evaluation date. */
export function jsonLogicRules(p: HandParams): { readonly points: readonly Rule[]; readonly reportingApplies: Rule } {
  return {
    reportingApplies: gte('monthsExpected', 6),
    points: [
      { if: [{ and: [gte('memberCount', p.minMembers), { '<=': [v('memberCount'), 9] }] }, 10, 0] },
      { if: [{ and: [{ '===': [v('leaderCount'), 1] }, gte('deputyCount', 1)] }, 8, 0] },
      {
        if: [
          {
            or: [
              gte('affiliations.youthUnion', 1),
              gte('affiliations.areaPolice', 1),
              { and: [gte('affiliations.villageHead', 1), gte('affiliations.womensUnion', 1)] },
            ],
          },
          8,
          0,
        ],
      },
      { if: [{ '===': [v('onlineGroup'), true] }, 4, 0] },
      // A missing figure fails `lessThan`, as in cnscd and json-rules-engine.
      {
        if: [
          {
            '!': {
              or: [{ '<': [v('tasksActive'), 2] }, { and: [isNumber('activity.householdsVisited'), { '<': [v('activity.householdsVisited'), 60] }] }],
            },
          },
          6,
          0,
        ],
      },
      { if: [gte('monthsExpected', 6), ratio('reportingRate', p.reportingTarget, 10), 0] },
      ratio('trainedMemberShare', 0.8, 8, 0.3),
      steps('tasks.publicServices', [
        [60, 4],
        [150, 8],
        [300, 12],
      ]),
      ratio('activity.vneidLevel2Activations', p.vneidTarget, 8),
      steps('activity.paymentAccountsOpened', [
        [10, 3],
        [25, 6],
        [50, 8],
      ]),
      steps('tasks.cyberSafety', [
        [20, 2],
        [60, 4],
        [120, 6],
      ]),
      ratio('coverage.onlinePublicServices', p.opsTarget, 12, 0.2),
    ],
  };
}

/** A scorer with every rule built (compiled by json-logic-engine) once. */
export function jsonLogicScorer(p: HandParams): (facts: HandFacts) => HandResult {
  const engine = new LogicEngine();
  const rules = jsonLogicRules(p);
  const fns = rules.points.map((rule) => engine.build(rule) as (data: unknown) => number);
  const applies = engine.build(rules.reportingApplies) as (data: unknown) => boolean;
  const k = fns.length;
  return (facts) => {
    const points: number[] = new Array(k);
    for (let i = 0; i < k; i++) points[i] = round(fns[i]!(facts));
    return handTotals(points, applies(facts) === true);
  };
}
