/** The version of @cnscd/server (kept equal to package.json by a test). */
export const SERVER_VERSION = '1.0.0';
