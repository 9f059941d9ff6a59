import { describe, expect, it } from 'vitest';
import { parseBenchArgs, SCENARIO_GROUPS } from './bench-options.js';

describe('parseBenchArgs', () => {
  it('runs everything at full size by default', () => {
    expect(parseBenchArgs([])).toEqual({
      quick: false,
      groups: [...SCENARIO_GROUPS],
      profile: false,
      out: undefined,
      help: false,
    });
  });

  it('reads --quick, --only, --profile and --out, and skips the `--` pnpm may pass', () => {
    expect(parseBenchArgs(['--', '--quick', '--only=clients,gateway', '--profile', '--out=x.json'])).toEqual({
      quick: true,
      groups: ['clients', 'gateway'],
      profile: true,
      out: 'x.json',
      help: false,
    });
  });

  it('selects the governance group alone', () => {
    expect(parseBenchArgs(['--only=governance']).groups).toEqual(['governance']);
  });

  it('rejects unknown arguments and groups by name', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow('unknown argument "--fast"');
    expect(() => parseBenchArgs(['--only=clients,latency'])).toThrow('unknown scenario group "latency"');
  });
});
