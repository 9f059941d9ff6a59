// The Gemini `generateContent` wire format, as documented at
// https://ai.google.dev/api/generate-content (the Gemini API, v1beta) and
// https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest (Vertex AI, v1). Both
// speak the same JSON; only the URL and the authentication differ. Only the fields this package
// reads or writes are typed; everything else passes through `providerParams` untouched.

/** A JSON value as the wire carries it. */
export type GeminiJson = string | number | boolean | null | GeminiJson[] | { [key: string]: GeminiJson };

/** A function call the model made. `args` is a JSON object; `id` is set by some models only. */
export interface GeminiFunctionCall {
  readonly name: string;
  readonly args?: Record<string, unknown>;
  readonly id?: string;
}

/** The result of a function call, sent back in a `user` turn. */
export interface GeminiFunctionResponse {
  readonly name: string;
  /** A JSON object: `{ output }` / `{ error }` by convention, or the whole result object. */
  readonly response: Record<string, unknown>;
  readonly id?: string;
}

/** One part of a content: exactly one of the data fields is set. */
export interface GeminiPart {
  readonly text?: string;
  /** `true` marks a thought summary (returned only with `includeThoughts`). */
  readonly thought?: boolean;
  /** Opaque, base64 signature of the model's reasoning; must be sent back on the same part. */
  readonly thoughtSignature?: string;
  readonly inlineData?: { readonly mimeType: string; readonly data: string };
  readonly fileData?: { readonly mimeType?: string; readonly fileUri: string };
  readonly functionCall?: GeminiFunctionCall;
  readonly functionResponse?: GeminiFunctionResponse;
}

/** One turn of the conversation. */
export interface GeminiContent {
  /** `user` or `model`; absent in `systemInstruction`. */
  readonly role?: 'user' | 'model';
  readonly parts: readonly GeminiPart[];
}

/** A function the model may call. Exactly one of `parameters` / `parametersJsonSchema` is set. */
export interface GeminiFunctionDeclaration {
  readonly name: string;
  readonly description?: string;
  /** The OpenAPI 3.0 subset (`Schema` object) Gemini has always accepted. */
  readonly parameters?: Record<string, unknown>;
  /** Plain JSON Schema, accepted by current Gemini API and Vertex AI versions. */
  readonly parametersJsonSchema?: Record<string, unknown>;
}

/** The `tools` entry carrying function declarations. */
export interface GeminiTool {
  readonly functionDeclarations: readonly GeminiFunctionDeclaration[];
}

/** How the model may use the declared functions. */
export interface GeminiToolConfig {
  readonly functionCallingConfig: {
    readonly mode: 'AUTO' | 'ANY' | 'NONE';
    readonly allowedFunctionNames?: readonly string[];
  };
}

/** Thinking settings of 2.5 (`thinkingBudget`) and 3.x (`thinkingLevel`) models. */
export interface GeminiThinkingConfig {
  readonly thinkingBudget?: number;
  readonly thinkingLevel?: string;
  readonly includeThoughts?: boolean;
}

/** Sampling and output settings. */
export interface GeminiGenerationConfig {
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxOutputTokens?: number;
  readonly stopSequences?: readonly string[];
  readonly seed?: number;
  readonly responseMimeType?: string;
  readonly responseSchema?: Record<string, unknown>;
  readonly responseJsonSchema?: Record<string, unknown>;
  readonly thinkingConfig?: GeminiThinkingConfig;
}

/** The body of `models/{model}:generateContent` and `:streamGenerateContent`. */
export interface GeminiRequest {
  readonly contents: readonly GeminiContent[];
  readonly systemInstruction?: GeminiContent;
  readonly tools?: readonly GeminiTool[];
  readonly toolConfig?: GeminiToolConfig;
  readonly generationConfig?: GeminiGenerationConfig;
  readonly safetySettings?: readonly unknown[];
  readonly labels?: Readonly<Record<string, string>>;
}

/** Token counts of one call. `promptTokenCount` includes cached tokens. */
export interface GeminiUsageMetadata {
  readonly promptTokenCount?: number;
  readonly candidatesTokenCount?: number;
  readonly totalTokenCount?: number;
  readonly cachedContentTokenCount?: number;
  readonly thoughtsTokenCount?: number;
  readonly toolUsePromptTokenCount?: number;
}

/** One generated answer. The API generates one unless `candidateCount` asks for more. */
export interface GeminiCandidate {
  readonly content?: { readonly role?: string; readonly parts?: readonly GeminiPart[] };
  readonly finishReason?: string;
  readonly finishMessage?: string;
  readonly index?: number;
  readonly safetyRatings?: readonly unknown[];
}

/** Why the prompt itself was rejected (no candidates are returned then). */
export interface GeminiPromptFeedback {
  readonly blockReason?: string;
  readonly blockReasonMessage?: string;
  readonly safetyRatings?: readonly unknown[];
}

/** A whole `generateContent` response, and also each event of an SSE stream. */
export interface GeminiResponse {
  readonly candidates?: readonly GeminiCandidate[];
  readonly promptFeedback?: GeminiPromptFeedback;
  readonly usageMetadata?: GeminiUsageMetadata;
  readonly modelVersion?: string;
  readonly responseId?: string;
}

/** The error envelope of every Google API (`google.rpc.Status` in JSON). */
export interface GeminiErrorBody {
  readonly error: {
    readonly code?: number;
    readonly message?: string;
    readonly status?: string;
    readonly details?: readonly ({ readonly '@type'?: string } & Record<string, unknown>)[];
  };
}

/** One entry of `GET /models` (the Gemini API's model list). */
export interface GeminiModelEntry {
  /** `models/gemini-2.5-flash`. */
  readonly name: string;
  readonly displayName?: string;
  readonly inputTokenLimit?: number;
  readonly outputTokenLimit?: number;
  readonly supportedGenerationMethods?: readonly string[];
  readonly thinking?: boolean;
}

/** A page of `GET /models`. */
export interface GeminiModelList {
  readonly models?: readonly GeminiModelEntry[];
  readonly nextPageToken?: string;
}
