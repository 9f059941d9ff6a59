#!/usr/bin/env node
import { ConfigError } from '@hub/core';
import pino from 'pino';
import { parseCliArgs } from './cli/parse-cli-args.js';
import { loadGatewayConfig } from './config/load-gateway-config.js';
import { printableConfig } from './config/printable-config.js';
import { hashKey } from './security/virtual-keys.js';
import { startGateway } from './start-gateway.js';

const USAGE = `hub-gateway — an OpenAI-compatible gateway built from LLM Connector Hub

Options:
  --config <path>    hub.config.yaml or .json (env HUB_CONFIG); none: embedded default
  --port <n>         port to listen on (env PORT; default 8787)
  --print-config     print the effective configuration, secrets redacted, and exit
  --hash-key <key>   print the sha256 form of a virtual key for the config file, and exit
  --help             this text

Through pnpm, options follow a --: pnpm start -- --config hub.config.yaml`;

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2), process.env);
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (args.hashKey !== undefined) {
    console.log(hashKey(args.hashKey));
    return;
  }
  const loaded = await loadGatewayConfig(args.configPath, process.env);
  const config =
    args.port === undefined
      ? loaded.config
      : { ...loaded.config, server: { ...loaded.config.server, port: args.port } };
  if (args.printConfig) {
    console.log(JSON.stringify(printableConfig(config), null, 2));
    return;
  }
  // asynchronous writes keep the request path off blocking stdout writes; no minimum length, so
  // every line (the start-up line first) appears at once
  const logger = pino({ level: config.logging.level }, pino.destination({ dest: 1, sync: false }));
  logger.info({ source: loaded.source }, `hub-gateway starting: ${loaded.source}`);
  const gateway = await startGateway({ config, env: process.env, logger });
  logger.info(
    { url: gateway.url, routes: Object.keys(config.routes) },
    `hub-gateway listening on ${gateway.url}`,
  );
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'hub-gateway draining in-flight requests');
    gateway.close().then(
      () => {
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ error: (error as Error).message }, 'hub-gateway shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const message = ConfigError.isConfigError(error) || error instanceof Error ? error.message : String(error);
  console.error(`hub-gateway: ${message}`);
  process.exit(1);
});
