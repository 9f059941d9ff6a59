import type { RunningGateway } from '@hub/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIProvider, startChaosGateway } from '../chaos-gateway.js';
import { callChat } from '../client/call-chat.js';
import { callMessagesStream } from '../client/call-messages.js';
import type { ChatOutcome } from '../client/chat-outcome.js';
import { runPool } from '../client/run-pool.js';
import type { FaultPlan, UpstreamFault } from '../upstream/fault-plan.js';
import { createFaultyUpstream, type FaultyUpstream } from '../upstream/faulty-upstream.js';
import { answerDeltas, chatCompletionEvents } from '../upstream/openai-chat-wire.js';

// Every upstream stream is cut after each of its events in turn — by a connection reset, by a
// clean end before [DONE], by an event that is not JSON — and each cut is met through both
// client wire formats (OpenAI's /v1/chat/completions, Anthropic's /v1/messages), on a route
// with no other target and on one with a healthy second target. What must hold: a stream the
// upstream cut before its finish reason never reaches the client as a complete answer; every
// stream ends complete (the whole text, the finish, the end marker) or with the format's error
// frame or an error status: never a silent end.
const EVENTS = chatCompletionEvents('m', 'p', true).length;
// event 0 is the role, event 1 the first content: a cut after 2 events is the first that
// delivered content to the client, after which no other attempt may answer instead
const FIRST_CONTENT_CUT = 2;
// role, then the content deltas: the finish reason is the event after them
const FINISH_INDEX = 1 + answerDeltas('p').length;
const STREAM_FAULTS: readonly UpstreamFault[] = ['cut', 'ended-early', 'malformed'];

/** The fault a prompt names: `"<fault> <at> …"`, else a whole answer. */
const cutPlan: FaultPlan = ({ prompt }) => {
  const [fault, at] = prompt.split(' ');
  if (!STREAM_FAULTS.includes(fault as UpstreamFault)) return { kind: 'answer' };
  return { kind: 'fault', fault: fault as UpstreamFault, at: Number(at) };
};

let cutter: FaultyUpstream;
let healthy: FaultyUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  cutter = await createFaultyUpstream({ plan: cutPlan });
  healthy = await createFaultyUpstream({ plan: () => ({ kind: 'answer' }) });
  gateway = await startChaosGateway({
    providers: [openAIProvider('cutter', cutter.baseUrl), openAIProvider('healthy', healthy.baseUrl)],
    routes: { alone: ['cutter/gpt-4o-mini'], backed: ['cutter/gpt-4o-mini', 'healthy/gpt-4o-mini'] },
    // the cutter fails every call by design: a breaker would rightly shut it after twenty, and
    // the remaining cuts would never reach the stream code under test
    circuitBreaker: false,
  });
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all([cutter?.close(), healthy?.close()]);
});

interface Cut {
  readonly api: 'chat' | 'messages';
  readonly route: 'alone' | 'backed';
  readonly fault: UpstreamFault;
  readonly at: number;
}

const CUTS: readonly Cut[] = (['chat', 'messages'] as const).flatMap((api) =>
  (['alone', 'backed'] as const).flatMap((route) =>
    STREAM_FAULTS.flatMap((fault) => Array.from({ length: EVENTS }, (_, at) => ({ api, route, fault, at }))),
  ),
);

const callThrough = (cut: Cut, prompt: string): Promise<ChatOutcome> =>
  cut.api === 'chat'
    ? callChat(gateway.url, { model: cut.route, prompt, stream: true })
    : callMessagesStream(gateway.url, { model: cut.route, prompt });

describe('streams cut at every event index', () => {
  it('the uncut stream arrives whole through both formats', async () => {
    for (const cut of CUTS.filter((each) => each.fault === 'cut' && each.at === 0)) {
      expect(await callThrough(cut, `whole ${cut.api} ${cut.route}`), `${cut.api} ${cut.route}`).toEqual({
        kind: 'complete',
      });
    }
  });

  it('never reports a cut stream as complete, and never ends one silently', async () => {
    const outcomes = await runPool(CUTS.length, 8, (index) => {
      const cut = CUTS[index] as Cut;
      return callThrough(cut, `${cut.fault} ${cut.at} ${cut.api} ${cut.route}`);
    });
    const failures: string[] = [];
    CUTS.forEach((cut, index) => {
      const outcome = outcomes[index] as ChatOutcome;
      const name = `${cut.api} ${cut.route} ${cut.fault} after ${cut.at} events: ${JSON.stringify(outcome)}`;
      const contentSent = cut.at >= FIRST_CONTENT_CUT;
      const finishSent = cut.at > FINISH_INDEX;
      let allowed: readonly ChatOutcome['kind'][];
      // nothing reached the client: the status says what happened, or the healthy target answers
      if (!contentSent) allowed = cut.route === 'alone' ? ['error-status'] : ['complete'];
      // part of the answer reached the client: only the error frame can end it honestly
      else if (!finishSent) allowed = ['error-frame'];
      // the upstream sent the finish reason but not its end marker: either is honest
      else allowed = ['complete', 'error-frame'];
      if (!allowed.includes(outcome.kind)) failures.push(name);
    });
    expect(failures).toEqual([]);
    // every cut met the upstream (retries may add more calls, never fewer)
    expect(cutter.counts().calls).toBeGreaterThanOrEqual(CUTS.length);
  });

  it('a plain answer cut at any eighth of its body is an error status, or the other target answers', async () => {
    for (const route of ['alone', 'backed'] as const) {
      const outcomes = await runPool(8, 8, (at) =>
        callChat(gateway.url, { model: route, prompt: `cut ${at} plain ${route}`, stream: false }),
      );
      for (const [at, outcome] of outcomes.entries()) {
        const expected = route === 'alone' ? 'error-status' : 'complete';
        expect(outcome.kind, `${route} cut at ${at}/8: ${JSON.stringify(outcome)}`).toBe(expected);
      }
    }
  });
});
