/**
 * @cnscd/server — the scoring API (Fastify, OpenAPI, RFC 9457 problems) and the `cnscd` command.
 *
 * @example
 * ```ts
 * import { buildApp } from '@cnscd/server';
 * const app = await buildApp({ presetsDir: './presets' });
 * await app.listen({ host: '127.0.0.1', port: 3000 });
 * ```
 * @packageDocumentation
 */

// ── the app: build, listen, stop ─────────────────────────────────────────────
export { buildApp, REDACTED_PATHS } from './app.js';
export type { CnscdState } from './app.js';
export { gracefulShutdown, parseServeArgs, serveApp, startServer } from './serve.js';
export type { Notices, RunningServer, ServeControl, ShutdownOutcome } from './serve.js';
export { DEFAULTS, readEnv } from './config.js';
export { LOGGED_HEADERS } from './http/logging.js';
export type { AppOptions, LoggerOption, ServerOptions } from './config.js';

// ── the error model: RFC 9457 problem documents ──────────────────────────────
export { API_ERROR_CODES, HTTP_ERROR_CODES } from './codes.js';
export type { ApiErrorCode } from './codes.js';
export { HTTP_PROBLEM_CODES, HttpProblem, PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, problemDocument, statusOf } from './problems.js';
export type { HttpProblemCode, ProblemCode, ProblemDocument, ProblemItem } from './problems.js';

// ── scoring without HTTP: the same checks and evaluation as the API ──────────
export { createScoringContext } from './context.js';
export type { ScoringContextOptions } from './context.js';
export { prepareEvaluation, runEvaluation } from './pipeline.js';
export type { EvaluationRequestOptions, PreparedEvaluation, ScoringContext } from './pipeline.js';

// ── presets and plugins ──────────────────────────────────────────────────────
export { createCatalog, loadPresetsDir, parsePresetRef, PresetsDirError } from './presets.js';
export type { PresetCatalog, PresetEntry, PresetQuery, PresetSource, PresetSummary } from './presets.js';
export { loadPlugins, PluginLoadError } from './plugins.js';

// ── route schemas (also published as /openapi.json) ──────────────────────────
export { evaluationBodySchema, problemSchema, validateBodySchema } from './schemas/index.js';

// ── the command line ─────────────────────────────────────────────────────────
export { runCli, USAGE } from './cli/run.js';
export type { CliIo, CliStream } from './cli/io.js';

// ── version ──────────────────────────────────────────────────────────────────
export { SERVER_VERSION } from './version.js';
