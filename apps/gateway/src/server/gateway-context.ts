import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { Dashboard } from '../dashboard/create-dashboard.js';
import type { Governance } from '../governance/governance.js';
import type { GatewayHub } from '../hub/build-gateway-hub.js';
import type { VirtualKey } from '../security/virtual-keys.js';
import type { WireFormat } from '../wire/wire-format.js';
import type { GatewayTimers } from './gateway-timers.js';

/** What every route handler needs, built once at start-up. */
export interface GatewayContext {
  readonly config: GatewayConfig;
  readonly gateway: GatewayHub;
  readonly keys: readonly VirtualKey[];
  /** Database keys, budgets and the ledger, when the config has a `database` section. */
  readonly governance: Governance | undefined;
  readonly logger: Logger;
  /** The served wire formats; the first one's error shape is the default for other paths. */
  readonly formats: readonly WireFormat[];
  /** Timers of the gateway's own deadlines. */
  readonly timers: GatewayTimers;
  /** The dashboard's state and admin key; undefined when `dashboard: false`. */
  readonly dashboard?: { readonly state: Dashboard; readonly adminKey: string | undefined };
  /** Set when shutdown began: new requests are refused with 503 in their route's shape. */
  readonly lifecycle: { closing: boolean };
}
