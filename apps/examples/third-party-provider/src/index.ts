export { type AcmeConfig, acmeConfig } from './acme-config.js';
export { acme } from './acme-plugin.js';
export { createAcmeProvider } from './acme-provider.js';
