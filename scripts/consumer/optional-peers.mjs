// Run in the scratch project before any optional peer is installed: what a user of one backend
// gets without the others' libraries, and what `require()` of an ESM-only package does.
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// the root entry of the metrics package needs neither prom-client nor @opentelemetry/api
const metrics = await import('@hub/middleware-metrics');
assert.equal(typeof metrics.costTracking, 'function');
for (const [entry, peer] of [
  ['@hub/middleware-metrics/prometheus', 'prom-client'],
  ['@hub/middleware-metrics/opentelemetry', '@opentelemetry/api'],
]) {
  const error = await import(entry).then(
    () => undefined,
    (caught) => caught,
  );
  assert.equal(error?.code, 'ERR_MODULE_NOT_FOUND', `${entry} loaded without ${peer}`);
  assert.match(error.message, new RegExp(peer.replace('/', '\\/')));
}
console.log('metrics without its optional peers: ok');

// Bedrock without @aws-sdk/credential-providers: loads, and the default credential chain fails
// with an error naming the package before any network I/O
const { createHub, ConfigError, ConnectorError } = await import('@hub/core');
const { bedrock } = await import('@hub/provider-bedrock');
const env = { ...process.env };
for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete process.env[name];
const hub = createHub({ plugins: [bedrock({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' })] });
const refused = await hub
  .complete({ model: 'aws-bedrock/anthropic.claude-3-haiku', messages: [{ role: 'user', content: 'hi' }] })
  .catch((caught) => caught);
await hub.close();
Object.assign(process.env, env);
// a ConfigError (or a ConnectorError wrapping it at the hub's boundary) naming the package; the
// endpoint is a closed port, so reaching the network would have been a different error
assert.ok(ConfigError.isConfigError(refused) || ConnectorError.isInstance(refused), `unexpected ${refused}`);
assert.match(refused.message, /optional peer dependency @aws-sdk\/credential-providers/);
console.log('bedrock without @aws-sdk/credential-providers: ok');

// ESM only: require() loads it where Node can (>= 20.19, 22.12), else fails naming the fix
const [major, minor] = process.versions.node.split('.').map(Number);
if (major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19)) {
  assert.equal(typeof require('@hub/core').createHub, 'function');
  console.log('require(@hub/core): ok');
} else {
  assert.throws(() => require('@hub/core'), { code: 'ERR_REQUIRE_ESM' });
  console.log('require(@hub/core): ERR_REQUIRE_ESM, as documented');
}
