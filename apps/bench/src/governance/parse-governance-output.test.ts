import { describe, expect, it } from 'vitest';
import { parseGovernanceOutput } from './parse-governance-output.js';

const latency = { p50Ms: 3.5, p90Ms: 8.5, p99Ms: 15.5, meanMs: 4.75 };
const result = {
  backend: 'postgres',
  concurrency: 64,
  calls: 500,
  upstreamMs: 20,
  admission: latency,
  settle: { ...latency, p50Ms: 0.012 },
  baseline: { ...latency, p50Ms: 0.003 },
  callsPerSecond: 1838.5,
};

describe('parseGovernanceOutput', () => {
  it('reads the JSON array the runner prints, ignoring earlier lines', () => {
    const stdout = `a library logged this\n${JSON.stringify([result, { ...result, upstreamMs: 0 }])}\n\n`;
    const parsed = parseGovernanceOutput(stdout);
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toEqual(result);
    expect(parsed[1]?.upstreamMs).toBe(0);
  });

  it('drops fields the report does not read', () => {
    const [parsed] = parseGovernanceOutput(JSON.stringify([{ ...result, extra: true }]));
    expect(parsed).not.toHaveProperty('extra');
  });

  it('names the field that is missing or malformed', () => {
    const { settle: _settle, ...withoutSettle } = result;
    expect(() => parseGovernanceOutput(JSON.stringify([withoutSettle]))).toThrow(
      'governance output: [0].settle is not an object',
    );
    expect(() =>
      parseGovernanceOutput(JSON.stringify([{ ...result, admission: { ...latency, p99Ms: 'slow' } }])),
    ).toThrow('[0].admission.p99Ms is not a finite number ≥ 0');
    expect(() => parseGovernanceOutput(JSON.stringify([{ ...result, backend: 'sqlite' }]))).toThrow(
      '[0].backend is not "postgres" or "pglite"',
    );
  });

  it('rejects output that is empty, not JSON or not a non-empty array', () => {
    expect(() => parseGovernanceOutput('\n')).toThrow('the runner printed nothing');
    expect(() => parseGovernanceOutput('postgres, concurrency 64: admission p50 3 ms')).toThrow(
      'the last line is not JSON',
    );
    expect(() => parseGovernanceOutput('[]')).toThrow('expected a non-empty JSON array');
    expect(() => parseGovernanceOutput(JSON.stringify(result))).toThrow('expected a non-empty JSON array');
  });
});
