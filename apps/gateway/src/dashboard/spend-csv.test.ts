import { describe, expect, it } from 'vitest';
import { spendCsv } from '../../ui/src/spend-csv.js';

const row = (group: string, name: string) => ({
  group,
  name,
  requests: 3,
  errors: 1,
  inputTokens: 10,
  outputTokens: 5,
  costUsd: 0.25,
});

describe('the Spend page’s CSV', () => {
  it('writes a header and one RFC 4180 line per row', () => {
    expect(spendCsv('model', [row('openai/gpt-4o-mini', 'openai/gpt-4o-mini')])).toBe(
      'model,name,requests,errors,input_tokens,output_tokens,cost_usd\r\nopenai/gpt-4o-mini,openai/gpt-4o-mini,3,1,10,5,0.25\r\n',
    );
    expect(spendCsv('key', [row('k1', 'a "quoted", name')])).toContain('k1,"a ""quoted"", name",3');
  });

  it('never lets a key or team name run as a spreadsheet formula', () => {
    const csv = spendCsv('team', [
      row('t1', '=HYPERLINK("http://x")'),
      row('t2', '+1'),
      row('t3', '@SUM(A1)'),
    ]);
    expect(csv).toContain(`t1,"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain("t2,'+1,");
    expect(csv).toContain("t3,'@SUM(A1),");
  });
});
