// The Bedrock Runtime Converse API's JSON shapes (API version 2023-09-30), as far as this provider
// reads or writes them. Field names follow the API reference:
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html

/** Image formats the Converse API accepts inline. */
export type BedrockImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** A `text` content block. */
export interface BedrockTextBlock {
  readonly text: string;
}

/** An inline image; `bytes` is base64 text in the JSON wire format. */
export interface BedrockImageBlock {
  readonly image: {
    readonly format: BedrockImageFormat;
    readonly source: { readonly bytes: string };
  };
}

/** A tool call the model made (response) or made on an earlier turn (request). */
export interface BedrockToolUseBlock {
  readonly toolUse: {
    readonly toolUseId: string;
    readonly name: string;
    /** The arguments as a JSON value (an object), not as text. */
    readonly input: unknown;
  };
}

/** The result of a tool call, sent in a user turn. */
export interface BedrockToolResultBlock {
  readonly toolResult: {
    readonly toolUseId: string;
    readonly content: readonly BedrockTextBlock[];
    readonly status?: 'success' | 'error';
  };
}

/** Reasoning the model produced: signed text, or content the provider encrypted. */
export interface BedrockReasoningBlock {
  readonly reasoningContent:
    | { readonly reasoningText: { readonly text: string; readonly signature?: string } }
    /** Base64 text of the encrypted reasoning. */
    | { readonly redactedContent: string };
}

/** One block of a message's content. */
export type BedrockContentBlock =
  | BedrockTextBlock
  | BedrockImageBlock
  | BedrockToolUseBlock
  | BedrockToolResultBlock
  | BedrockReasoningBlock;

/** One turn; Bedrock requires `user` and `assistant` turns to alternate, starting with `user`. */
export interface BedrockMessage {
  readonly role: 'user' | 'assistant';
  readonly content: BedrockContentBlock[];
}

/** A tool the model may call. */
export interface BedrockTool {
  readonly toolSpec: {
    readonly name: string;
    readonly description?: string;
    readonly inputSchema: { readonly json: unknown };
  };
}

/** Whether and which tool the model must call. */
export type BedrockToolChoice =
  | { readonly auto: Record<string, never> }
  | { readonly any: Record<string, never> }
  | { readonly tool: { readonly name: string } };

/** `toolConfig` of a request. */
export interface BedrockToolConfig {
  readonly tools: readonly BedrockTool[];
  readonly toolChoice?: BedrockToolChoice;
}

/** The sampling parameters every model accepts. */
export interface BedrockInferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

/**
 * The body of `POST /model/{modelId}/converse` and `/converse-stream` (the model id is in the
 * path). Fields from `providerParams['aws-bedrock']` (`guardrailConfig`, `performanceConfig`,
 * `requestMetadata`, …) are merged in as they are.
 */
export interface ConverseRequest {
  messages: BedrockMessage[];
  system?: BedrockTextBlock[];
  inferenceConfig?: BedrockInferenceConfig;
  toolConfig?: BedrockToolConfig;
  additionalModelRequestFields?: Record<string, unknown>;
  [field: string]: unknown;
}

/** Token counts; `inputTokens` excludes the prompt-cache reads and writes reported beside it. */
export interface BedrockTokenUsage {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly totalTokens?: number;
  readonly cacheReadInputTokens?: number;
  readonly cacheWriteInputTokens?: number;
}

/** The documented stop reasons; others may be added by AWS. */
export type BedrockStopReason =
  | 'end_turn'
  | 'tool_use'
  | 'max_tokens'
  | 'stop_sequence'
  | 'guardrail_intervened'
  | 'content_filtered'
  | 'model_context_window_exceeded'
  | (string & {});

/** A content block of a response: the request blocks the model can produce. */
export type BedrockResponseBlock = BedrockTextBlock | BedrockToolUseBlock | BedrockReasoningBlock;

/** The body of a successful `Converse` response. */
export interface ConverseResponse {
  readonly output?: {
    readonly message?: { readonly role?: string; readonly content?: readonly BedrockResponseBlock[] };
  };
  readonly stopReason?: BedrockStopReason;
  readonly usage?: BedrockTokenUsage;
  readonly metrics?: { readonly latencyMs?: number };
  readonly additionalModelResponseFields?: unknown;
}

/** `contentBlockStart` event: only tool-use blocks announce themselves. */
export interface ContentBlockStartEvent {
  readonly contentBlockIndex?: number;
  readonly start?: { readonly toolUse?: { readonly toolUseId?: string; readonly name?: string } };
}

/** `contentBlockDelta` event: exactly one of the delta members is set. */
export interface ContentBlockDeltaEvent {
  readonly contentBlockIndex?: number;
  readonly delta?: {
    readonly text?: string;
    /** A fragment of the tool call's JSON arguments. */
    readonly toolUse?: { readonly input?: string };
    readonly reasoningContent?: {
      readonly text?: string;
      readonly signature?: string;
      readonly redactedContent?: string;
    };
  };
}

/** `messageStop` event. */
export interface MessageStopEvent {
  readonly stopReason?: BedrockStopReason;
  readonly additionalModelResponseFields?: unknown;
}

/** `metadata` event: the last event of a successful stream. */
export interface ConverseStreamMetadataEvent {
  readonly usage?: BedrockTokenUsage;
  readonly metrics?: { readonly latencyMs?: number };
}

/** The JSON body of an error response or of an exception frame. */
export interface BedrockErrorBody {
  readonly message?: string;
  /** Some AWS front ends spell it with a capital M. */
  readonly Message?: string;
  /** `com.amazon.coral.service#ExpiredTokenException`-style type, when the header is absent. */
  readonly __type?: string;
  /** `modelStreamErrorException` only: what the model's own endpoint answered. */
  readonly originalStatusCode?: number;
  readonly originalMessage?: string;
}

/**
 * The InvokeModel body of Amazon Titan Text Embeddings V2 (`amazon.titan-embed-text-v2:0`): one
 * text per request. Other fields from `providerParams['aws-bedrock']` (`normalize`) are merged in.
 */
export interface TitanEmbeddingRequest {
  readonly inputText: string;
  /** 1,024 (default), 512 or 256. */
  readonly dimensions?: number;
  /** Default true: unit-length vectors. */
  readonly normalize?: boolean;
  readonly embeddingTypes?: readonly ('float' | 'binary')[];
  readonly [field: string]: unknown;
}

/** The InvokeModel response of Titan Text Embeddings V2. */
export interface TitanEmbeddingResponse {
  readonly embedding?: readonly number[];
  readonly inputTextTokenCount?: number;
  /** Always present in V2: the vectors by requested type (`float` by default). */
  readonly embeddingsByType?: { readonly float?: readonly number[]; readonly binary?: readonly number[] };
}

/**
 * The InvokeModel body of Cohere Embed v3 (`cohere.embed-english-v3`,
 * `cohere.embed-multilingual-v3`): up to 96 texts of up to 2,048 characters each. Other fields
 * from `providerParams['aws-bedrock']` (`truncate`) are merged in.
 */
export interface CohereEmbeddingRequest {
  readonly texts: readonly string[];
  readonly input_type: 'search_document' | 'search_query' | 'classification' | 'clustering' | (string & {});
  readonly truncate?: 'NONE' | 'START' | 'END';
  readonly embedding_types?: readonly ('float' | 'int8' | 'uint8' | 'binary' | 'ubinary')[];
  readonly [field: string]: unknown;
}

/**
 * The InvokeModel response of Cohere Embed v3: `embeddings` is an array of float vectors
 * (`response_type: "embeddings_floats"`) or, when `embedding_types` was sent, an object of them by
 * type (`response_type: "embeddings_by_type"`), one vector per text in input order.
 */
export interface CohereEmbeddingResponse {
  readonly id?: string;
  readonly response_type?: 'embeddings_floats' | 'embeddings_by_type' | (string & {});
  readonly embeddings?: readonly (readonly number[])[] | { readonly float?: readonly (readonly number[])[] };
  readonly texts?: readonly string[];
}

/**
 * The body of `POST /model/{modelId}/count-tokens` for a Converse request: the Converse fields
 * that count as input.
 */
export interface CountTokensRequest {
  readonly input: {
    readonly converse: {
      readonly messages: readonly BedrockMessage[];
      readonly system?: readonly BedrockTextBlock[];
      readonly toolConfig?: BedrockToolConfig;
      readonly additionalModelRequestFields?: Record<string, unknown>;
    };
  };
}

/** The response of CountTokens. */
export interface CountTokensResponse {
  readonly inputTokens?: number;
}

/** One model of `GET /foundation-models` (ListFoundationModels, control plane). */
export interface FoundationModelSummary {
  readonly modelId?: string;
  readonly modelArn?: string;
  readonly modelName?: string;
  readonly providerName?: string;
  readonly inputModalities?: readonly ('TEXT' | 'IMAGE' | 'EMBEDDING' | (string & {}))[];
  readonly outputModalities?: readonly ('TEXT' | 'IMAGE' | 'EMBEDDING' | (string & {}))[];
  readonly responseStreamingSupported?: boolean;
  readonly inferenceTypesSupported?: readonly (
    | 'ON_DEMAND'
    | 'PROVISIONED'
    | 'INFERENCE_PROFILE'
    | (string & {})
  )[];
  readonly modelLifecycle?: { readonly status?: 'ACTIVE' | 'LEGACY' | (string & {}) };
}

/** The response of ListFoundationModels: every foundation model of the region, in one page. */
export interface FoundationModelList {
  readonly modelSummaries?: readonly FoundationModelSummary[];
}
