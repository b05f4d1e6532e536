/**
 * `GET /v1/presets` (every preset, newest version) and `GET /v1/presets/{id}` (one preset resolved:
 * `extends` applied; with `?asOf=`, the version in force that day and its parameter values then).
 */
import { CnscdError, resolveParameters } from '@cnscd/core';
import type { FastifyInstance } from 'fastify';
import type { CnscdState } from '../app.js';
import { HttpProblem, presetNotFound } from '../problems.js';
import {
  bodyErrorResponses,
  malformedRequestResponse,
  presetListSchema,
  presetParamsSchema,
  presetQuerySchema,
  resolvedPresetSchema,
} from '../schemas/index.js';

export async function presetRoutes(app: FastifyInstance, opts: { state: CnscdState }): Promise<void> {
  const { catalog } = opts.state;

  app.get(
    '/presets',
    {
      schema: {
        tags: ['presets'],
        operationId: 'listPresets',
        summary: 'List presets (bundled and local), newest version of each',
        response: { 200: presetListSchema, 400: malformedRequestResponse, 429: bodyErrorResponses[429], 503: bodyErrorResponses[503] },
      },
    },
    async () => ({ presets: catalog.list() }),
  );

  app.get(
    '/presets/:id',
    {
      schema: {
        tags: ['presets'],
        operationId: 'getPreset',
        summary: 'One preset, resolved (extends applied)',
        description:
          '`version` picks a version (exact or a semver range); `asOf` picks the version in force on that date and adds ' +
          '`parameterValues`, the parameters as they apply then.',
        params: presetParamsSchema,
        querystring: presetQuerySchema,
        response: {
          200: resolvedPresetSchema,
          400: bodyErrorResponses[400],
          404: { description: 'No such preset or version.', content: bodyErrorResponses[400].content },
          429: bodyErrorResponses[429],
          503: bodyErrorResponses[503],
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const query = request.query as { version?: string; asOf?: string };
      let set;
      try {
        set = catalog.resolve(id, query);
      } catch (e) {
        if (e instanceof CnscdError && e.code === 'PRESET_NOT_FOUND') {
          const p = presetNotFound(
            '',
            catalog.list().map((s) => s.id),
          );
          throw new HttpProblem('PRESET_NOT_FOUND', p.message.en, [p]);
        }
        throw e;
      }
      const source = catalog.find(id, query)?.source;
      const body = query.asOf === undefined ? { ...set, source } : { ...set, source, parameterValues: resolveParameters(set, query.asOf) };
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
    },
  );
}
