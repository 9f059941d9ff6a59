/** What the CSV needs of a spend row (the page's `SpendRow`); no import, so the tests can load it in Node. */
interface SpendCsvRow {
  readonly group: string;
  readonly name: string;
  readonly requests: number;
  readonly errors: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

// a cell a spreadsheet would run as a formula starts with one of these: quote it as text
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The spend table as CSV (RFC 4180, header row first), safe to open in a spreadsheet. */
export function spendCsv(groupBy: string, rows: readonly SpendCsvRow[]): string {
  const header = [groupBy, 'name', 'requests', 'errors', 'input_tokens', 'output_tokens', 'cost_usd'];
  const lines = rows.map((row) =>
    [row.group, row.name, row.requests, row.errors, row.inputTokens, row.outputTokens, row.costUsd]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
