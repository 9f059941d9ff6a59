/**
 * The thought signatures of one run of reasoning, as this package stores them in
 * `ReasoningPart.signature`.
 */
export interface GeminiSignatures {
  /**
   * The signature Gemini attached to a text or thought part; it goes back on the thought part
   * (or, for an empty reasoning part, on the text part before it).
   */
  readonly part?: string;
  /** Signatures Gemini attached to `functionCall` parts, by the tool call's id. */
  readonly calls?: Readonly<Record<string, string>>;
}

/**
 * Marks an envelope. Gemini's own signatures are base64, which never contains `:` or `{`, so a
 * raw signature can never be mistaken for an envelope.
 */
export const GEMINI_SIGNATURE_PREFIX = 'gemini-signatures:';

/**
 * Encodes the signatures of a reasoning run into one opaque string for `ReasoningPart.signature`.
 *
 * Why an envelope: the unified model keeps tool calls apart from reasoning (in
 * `AssistantMessage.toolCalls`, and at the end of a folded response's `content`), but Gemini
 * requires each `functionCall` signature back on that very call. So a call's signature travels
 * in the reasoning part emitted just before the call, keyed by the call's id. A run with only a
 * part signature is stored raw (the common case, readable by any tool that passes signatures
 * through); one with call signatures becomes `gemini-signatures:{"part":…,"calls":{id:sig}}`.
 * Stream folding keeps only the last signature of a run, so each encoding repeats the run's
 * earlier entries and the last one is complete.
 *
 * @param signatures - The run's signatures.
 * @returns The string to store, or `undefined` when there are none.
 */
export function encodeGeminiSignatures(signatures: GeminiSignatures): string | undefined {
  const calls = signatures.calls;
  const hasCalls = calls !== undefined && Object.keys(calls).length > 0;
  if (!hasCalls) return signatures.part;
  return `${GEMINI_SIGNATURE_PREFIX}${JSON.stringify({
    ...(signatures.part !== undefined && { part: signatures.part }),
    calls,
  })}`;
}

/**
 * Reads a `ReasoningPart.signature` written by `encodeGeminiSignatures`. A signature without the
 * envelope prefix is a raw part signature; a malformed envelope yields nothing rather than an
 * error, since a lost signature costs Gemini some reasoning context while a thrown error would
 * fail the whole conversation.
 *
 * @param signature - The stored signature.
 */
export function decodeGeminiSignatures(signature: string): GeminiSignatures {
  if (!signature.startsWith(GEMINI_SIGNATURE_PREFIX)) return { part: signature };
  try {
    const parsed: unknown = JSON.parse(signature.slice(GEMINI_SIGNATURE_PREFIX.length));
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { part, calls } = parsed as { part?: unknown; calls?: unknown };
    const decodedCalls: Record<string, string> = {};
    if (typeof calls === 'object' && calls !== null) {
      for (const [id, value] of Object.entries(calls))
        if (typeof value === 'string') decodedCalls[id] = value;
    }
    return { ...(typeof part === 'string' && { part }), calls: decodedCalls };
  } catch {
    return {};
  }
}
