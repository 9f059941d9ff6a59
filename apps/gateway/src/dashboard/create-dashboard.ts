import type { HubOperation, Middleware } from '@hub/core';
import { dashboardObserver } from './dashboard-observer.js';
import { createLiveStats, type LiveStats } from './live-stats.js';
import { createRecentRequests, type RecentRequests } from './recent-requests.js';

/** The dashboard's in-process state, created before the hub so the hub can feed it. */
export interface Dashboard {
  /** Live statistics; register `live.collector` on the hub. */
  readonly live: LiveStats;
  /** The most recent requests (the Requests page). */
  readonly recent: RecentRequests;
  /** Register outermost on the hub: reports each settled call to `recent` and `live`. */
  readonly observer: Middleware<HubOperation>;
}

/** Creates the dashboard's state; `now` (epoch ms) is its clock, default `Date.now`. */
export function createDashboard(options: { readonly now?: () => number } = {}): Dashboard {
  const clock = options.now === undefined ? {} : { now: options.now };
  const live = createLiveStats(clock);
  const recent = createRecentRequests(clock);
  return { live, recent, observer: dashboardObserver(recent, live) };
}
