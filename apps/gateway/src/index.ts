// The public API of @hub/gateway, listed explicitly: what an application (or the chaos suite)
// needs to run the gateway in its own process, configured exactly as the CLI would be.

export type { GatewayConfig, GatewayProviderConfig, GatewayRouteConfig } from './config/gateway-config.js';
export {
  type LoadedGatewayConfig,
  loadGatewayConfig,
  validateGatewayConfig,
} from './config/load-gateway-config.js';
export { type RunningGateway, type StartGatewayOptions, startGateway } from './start-gateway.js';
