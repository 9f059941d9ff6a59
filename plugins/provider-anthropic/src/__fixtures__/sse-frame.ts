/** One server-sent event in Anthropic's framing: `event: <type>`, `data: <json>`, blank line. */
export function sseFrame(type: string, data: object = { type }): string {
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}
