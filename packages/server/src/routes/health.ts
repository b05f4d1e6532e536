/**
 * `GET /health` (liveness: the process answers) and `GET /ready` (readiness: 503 once shutdown began, so
 * a load balancer stops sending traffic while requests in flight finish).
 */
import type { FastifyInstance } from 'fastify';
import type { CnscdState } from '../app.js';
import { HttpProblem, item } from '../problems.js';
import { bodyErrorResponses, healthSchema, malformedRequestResponse } from '../schemas/index.js';

export async function healthRoutes(app: FastifyInstance, opts: { state: CnscdState }): Promise<void> {
  const { state } = opts;
  app.get(
    '/health',
    {
      schema: { tags: ['operations'], operationId: 'getHealth', summary: 'Liveness', response: { 200: healthSchema, 400: malformedRequestResponse } },
      // Liveness stays 200 under pressure: a busy process is alive, and restarting it would not help.
      config: { rateLimit: false, pressureHandler: () => undefined },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/ready',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getReadiness',
        summary: 'Readiness (503 while shutting down)',
        response: { 200: healthSchema, 400: malformedRequestResponse, 503: bodyErrorResponses[503] },
      },
      config: { rateLimit: false },
    },
    async () => {
      if (state.draining) {
        throw new HttpProblem('SHUTTING_DOWN', 'The service is shutting down.', [
          item('SHUTTING_DOWN', '', { vi: 'Dịch vụ đang dừng.', en: 'The service is shutting down.' }),
        ]);
      }
      return { status: 'ready' };
    },
  );
}
