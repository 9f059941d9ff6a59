// `ConnectorError: message`, `Error [ERR_X]: message`: what Node prints for an uncaught error,
// after the source line and caret it starts with
const ERROR_LINE = /^[A-Za-z_$][\w$]*(?: \[[\w-]+\])?: \S/;
const CAUSE_LINE = /^\[cause\]: (.+)$/;

/**
 * Picks what a failed child process's stderr says went wrong: the first `Name: message` line of
 * an uncaught error, with the first `[cause]: …` line after it when there is one; failing that,
 * the last non-empty line. Node starts an uncaught error's output with the throwing source line,
 * which names nothing useful.
 *
 * @param stderr - The tail of the child's standard error.
 * @returns One line for a results table (`n/a (…)`).
 */
export function childFailureLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const errorIndex = lines.findIndex((line) => ERROR_LINE.test(line));
  if (errorIndex === -1) return lines.at(-1) ?? 'no output on stderr';
  const cause = lines
    .slice(errorIndex + 1)
    .map((line) => CAUSE_LINE.exec(line)?.[1])
    .find((text) => text !== undefined);
  return cause === undefined ? (lines[errorIndex] as string) : `${lines[errorIndex]} (cause: ${cause})`;
}
