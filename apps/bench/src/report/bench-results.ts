import type { ClientName } from '../clients/bench-client.js';
import type { ColdStartSubject } from '../cold-start/cold-start-script.js';
import type { ColdStartMeasurement } from '../cold-start/measure-cold-start.js';
import type { EmbeddingClientName } from '../embeddings/embedding-client.js';
import type { EmbeddingsMeasurement } from '../embeddings/measure-embeddings.js';
import type { GovernanceBackend, GovernanceMeasurement } from '../governance/governance-measurement.js';
import type { ClientMeasurement } from '../scenarios/client-measurement.js';
import type { FeatureMeasurement } from '../scenarios/feature-measurement.js';
import type { GatewayEndpoint } from '../scenarios/gateway-endpoint.js';
import type { GatewayLoadMeasurement } from '../scenarios/measure-gateway-load.js';
import type { LeakMeasurement } from '../scenarios/measure-leak.js';
import type { OpenStreamsMeasurement } from '../scenarios/measure-open-streams.js';
import type { RunSizes } from '../scenarios/run-sizes.js';
import type { StreamWrites } from '../scenarios/stream-writes.js';
import type { Outcome } from './outcome.js';
import type { TargetCheck } from './target-check.js';

/** Ratios of a client's figures to the floor's in the same run (undefined when either is missing). */
export interface FloorRatios {
  readonly cpu: number | undefined;
  readonly latencyP50: number | undefined;
  readonly latencyP99: number | undefined;
  readonly firstChunkP50: number | undefined;
  readonly throughput: number | undefined;
}

/** One client in one mode. */
export interface ClientResult {
  readonly client: ClientName;
  readonly mode: 'complete' | 'stream';
  /** How the upstream wrote streams (`burst` for completions). */
  readonly writes: StreamWrites;
  readonly outcome: Outcome<ClientMeasurement>;
  readonly vsFloor: FloorRatios;
}

/** One middleware on a bare hub, through `hub.complete` or `hub.stream`. */
export interface FeatureResult {
  readonly client: ClientName;
  readonly mode: 'complete' | 'stream';
  /** How the upstream wrote streams (`burst` for completions). */
  readonly writes: StreamWrites;
  readonly outcome: Outcome<FeatureMeasurement>;
  /** CPU per request relative to the bare hub and to the floor (same mode and writes, same run). */
  readonly cpuVsBareHub: number | undefined;
  readonly cpuVsFloor: number | undefined;
  /** CPU per request this middleware adds to the bare hub, in microseconds (may be negative: a cache hit saves the call). */
  readonly cpuAddedUs: number | undefined;
}

/** Memory per open stream for one client. */
export interface OpenStreamsResult {
  readonly client: ClientName;
  readonly outcome: Outcome<OpenStreamsMeasurement>;
  readonly rssVsFloor: number | undefined;
}

/** The leak check. */
export interface LeakResult {
  readonly client: ClientName;
  readonly outcome: Outcome<LeakMeasurement>;
}

/** One OpenAI-compatible endpoint under load. */
export interface GatewayResult {
  /** `direct` (the fake upstream itself: the floor of this group), `hub-gateway`, `portkey`. */
  readonly target: string;
  /** What was called. */
  readonly endpoint: GatewayEndpoint;
  readonly outcome: Outcome<GatewayLoadMeasurement>;
  /** Latency the gateway adds over calling the upstream directly, in milliseconds. */
  readonly addedP50Ms: number | undefined;
  readonly addedP99Ms: number | undefined;
  /** Streams: time to the first bytes the gateway adds (p50, sequential), in milliseconds. */
  readonly addedFirstChunkP50Ms: number | undefined;
  /** Throughput relative to calling the upstream directly. */
  readonly throughputVsDirect: number | undefined;
}

/** Cold start of one subject: import and create, in fresh processes. */
export interface ColdStartResult {
  readonly subject: ColdStartSubject;
  readonly outcome: Outcome<ColdStartMeasurement>;
  /** Ratios to the openai SDK's cold start in the same run (wall time and CPU time of import and create). */
  readonly loadVsOpenAiSdk: number | undefined;
  readonly loadCpuVsOpenAiSdk: number | undefined;
}

/** One embeddings client. */
export interface EmbeddingsResult {
  readonly client: EmbeddingClientName;
  readonly outcome: Outcome<EmbeddingsMeasurement>;
  /** CPU per call relative to the floor and to the openai SDK in the same run. */
  readonly cpuVsFloor: number | undefined;
  readonly cpuVsOpenAiSdk: number | undefined;
}

/** Key authentication plus a budget reservation on one database at one upstream time. */
export interface GovernanceResult {
  readonly backend: GovernanceBackend;
  /** Simulated upstream time per call, in ms (0: calls back to back, a capacity figure). */
  readonly upstreamMs: number;
  readonly outcome: Outcome<GovernanceMeasurement>;
  /** Admission p50 minus the config-key baseline p50 of the same run, in ms. */
  readonly addedP50Ms: number | undefined;
}

/** The machine and the libraries measured. */
export interface BenchEnvironment {
  readonly node: string;
  readonly platform: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  /** 1-minute load average when the run started: other work on the machine skews figures. */
  readonly loadAverage: number;
  readonly versions: Readonly<Record<string, string>>;
}

/** Everything one run measured: the content of `results/latest.json`. */
export interface BenchResults {
  readonly schemaVersion: 1;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly quick: boolean;
  readonly environment: BenchEnvironment;
  readonly sizes: RunSizes;
  readonly clients: readonly ClientResult[];
  readonly features: readonly FeatureResult[];
  readonly openStreams: readonly OpenStreamsResult[];
  readonly leak: LeakResult;
  readonly gateways: readonly GatewayResult[];
  readonly coldStarts: readonly ColdStartResult[];
  readonly embeddings: readonly EmbeddingsResult[];
  readonly governance: readonly GovernanceResult[];
  readonly targets: readonly TargetCheck[];
}
