import { describe, expect, it } from 'vitest';
import { type CpuProfile, summarizeCpuProfile } from './summarize-cpu-profile.js';

const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber });

describe('summarizeCpuProfile', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', '', -1) },
      { id: 2, callFrame: frame('(idle)', '', -1) },
      {
        id: 3,
        callFrame: frame('runPipeline', 'file:///work/main/packages/core/src/pipeline/run-pipeline.ts', 9),
      },
      {
        id: 4,
        callFrame: frame(
          'request',
          'file:///work/main/node_modules/.pnpm/undici@7.30.2/node_modules/undici/lib/api/api-request.js',
          99,
        ),
      },
      { id: 5, callFrame: frame('', 'file:///work/main/packages/core/src/pipeline/run-pipeline.ts', 0) },
      // a second node of the same function (another call path) adds up with the first
      {
        id: 6,
        callFrame: frame('runPipeline', 'file:///work/main/packages/core/src/pipeline/run-pipeline.ts', 9),
      },
    ],
    samples: [2, 3, 4, 3, 5, 6, 2],
    timeDeltas: [5000, 100, 300, 100, 50, 200, 5000],
  };

  it('sums self time per function across call paths, leaves idle out and shortens paths', () => {
    expect(summarizeCpuProfile(profile, 10)).toEqual([
      {
        location: 'runPipeline (packages/core/src/pipeline/run-pipeline.ts:10)',
        selfMs: 0.4,
        percent: (400 * 100) / 750,
      },
      { location: 'request (undici/lib/api/api-request.js:100)', selfMs: 0.3, percent: 40 },
      {
        location: '(anonymous) (packages/core/src/pipeline/run-pipeline.ts)',
        selfMs: 0.05,
        percent: (50 * 100) / 750,
      },
    ]);
  });

  it('returns only the top entries', () => {
    expect(summarizeCpuProfile(profile, 1)).toHaveLength(1);
  });
});
