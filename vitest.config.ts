import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace.js';

// Type tests (`expectTypeOf`) live in ordinary test files; `npm test` type-checks them with tsc first.
export default defineConfig({ test: { projects } });
