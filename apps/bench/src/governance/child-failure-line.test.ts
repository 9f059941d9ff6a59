import { describe, expect, it } from 'vitest';
import { childFailureLine } from './child-failure-line.js';

describe('childFailureLine', () => {
  it("skips the throwing source line and keeps the error's message and its cause", () => {
    const stderr = [
      '/work/packages/store-postgres/dist/index.js:16',
      '  return new ConnectorError(',
      '         ^',
      '',
      '',
      'ConnectorError: The governance database could not answer, so the call was not admitted.',
      '    at storeUnavailable (/work/packages/store-postgres/dist/index.js:16:10)',
      "  code: 'overloaded',",
      '  [cause]: Error: connect ECONNREFUSED 127.0.0.1:1',
      '      at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16)',
    ].join('\n');
    expect(childFailureLine(stderr)).toBe(
      'ConnectorError: The governance database could not answer, so the call was not admitted. (cause: Error: connect ECONNREFUSED 127.0.0.1:1)',
    );
  });

  it('reads Node error codes and falls back to the last line', () => {
    expect(childFailureLine("node:internal\n\nError [ERR_MODULE_NOT_FOUND]: Cannot find package 'x'\n")).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'x'",
    );
    expect(childFailureLine('starting\nout of memory\n')).toBe('out of memory');
    expect(childFailureLine('')).toBe('no output on stderr');
  });
});
