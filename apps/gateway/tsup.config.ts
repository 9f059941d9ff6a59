import { defineConfig } from 'tsup';

/**
 * The gateway as a program: `src/main.ts` bundled into `dist` together with the `@hub/*`
 * packages it is built from (devDependencies, so tsup bundles them), which makes the tarball
 * installable on its own (`npm install -g`) and the cold start a handful of files. Third-party
 * dependencies stay in `node_modules`; providers, Redis and YAML stay lazy (split into chunks
 * loaded on first use). `dist/main.js` keeps its shebang. No declarations: a program, not a
 * library.
 */
export default defineConfig({
  entry: ['src/main.ts', 'src/index.ts'],
  format: ['esm'],
  splitting: true,
  dts: false,
  sourcemap: false,
  clean: true,
  target: 'node20',
  // optional peers of the Bedrock and Google packages, imported on first use when installed
  external: ['@aws-sdk/credential-providers', 'google-auth-library'],
  // every module lands in dist/, beside the dashboard's dist/ui (see src/dashboard/ui-assets.ts)
  define: { __GATEWAY_UI_DIR__: JSON.stringify('./ui/') },
});
