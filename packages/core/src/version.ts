/** The version of @cnscd/core, checked by plugins' `core` ranges. Kept equal to package.json by a test. */
export const CORE_VERSION = '1.1.0';
