/** What one completion cost, in US dollars, computed from the provider's pricing metadata. */
export interface Cost {
  readonly inputUsd: number;
  readonly outputUsd: number;
  readonly totalUsd: number;
}
