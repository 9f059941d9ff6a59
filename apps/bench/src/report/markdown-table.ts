/**
 * One markdown table row.
 *
 * @param cells - The cells' text, already escaped where needed.
 * @returns `| a | b |`.
 */
export const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/**
 * A markdown table header: the names, then a rule with the first column left-aligned and the
 * others (figures) right-aligned.
 *
 * @param cells - The column names.
 * @returns Two lines.
 */
export const header = (cells: readonly string[]): string =>
  `${row(cells)}\n${row(cells.map((_cell, index) => (index === 0 ? '---' : '---:')))}`;
