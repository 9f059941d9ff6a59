import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { GatewayHub } from '../hub/build-gateway-hub.js';
import type { VirtualKey } from '../security/virtual-keys.js';

/** What every route handler needs, built once at start-up. */
export interface GatewayContext {
  readonly config: GatewayConfig;
  readonly gateway: GatewayHub;
  readonly keys: readonly VirtualKey[];
  readonly logger: Logger;
}
