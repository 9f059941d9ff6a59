/** A scenario's result: its measurement, or why there is none (`n/a (reason)` in the table). */
export type Outcome<T> =
  | { readonly status: 'ok'; readonly measurement: T }
  | { readonly status: 'n/a'; readonly reason: string };
