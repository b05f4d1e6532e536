/**
 * The small example dataset (`examples/datasets/small.json`), inlined by the build so that the published
 * server carries it: Swagger UI's example request evaluates it.
 */
import small from '../../../../examples/datasets/small.json' with { type: 'json' };

export const SMALL_DATASET: Readonly<Record<string, unknown>> = small;
