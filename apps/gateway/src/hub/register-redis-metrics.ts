import { Counter, Gauge, type Registry } from 'prom-client';
import type { RedisComponent, RedisComponentCounters } from './redis-component.js';

// each counter of `RedisComponentCounters`, by metric name; a part without it exports no sample
const COUNTERS: readonly (readonly [string, keyof RedisComponentCounters, string])[] = [
  [
    'redis_failures_total',
    'failures',
    'Redis operations that did not complete (unreachable, too slow, error reply).',
  ],
  ['redis_timeouts_total', 'timeouts', 'Redis operations given up after the command timeout.'],
  [
    'redis_fail_open_admissions_total',
    'failOpenAdmissions',
    'Limit checks admitted without Redis (limitsFailMode: open).',
  ],
  [
    'redis_unavailable_refusals_total',
    'unavailableRefusals',
    'Limit checks refused without a decision from Redis (answered 429).',
  ],
  ['redis_degraded_lookups_total', 'degradedLookups', 'Cache reads answered as a miss because Redis failed.'],
  ['redis_dropped_writes_total', 'droppedWrites', 'Cache writes dropped because Redis failed.'],
];

/**
 * Exports the state of the gateway's Redis-backed parts in `registry`, read from them at scrape
 * time (nothing on the request path): `<prefix>redis_up{component}` (1 up, 0 down),
 * `<prefix>redis_state_changes_total{component,state}` and the counters of
 * `RedisComponentCounters`. The `component` label takes the three fixed values of
 * `RedisComponentName`, so the label sets are bounded.
 */
export function registerRedisMetrics(
  registry: Registry,
  components: readonly RedisComponent[],
  prefix = 'llm_hub_',
): void {
  if (components.length === 0) return;
  new Gauge({
    name: `${prefix}redis_up`,
    help: 'Whether the gateway part can reach Redis (1) or found it unreachable (0).',
    labelNames: ['component'],
    registers: [registry],
    collect() {
      for (const component of components)
        this.set({ component: component.name }, component.state() === 'up' ? 1 : 0);
    },
  });
  new Counter({
    name: `${prefix}redis_state_changes_total`,
    help: 'Transitions of a gateway part between reaching Redis (up) and not (down).',
    labelNames: ['component', 'state'],
    registers: [registry],
    collect() {
      // the parts count; the counter is rewritten from them at each scrape
      this.reset();
      for (const component of components) {
        this.inc({ component: component.name, state: 'down' }, component.transitions.down);
        this.inc({ component: component.name, state: 'up' }, component.transitions.up);
      }
    },
  });
  for (const [name, field, help] of COUNTERS) {
    const reporting = components.filter((component) => component.counters()[field] !== undefined);
    if (reporting.length === 0) continue;
    new Counter({
      name: `${prefix}${name}`,
      help,
      labelNames: ['component'],
      registers: [registry],
      collect() {
        this.reset();
        for (const component of reporting)
          this.inc({ component: component.name }, component.counters()[field] ?? 0);
      },
    });
  }
}
