/** An OpenAI-compatible endpoint the gateway load is sent to. */
export interface GatewayTarget {
  /** `direct`, `hub-gateway` or `portkey`. */
  readonly name: string;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** `/v1/chat/completions`. */
  readonly path: string;
  /** Headers of every request (authorization, Portkey's routing headers). */
  readonly headers: Readonly<Record<string, string>>;
  /** The `model` field of the body. */
  readonly model: string;
}
