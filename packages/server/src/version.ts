/**
 * The version of @cnscd/server (kept equal to package.json by a test).
 *
 * @example
 * ```ts
 * console.log(`cnscd ${SERVER_VERSION}`);
 * ```
 */
export const SERVER_VERSION = '2.0.0';
