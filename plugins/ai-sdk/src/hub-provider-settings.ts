/** Options of `createHubProvider`. */
export interface HubProviderSettings {
  /**
   * The `provider` name every model reports, as the AI SDK shows it in telemetry, logs and step
   * results. Default `hub`. Per-call options are always read from `providerOptions.hub` and
   * results always carry `providerMetadata.hub`, whatever the name.
   */
  readonly name?: string;
  /**
   * Labels added to every call's `metadata` (tenant, feature); a call's
   * `providerOptions.hub.metadata` wins key by key. Never sent to providers.
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * URLs (by media type) that the routed providers fetch themselves, so the AI SDK passes them
   * through instead of downloading them first. Default `{}`: the AI SDK downloads every URL and the
   * hub sends bytes, which every provider accepts, also after a fallback to one that cannot fetch
   * URLs. Set for example `{ 'image/*': [/^https:\/\//] }` when every target of your routes can.
   */
  readonly supportedUrls?: Readonly<Record<string, readonly RegExp[]>>;
  /**
   * Most texts `embedMany` sends in one `hub.embed` call (it splits larger batches and runs the
   * parts in parallel). Default 10,000, the hub's default `requestLimits.maxEmbeddingInputs`;
   * lower it when your hub sets a lower limit. Providers split further to fit their API.
   */
  readonly maxEmbeddingsPerCall?: number;
}
