import type { GatewayEndpoint } from './gateway-endpoint.js';

/** An endpoint the gateway load is sent to. */
export interface GatewayTarget {
  /** `direct`, `hub-gateway` or `portkey`. */
  readonly name: string;
  /** What is called (the path and body follow from it). */
  readonly endpoint: GatewayEndpoint;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Headers of every request (authorization, Portkey's routing headers). */
  readonly headers: Readonly<Record<string, string>>;
  /** The `model` field of the body. */
  readonly model: string;
  /** The serving process, whose CPU per request is read from `/proc` (the upstream for `direct`). */
  readonly serverPid?: number;
}
