import { randomUUID } from 'node:crypto';

/**
 * A tool call id for a call the provider sent without one, unique across a conversation (the AI
 * SDK matches results to calls by id).
 */
export const generatedToolCallId = (): string => `hub-call-${randomUUID()}`;

/**
 * A tool call's input as the AI SDK wants it: JSON text. A model that called a tool without
 * arguments sent nothing, which means an empty object.
 */
export const toolInput = (argumentsText: string): string =>
  argumentsText.trim() === '' ? '{}' : argumentsText;
