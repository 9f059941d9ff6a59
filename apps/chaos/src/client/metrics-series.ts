/** What one scrape of `/metrics` returned. */
export interface MetricsScrape {
  /** Samples (lines that are not comments): one per series in the exposition. */
  readonly series: number;
  /** Size of the exposition in bytes. */
  readonly bytes: number;
  /** Values of `label` across every sample that has it, each once. */
  labelValues(label: string): Set<string>;
  /** The value of the sample `name{labels}` (labels as written, e.g. `component="cache"`). */
  value(name: string, labels: string): number | undefined;
}

/** Scrapes the gateway's `/metrics` (Prometheus text exposition). */
export async function scrapeMetrics(gatewayUrl: string): Promise<MetricsScrape> {
  const response = await fetch(`${gatewayUrl}/metrics`, { signal: AbortSignal.timeout(60_000) });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  const text = await response.text();
  const samples = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  return {
    series: samples.length,
    bytes: Buffer.byteLength(text),
    labelValues(label) {
      const pattern = new RegExp(`[{,]${label}="((?:[^"\\\\]|\\\\.)*)"`);
      const values = new Set<string>();
      for (const sample of samples) {
        const match = pattern.exec(sample);
        if (match?.[1] !== undefined) values.add(match[1]);
      }
      return values;
    },
    value(name, labels) {
      const prefix = `${name}{${labels}} `;
      const sample = samples.find((line) => line.startsWith(prefix));
      return sample === undefined ? undefined : Number(sample.slice(prefix.length));
    },
  };
}
