import { Counter, Gauge, type Registry } from 'prom-client';
import type { Governance } from './governance.js';

const PREFIX = 'hub_governance_';

/**
 * Exposes governance on `/metrics`, read from the store and the gateway's counters at each scrape
 * (nothing is counted twice, nothing runs between scrapes). Every label set is fixed. The one to
 * alert on is `hub_governance_ledger_dropped_entries_total`: spend that was not recorded, because
 * the ledger buffer (bounded) filled while the database was unreachable; the buffer's size is
 * `hub_governance_ledger_buffered_entries`.
 */
export function registerGovernanceMetrics(registry: Registry, governance: Governance): void {
  const { store, counters } = governance;
  const registers = [registry];
  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({
      name: `${PREFIX}${name}`,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  };
  const counter = (
    name: string,
    help: string,
    read: () => Readonly<Record<string, number>>,
    label?: string,
  ) => {
    new Counter({
      name: `${PREFIX}${name}`,
      help,
      registers,
      labelNames: label === undefined ? [] : [label],
      collect() {
        this.reset();
        for (const [value, count] of Object.entries(read())) {
          if (label === undefined) this.inc(count);
          else this.inc({ [label]: value }, count);
        }
      },
    });
  };

  gauge(
    'ledger_buffered_entries',
    'Ledger writes waiting to be flushed to the database.',
    () => store.stats().bufferedEntries,
  );
  gauge('key_cache_size', 'Database key lookups cached by this replica.', () => store.stats().keyCacheSize);
  gauge('change_notifications_listening', '1 while key and team change notifications are received.', () =>
    store.stats().listening ? 1 : 0,
  );
  counter(
    'ledger_dropped_entries_total',
    'Ledger writes dropped because the buffer was full: spend not recorded.',
    () => ({
      all: store.stats().droppedEntries,
    }),
  );
  counter('ledger_flushed_entries_total', 'Ledger rows written.', () => ({
    all: store.stats().flushedEntries,
  }));
  counter('ledger_flush_failures_total', 'Ledger flushes that failed and were retried.', () => ({
    all: store.stats().flushFailures,
  }));
  counter(
    'unchecked_admissions_total',
    'Calls admitted without a budget check because the database could not answer (failMode open).',
    () => ({ all: store.stats().uncheckedAdmissions }),
  );
  counter(
    'unavailable_refusals_total',
    'Calls refused because the database could not answer (failMode closed, or an uncached key).',
    () => ({ all: store.stats().unavailableRefusals }),
  );
  counter(
    'expired_reservations_total',
    'Reservations charged at their estimate because they were never settled (a replica died).',
    () => ({ all: store.stats().expiredReservations }),
  );
  counter(
    'authentication_refusals_total',
    'Calls refused with 401, by reason.',
    () => counters.authenticationRefusals,
    'reason',
  );
  counter(
    'budget_refusals_total',
    'Reservations refused, by reason.',
    () => counters.budgetRefusals,
    'reason',
  );
  counter(
    'rate_limited_total',
    'Calls refused by a database key or team requests or tokens per minute, by scope.',
    () => counters.rateLimited,
    'scope',
  );
  counter(
    'late_overrun_writes_total',
    'Calls that cost more than their estimate and were answered before their ledger write completed.',
    () => ({ all: counters.lateOverrunWrites }),
  );
  counter('price_lookup_failures_total', 'Provider catalogs that could not be read for an estimate.', () => ({
    all: counters.priceLookupFailures,
  }));
}
