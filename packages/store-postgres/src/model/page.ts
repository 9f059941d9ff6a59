/** One page of a listing, in creation order. */
export interface Page<Item> {
  readonly items: readonly Item[];
  /** Pass as `after` for the next page; undefined on the last page. */
  readonly nextCursor: string | undefined;
}

/** Paging of `listTeams` and `listKeys`. */
export interface PageQuery {
  /** 1–1,000; default 100. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly after?: string;
}

/** What `listKeys` takes. */
export interface KeyListQuery extends PageQuery {
  /** Only the keys of this team. */
  readonly teamId?: string;
  /** `false` leaves revoked keys out; default true (all keys). */
  readonly includeRevoked?: boolean;
}
