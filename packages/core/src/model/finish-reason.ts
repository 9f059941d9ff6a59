/**
 * Why generation stopped, normalized across providers:
 * - `stop`: natural end or a stop sequence;
 * - `length`: the output token limit was reached;
 * - `tool_calls`: the model is waiting for tool results;
 * - `content_filter`: a safety system withheld or cut the output;
 * - `error`: the provider reported a failure inside an otherwise successful response;
 * - `other`: anything a provider reports that has no unified meaning.
 */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'other';
