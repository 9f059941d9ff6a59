export { type AcmeConfig, type AcmeOptions, acmeConfig } from './acme-config.js';
export { ACME_MODEL_CATALOG } from './acme-model-catalog.js';
export { acme } from './acme-plugin.js';
export { createAcmeProvider } from './acme-provider.js';
