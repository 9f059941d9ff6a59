import { ConnectorError } from '../errors/connector-error.js';
import { findTooDeep, jsonTextTooDeep } from '../internal/json-depth.js';
import type { CompletionRequest } from './completion-request.js';
import type { Message } from './message.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-limits.js';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_STOP_SEQUENCES = 16;
const REASONING_EFFORTS: readonly string[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

function invalid(field: string, problem: string): ConnectorError {
  return new ConnectorError('invalid_request', `Invalid request: ${field} ${problem}.`, { field });
}

/** A count limit was exceeded: 413, the request is too large rather than malformed. */
function tooMany(
  field: string,
  count: number,
  limit: number,
  limitName: keyof RequestLimits,
): ConnectorError {
  return new ConnectorError(
    'invalid_request',
    `Invalid request: ${field} holds ${count} items, more than the limit of ${limit} (${limitName}).`,
    { field, status: 413 },
  );
}

/** Rejects a JSON value nested deeper than the limit, naming the innermost path it reached. */
function checkDepth(value: unknown, field: string, limits: RequestLimits): void {
  const path = findTooDeep(value, limits.maxJsonDepth);
  if (path === undefined) return;
  const at = path === '' ? field : `${field}.${path}`;
  throw new ConnectorError(
    'invalid_request',
    `Invalid request: ${field} nests deeper than ${limits.maxJsonDepth} levels (maxJsonDepth) at ${at}.`,
    { field },
  );
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a request once, at the hub's edge, before any middleware or network I/O.
 *
 * @throws ConnectorError `invalid_request` whose `field` names the first offending field
 * (`messages.2.toolCallId`) and whose message says what is wrong.
 */
export function validateRequest(
  request: CompletionRequest,
  limits: RequestLimits = DEFAULT_REQUEST_LIMITS,
): void {
  if (!isObject(request)) throw invalid('request', 'must be an object');
  if (typeof request.model !== 'string' || request.model.trim() === '') {
    throw invalid('model', 'must be a non-empty string');
  }
  validateMessages(request.messages, limits);
  validateSampling(request);
  validateTools(request, limits);
  validateResponseFormat(request, limits);
  if (request.metadata !== undefined) {
    if (!isObject(request.metadata)) throw invalid('metadata', 'must be an object of strings');
    for (const [key, value] of Object.entries(request.metadata)) {
      if (typeof value !== 'string') throw invalid(`metadata.${key}`, 'must be a string');
    }
  }
  if (request.providerParams !== undefined) {
    if (!isObject(request.providerParams))
      throw invalid('providerParams', 'must be an object keyed by provider id');
    for (const [key, value] of Object.entries(request.providerParams)) {
      if (!isObject(value)) throw invalid(`providerParams.${key}`, 'must be an object of wire fields');
      checkDepth(value, `providerParams.${key}`, limits);
    }
  }
  if (request.user !== undefined && typeof request.user !== 'string')
    throw invalid('user', 'must be a string');
  if (request.parallelToolCalls !== undefined && typeof request.parallelToolCalls !== 'boolean')
    throw invalid('parallelToolCalls', 'must be a boolean');
}

function validateMessages(messages: readonly Message[], limits: RequestLimits): void {
  if (!Array.isArray(messages) || messages.length === 0)
    throw invalid('messages', 'must be a non-empty array');
  if (messages.length > limits.maxMessages)
    throw tooMany('messages', messages.length, limits.maxMessages, 'maxMessages');
  // ids of the latest assistant turn's tool calls that no tool message answered yet
  let pending = new Set<string>();
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index] as Message;
    const field = `messages.${index}`;
    if (!isObject(message)) throw invalid(field, 'must be an object');
    if (message.role !== 'tool' && pending.size > 0) {
      throw invalid(
        field,
        `follows unanswered tool calls (${[...pending].join(', ')}); send a tool message for each first`,
      );
    }
    switch (message.role) {
      case 'system':
        if (typeof message.content !== 'string') throw invalid(`${field}.content`, 'must be a string');
        break;
      case 'user':
        validateContent(message.content, `${field}.content`, ['text', 'image'], limits);
        break;
      case 'assistant':
        validateContent(message.content, `${field}.content`, ['text', 'reasoning'], limits);
        pending = validateToolCalls(message.toolCalls, `${field}.toolCalls`, limits);
        break;
      case 'tool':
        if (typeof message.toolCallId !== 'string' || message.toolCallId === '') {
          throw invalid(`${field}.toolCallId`, 'must be a non-empty string');
        }
        if (!pending.delete(message.toolCallId)) {
          throw invalid(
            `${field}.toolCallId`,
            `"${message.toolCallId}" does not answer a pending tool call of the preceding assistant message`,
          );
        }
        validateContent(message.content, `${field}.content`, ['text'], limits);
        break;
      default:
        throw invalid(
          `${field}.role`,
          `must be one of system, user, assistant, tool (got ${JSON.stringify((message as { role: unknown }).role)})`,
        );
    }
  }
}

function validateContent(
  content: unknown,
  field: string,
  allowed: readonly string[],
  limits: RequestLimits,
): void {
  if (typeof content === 'string') return;
  if (!Array.isArray(content)) throw invalid(field, 'must be a string or an array of parts');
  if (content.length > limits.maxContentParts)
    throw tooMany(field, content.length, limits.maxContentParts, 'maxContentParts');
  content.forEach((part: unknown, index) => {
    const partField = `${field}.${index}`;
    if (!isObject(part) || typeof part.type !== 'string' || !allowed.includes(part.type)) {
      throw invalid(`${partField}.type`, `must be one of ${allowed.join(', ')}`);
    }
    if (part.type === 'text' || part.type === 'reasoning') {
      if (typeof part.text !== 'string') throw invalid(`${partField}.text`, 'must be a string');
    } else validateImage(part, partField);
  });
}

function validateImage(part: Record<string, unknown>, field: string): void {
  const source = part.source;
  if (!isObject(source))
    throw invalid(`${field}.source`, 'must be { type: "url", url } or { type: "base64", data, mediaType }');
  if (source.type === 'url') {
    if (typeof source.url !== 'string' || !/^(https?:|data:)/.test(source.url)) {
      throw invalid(`${field}.source.url`, 'must be an http(s) or data: URL');
    }
  } else if (source.type === 'base64') {
    if (typeof source.data !== 'string' || source.data === '')
      throw invalid(`${field}.source.data`, 'must be non-empty base64 text');
    if (typeof source.mediaType !== 'string' || !source.mediaType.startsWith('image/')) {
      throw invalid(`${field}.source.mediaType`, 'must be an image media type such as image/png');
    }
  } else throw invalid(`${field}.source.type`, 'must be "url" or "base64"');
}

function validateToolCalls(toolCalls: unknown, field: string, limits: RequestLimits): Set<string> {
  const ids = new Set<string>();
  if (toolCalls === undefined) return ids;
  if (!Array.isArray(toolCalls)) throw invalid(field, 'must be an array');
  if (toolCalls.length > limits.maxContentParts)
    throw tooMany(field, toolCalls.length, limits.maxContentParts, 'maxContentParts');
  toolCalls.forEach((call: unknown, index) => {
    const callField = `${field}.${index}`;
    if (!isObject(call)) throw invalid(callField, 'must be an object');
    if (typeof call.id !== 'string' || call.id === '')
      throw invalid(`${callField}.id`, 'must be a non-empty string');
    if (ids.has(call.id)) throw invalid(`${callField}.id`, `duplicates tool call id "${call.id}"`);
    if (typeof call.name !== 'string' || call.name === '')
      throw invalid(`${callField}.name`, 'must be a non-empty string');
    if (typeof call.arguments !== 'string') throw invalid(`${callField}.arguments`, 'must be JSON text');
    if (jsonTextTooDeep(call.arguments, limits.maxJsonDepth)) {
      throw invalid(
        `${callField}.arguments`,
        `nests deeper than ${limits.maxJsonDepth} levels (maxJsonDepth)`,
      );
    }
    ids.add(call.id);
  });
  return ids;
}

function validateSampling(request: CompletionRequest): void {
  checkNumber(request.temperature, 'temperature', 0, 2);
  checkNumber(request.topP, 'topP', Number.MIN_VALUE, 1);
  if (request.maxTokens !== undefined && !(Number.isInteger(request.maxTokens) && request.maxTokens > 0)) {
    throw invalid('maxTokens', 'must be a positive integer');
  }
  if (request.seed !== undefined && !Number.isInteger(request.seed))
    throw invalid('seed', 'must be an integer');
  if (request.stop !== undefined) {
    if (!Array.isArray(request.stop)) throw invalid('stop', 'must be an array of strings');
    if (request.stop.length > MAX_STOP_SEQUENCES)
      throw invalid('stop', `may hold at most ${MAX_STOP_SEQUENCES} sequences`);
    request.stop.forEach((sequence, index) => {
      if (typeof sequence !== 'string' || sequence === '')
        throw invalid(`stop.${index}`, 'must be a non-empty string');
    });
  }
  const reasoning = request.reasoning;
  if (reasoning !== undefined) {
    if (!isObject(reasoning as unknown)) throw invalid('reasoning', 'must be an object');
    if (reasoning.effort !== undefined && !REASONING_EFFORTS.includes(reasoning.effort)) {
      throw invalid('reasoning.effort', `must be one of ${REASONING_EFFORTS.join(', ')}`);
    }
    if (
      reasoning.budgetTokens !== undefined &&
      !(Number.isInteger(reasoning.budgetTokens) && reasoning.budgetTokens > 0)
    ) {
      throw invalid('reasoning.budgetTokens', 'must be a positive integer');
    }
  }
}

function checkNumber(value: number | undefined, field: string, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalid(field, `must be a number from ${min === Number.MIN_VALUE ? 'above 0' : min} to ${max}`);
  }
}

function validateTools(request: CompletionRequest, limits: RequestLimits): void {
  const names = new Set<string>();
  if (request.tools !== undefined) {
    if (!Array.isArray(request.tools)) throw invalid('tools', 'must be an array');
    if (request.tools.length > limits.maxTools)
      throw tooMany('tools', request.tools.length, limits.maxTools, 'maxTools');
    request.tools.forEach((tool, index) => {
      const field = `tools.${index}`;
      if (!isObject(tool)) throw invalid(field, 'must be an object');
      if (typeof tool.name !== 'string' || !TOOL_NAME.test(tool.name)) {
        throw invalid(`${field}.name`, 'must be 1-64 letters, digits, "_" or "-"');
      }
      if (names.has(tool.name)) throw invalid(`${field}.name`, `duplicates tool "${tool.name}"`);
      names.add(tool.name);
      if (!isObject(tool.parameters) || tool.parameters.type !== 'object') {
        throw invalid(`${field}.parameters`, 'must be a JSON Schema object with type "object"');
      }
      checkDepth(tool.parameters, `${field}.parameters`, limits);
      if (tool.description !== undefined && typeof tool.description !== 'string') {
        throw invalid(`${field}.description`, 'must be a string');
      }
    });
  }
  const choice = request.toolChoice;
  if (choice === undefined) return;
  if (choice === 'auto' || choice === 'none') return;
  if (choice === 'required') {
    if (names.size === 0) throw invalid('toolChoice', '"required" needs at least one tool in tools');
    return;
  }
  if (!isObject(choice) || choice.type !== 'tool' || typeof choice.name !== 'string') {
    throw invalid('toolChoice', 'must be "auto", "none", "required" or { type: "tool", name }');
  }
  if (!names.has(choice.name)) throw invalid('toolChoice.name', `names no tool in tools ("${choice.name}")`);
}

function validateResponseFormat(request: CompletionRequest, limits: RequestLimits): void {
  const format = request.responseFormat;
  if (format === undefined) return;
  if (!isObject(format)) throw invalid('responseFormat', 'must be an object');
  if (format.type === 'text' || format.type === 'json') return;
  if (format.type !== 'json_schema')
    throw invalid('responseFormat.type', 'must be text, json or json_schema');
  if (typeof format.name !== 'string' || !TOOL_NAME.test(format.name)) {
    throw invalid('responseFormat.name', 'must be 1-64 letters, digits, "_" or "-"');
  }
  if (!isObject(format.schema)) throw invalid('responseFormat.schema', 'must be a JSON Schema object');
  checkDepth(format.schema, 'responseFormat.schema', limits);
}
