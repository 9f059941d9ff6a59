import type { ScriptedReply } from './scripted-server.js';

/**
 * A scripted reply that never answers (the request hangs until the client gives up), and a
 * promise resolved when its request arrived: for tests of first-byte and whole-call deadlines.
 */
export function neverAnswers(): { readonly reply: ScriptedReply; readonly arrived: Promise<void> } {
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  return { reply: () => arrive(), arrived };
}
