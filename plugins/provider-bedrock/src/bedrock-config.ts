import { defineProviderConfig, type ProviderConfig } from '@hub/core';
import { callDeadlineFields } from '@hub/provider-utils';
import { z } from 'zod';
import type { AwsCredentialProvider, AwsCredentials } from './aws-credentials.js';

/** The provider id requests address (`aws-bedrock/anthropic.claude-…`). */
export const BEDROCK_PROVIDER_ID = 'aws-bedrock';

/** The Bedrock Runtime API version the provider speaks. */
export const BEDROCK_API_VERSION = '2023-09-30';

// us-east-1, eu-central-2, us-gov-west-1, ap-southeast-5, cn-north-1, …
const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

const endpointUrl = z.string().refine(
  (value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    // a query string or credentials in the URL would not be part of what is signed
    return /^https?:$/.test(url.protocol) && url.search === '' && url.username === '' && url.password === '';
  },
  // the value is not echoed: a URL may carry credentials
  { message: 'must be an absolute http:// or https:// URL without query string or credentials' },
);

const staticCredentials = z.object({
  accessKeyId: z.string().trim().min(1, 'must be a non-empty access key id'),
  secretAccessKey: z.string().min(1, 'must be a non-empty secret access key'),
  sessionToken: z.string().min(1, 'must be a non-empty session token when given').optional(),
  expiration: z.date().optional(),
});

const credentialProvider = z.custom<AwsCredentialProvider>((value) => typeof value === 'function');

const schema = z
  .object({
    region: z.string().trim().regex(AWS_REGION, 'must be an AWS region such as us-east-1').optional(),
    endpoint: endpointUrl.optional(),
    controlPlaneEndpoint: endpointUrl.optional(),
    apiKey: z.string().trim().min(1, 'must be a non-empty Bedrock API key').optional(),
    credentials: z
      .union([staticCredentials, credentialProvider], {
        error:
          'must be { accessKeyId, secretAccessKey, sessionToken?, expiration? } or a function returning a promise of them',
      })
      .optional(),
    ...callDeadlineFields,
    embeddingConcurrency: z
      .number()
      .int()
      .min(1, 'must be between 1 and 64')
      .max(64, 'must be between 1 and 64')
      .optional(),
  })
  .strict()
  .superRefine((config, context) => {
    // SigV4 needs the region for its credential scope; only a bearer key on an explicit endpoint
    // can do without one
    if (config.region === undefined && (config.endpoint === undefined || config.apiKey === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['region'],
        message: 'is required: pass region or set AWS_REGION (or AWS_DEFAULT_REGION)',
      });
    }
    if (config.apiKey !== undefined && config.credentials !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['apiKey'],
        message: 'cannot be combined with credentials: use either a Bedrock API key or AWS credentials',
      });
    }
  });

/**
 * Options of `bedrock()` and `createBedrockProvider()`. Everything may be left out where the
 * environment supplies it.
 */
export interface BedrockOptions {
  /** AWS region, such as `us-east-1`. Default: `AWS_REGION`, else `AWS_DEFAULT_REGION`. */
  readonly region?: string;
  /**
   * AWS credentials for SigV4 signing: a fixed set, or a provider function called again before
   * they expire. Default: the standard AWS chain (`fromNodeProviderChain`: environment, SSO,
   * shared files, process, web identity, ECS and EC2 instance roles), loaded on first use.
   */
  readonly credentials?: AwsCredentials | AwsCredentialProvider;
  /**
   * Runtime endpoint. Default: `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, else
   * `https://bedrock-runtime.{region}.amazonaws.com`. Use it for VPC endpoints and proxies.
   */
  readonly endpoint?: string;
  /**
   * Control-plane endpoint, where the model list (`ListFoundationModels`) lives. Default:
   * `AWS_ENDPOINT_URL_BEDROCK`, else `https://bedrock.{region}.amazonaws.com` — but only when
   * `endpoint` is not set either: a custom runtime endpoint (a VPC endpoint, a proxy) says the
   * public hosts may be out of reach, so without a control-plane endpoint of its own the metadata
   * is the built-in catalog.
   */
  readonly controlPlaneEndpoint?: string;
  /**
   * A Bedrock API key, sent as `Authorization: Bearer …` instead of SigV4 signing. Default:
   * `AWS_BEARER_TOKEN_BEDROCK` (ignored when `credentials` are passed explicitly).
   */
  readonly apiKey?: string;
  /**
   * Default deadline of a whole call in milliseconds, fetching credentials included, until the
   * last byte (for streams: the stream's end); a call's own `CallOptions.timeoutMs` wins.
   * Default: none.
   */
  readonly timeoutMs?: number;
  /**
   * Default deadline for the response headers in milliseconds; a call's own
   * `CallOptions.firstByteTimeoutMs` wins. Default: none (undici's 300 s backstop).
   */
  readonly firstByteTimeoutMs?: number;
  /**
   * Default longest gap between two stream events (or reads of a response body) in milliseconds;
   * a call's own `CallOptions.idleTimeoutMs` wins. Default: none (undici's 300 s backstop).
   */
  readonly idleTimeoutMs?: number;
  /**
   * Most InvokeModel requests one `embed` call keeps in flight (Titan embeds one text per
   * request, Cohere 96), 1 to 64. Default 8. Embedding models are throttled by requests per
   * minute: lower it when calls hit `rate_limit`.
   */
  readonly embeddingConcurrency?: number;
}

/** A validated Bedrock configuration. */
export type BedrockConfig = z.output<typeof schema>;

/**
 * The Bedrock provider's configuration: the zod schema, the environment variables `fromEnv()`
 * reads and redaction of `apiKey` and `credentials` in `toConfigMap()`.
 *
 * Environment: `AWS_REGION` (wins over) `AWS_DEFAULT_REGION` → `region`;
 * `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` → `endpoint`; `AWS_ENDPOINT_URL_BEDROCK` →
 * `controlPlaneEndpoint`; `AWS_BEARER_TOKEN_BEDROCK` (secret) → `apiKey`.
 * Access keys are not read here: the AWS credential chain reads `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_PROFILE` and the rest itself.
 */
export const bedrockConfig: ProviderConfig<BedrockConfig> = defineProviderConfig<BedrockConfig>({
  providerId: BEDROCK_PROVIDER_ID,
  schema,
  env: [
    // listed before AWS_REGION so that AWS_REGION, read later, wins as in the AWS SDKs
    {
      name: 'AWS_DEFAULT_REGION',
      field: 'region',
      type: 'string',
      description: 'AWS region, used when AWS_REGION is not set.',
    },
    { name: 'AWS_REGION', field: 'region', type: 'string', description: 'AWS region, such as us-east-1.' },
    {
      name: 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
      field: 'endpoint',
      type: 'string',
      description: 'Bedrock Runtime endpoint URL (default https://bedrock-runtime.{region}.amazonaws.com).',
    },
    {
      name: 'AWS_ENDPOINT_URL_BEDROCK',
      field: 'controlPlaneEndpoint',
      type: 'string',
      description:
        'Bedrock control-plane endpoint URL, for the model list (default https://bedrock.{region}.amazonaws.com).',
    },
    {
      name: 'AWS_BEARER_TOKEN_BEDROCK',
      field: 'apiKey',
      type: 'string',
      secret: true,
      description: 'Bedrock API key, sent as Authorization: Bearer instead of SigV4 signing.',
    },
  ],
  secretFields: ['apiKey', 'credentials'],
});
