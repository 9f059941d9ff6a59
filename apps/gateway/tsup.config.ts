import { defineConfig } from 'tsup';

/**
 * The gateway as a program: every source file transpiled one-to-one into `dist` (no bundle, so
 * relative paths such as the dashboard's `../../dist/ui/` mean the same from `src` and `dist`),
 * dependencies left to `node_modules`, and `dist/main.js` keeping its shebang (tsup marks it
 * executable) so the `hub-gateway` bin runs under plain `node`. Tests and their support code stay
 * out. No declarations: the gateway is a program, not a library.
 */
export default defineConfig({
  entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/test-support/**'],
  bundle: false,
  format: ['esm'],
  dts: false,
  sourcemap: false,
  clean: true,
  target: 'node20',
});
