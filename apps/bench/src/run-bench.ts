import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchOptions } from './bench-options.js';
import { BENCH_API_KEY, BENCH_MODEL, type ClientName } from './clients/bench-client.js';
import { COLD_START_SUBJECTS, type ColdStartSubject } from './cold-start/cold-start-script.js';
import { type ColdStartMeasurement, measureColdStart } from './cold-start/measure-cold-start.js';
import {
  EMBEDDING_CLIENTS,
  EMBEDDING_MODEL,
  type EmbeddingClientName,
} from './embeddings/embedding-client.js';
import type { EmbeddingsMeasurement } from './embeddings/measure-embeddings.js';
import { buildFakeUpstreamFrames } from './fake-upstream/fake-upstream-frames.js';
import { startHubGateway } from './gateways/start-hub-gateway.js';
import { startPortkeyGateway } from './gateways/start-portkey-gateway.js';
import type { GovernanceMeasurement } from './governance/governance-measurement.js';
import { measureGovernance } from './governance/measure-governance.js';
import { isRedisReachable } from './process/is-redis-reachable.js';
import { runScenarioInChild } from './process/run-scenario-in-child.js';
import type { ServerProcess } from './process/server-process.js';
import { startUpstreamProcess } from './process/start-upstream-process.js';
import { type CpuProfile, type SelfTimeEntry, summarizeCpuProfile } from './profile/summarize-cpu-profile.js';
import type {
  BenchResults,
  ClientResult,
  ColdStartResult,
  EmbeddingsResult,
  FeatureResult,
  GatewayResult,
  GovernanceResult,
  LeakResult,
  OpenStreamsResult,
} from './report/bench-results.js';
import { describeEnvironment } from './report/describe-environment.js';
import { evaluateTargets } from './report/evaluate-targets.js';
import type { Outcome } from './report/outcome.js';
import type { ClientMeasurement } from './scenarios/client-measurement.js';
import type { FeatureMeasurement } from './scenarios/feature-measurement.js';
import type { GatewayEndpoint } from './scenarios/gateway-endpoint.js';
import type { GatewayTarget } from './scenarios/gateway-target.js';
import type { GatewayLoadMeasurement } from './scenarios/measure-gateway-load.js';
import type { LeakMeasurement } from './scenarios/measure-leak.js';
import type { OpenStreamsMeasurement } from './scenarios/measure-open-streams.js';
import { legsOf } from './scenarios/run-legs.js';
import { FULL_SIZES, QUICK_SIZES } from './scenarios/run-sizes.js';
import type { ScenarioTask } from './scenarios/scenario-task.js';
import type { StreamWrites } from './scenarios/stream-writes.js';
import { ratioOf } from './stats/format-ratio.js';

/** A run's results, and in `--profile` mode the top self-time functions per profiled scenario. */
export interface BenchRun {
  readonly results: BenchResults;
  readonly profiles: readonly { readonly scenario: string; readonly top: readonly SelfTimeEntry[] }[];
}

const GATEWAY_ENDPOINTS: readonly GatewayEndpoint[] = [
  'chat',
  'chat-stream',
  'messages',
  'responses',
  'embeddings',
];
const QUICK_GATEWAY_ENDPOINTS: readonly GatewayEndpoint[] = ['chat', 'chat-stream'];
const PROFILED_CLIENTS: readonly ClientName[] = ['floor', 'hub-bare', 'hub-stack'];

const OPEN_STREAM_CLIENTS: readonly ClientName[] = ['floor', 'hub-bare', 'hub-default'];
const LEAK_CLIENT: ClientName = 'hub-default';
const PROFILE_DIRECTORY = new URL('../results/profiles/', import.meta.url);

// the main thread's profile is the largest: the loader worker only transpiles at start-up
async function readMainThreadProfile(directory: string): Promise<CpuProfile | undefined> {
  let largest: CpuProfile | undefined;
  let largestSamples = -1;
  for (const name of await readdir(directory)) {
    if (!name.endsWith('.cpuprofile')) continue;
    const profile = JSON.parse(await readFile(join(directory, name), 'utf8')) as CpuProfile;
    // a worker thread (tsx's loader) can sample for as long as the main thread while idle, so
    // the main thread is the one with the most busy samples
    const busy = busySamples(profile);
    if (busy > largestSamples) {
      largest = profile;
      largestSamples = busy;
    }
  }
  return largest;
}

function busySamples(profile: CpuProfile): number {
  const idle = new Set(
    profile.nodes
      .filter((node) => ['(idle)', '(program)', '(garbage collector)'].includes(node.callFrame.functionName))
      .map((node) => node.id),
  );
  let busy = 0;
  for (const sample of profile.samples) if (!idle.has(sample)) busy++;
  return busy;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').find((text) => text.trim() !== '') ?? 'failed';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

/**
 * Runs the benchmark: starts the fake upstream in its own process, runs every selected scenario
 * in a fresh process (gateways in their own processes too), and assembles the results with
 * ratios to the floor and the target checks. Progress goes to `log`; scenarios that cannot run
 * here become `n/a` with their reason instead of failing the run.
 *
 * @param options - Parsed command line.
 * @param log - Receives one progress line at a time (stderr in the CLI).
 * @returns The results (and profile summaries in `--profile` mode).
 */
export async function runBench(options: BenchOptions, log: (line: string) => void): Promise<BenchRun> {
  const startedAt = new Date();
  const started = performance.now();
  const sizes = options.quick ? QUICK_SIZES : FULL_SIZES;
  const groups = new Set(options.profile ? ['clients'] : options.groups);
  const environment = describeEnvironment();
  const frames = buildFakeUpstreamFrames({ chunks: sizes.streamChunks });
  const expected = { completion: frames.completionText, stream: frames.streamText };
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const clientTimeoutMs = options.quick ? 90_000 : 180_000;
  const scaleTimeoutMs = options.quick ? 90_000 : 300_000;
  const profiles: { scenario: string; top: SelfTimeEntry[] }[] = [];
  const legs = legsOf(options.quick);

  const upstream = await startUpstreamProcess(sizes.streamChunks);
  log(`fake upstream ${upstream.origin} (pid ${upstream.pid}); ${options.quick ? 'quick' : 'full'} run`);
  const environmentOf = { origin: upstream.origin, redisUrl, expected };

  const attempt = async <T>(
    label: string,
    task: ScenarioTask,
    timeoutMs: number,
    execArgv: string[] = [],
  ): Promise<Outcome<T>> => {
    const begun = performance.now();
    try {
      const measurement = (await runScenarioInChild(task, { timeoutMs, execArgv })) as T;
      log(`  ok  ${label} (${((performance.now() - begun) / 1000).toFixed(1)} s)`);
      return { status: 'ok', measurement };
    } catch (error) {
      log(`  n/a ${label}: ${error instanceof Error ? error.message : String(error)}`);
      return { status: 'n/a', reason: reasonOf(error) };
    }
  };

  const clients: ClientResult[] = [];
  const features: FeatureResult[] = [];
  const openStreams: OpenStreamsResult[] = [];
  let leak: LeakResult = { client: LEAK_CLIENT, outcome: { status: 'n/a', reason: 'not run' } };
  const gateways: GatewayResult[] = [];
  const coldStarts: ColdStartResult[] = [];
  const embeddings: EmbeddingsResult[] = [];
  const governance: GovernanceResult[] = [];

  try {
    if (groups.has('clients')) {
      log('clients');
      if (options.profile) {
        await rm(PROFILE_DIRECTORY, { recursive: true, force: true });
        await mkdir(PROFILE_DIRECTORY, { recursive: true });
      }
      for (const leg of legs.clients) {
        const { mode, writes } = leg;
        const outcomes = new Map<ClientName, Outcome<ClientMeasurement>>();
        const legClients = options.profile
          ? PROFILED_CLIENTS.filter((client) => leg.clients.includes(client))
          : leg.clients;
        for (const client of legClients) {
          const scenario = `${client} ${mode}${mode === 'stream' ? ` ${writes}` : ''}`;
          // one directory per scenario: the loader's worker thread writes a profile of its own
          const profileDirectory = join(PROFILE_DIRECTORY.pathname, scenario.replaceAll(' ', '-'));
          const execArgv = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : [];
          // profiles cover the whole process: longer rounds make start-up a small share of them
          const clientSizes = options.profile
            ? { ...sizes[mode], perRound: sizes[mode].perRound * 4, phaseCapMs: sizes[mode].phaseCapMs * 3 }
            : sizes[mode];
          const outcome = await attempt<ClientMeasurement>(
            scenario,
            { kind: 'client', client, mode, writes, sizes: clientSizes, ...environmentOf },
            clientTimeoutMs,
            execArgv,
          );
          outcomes.set(client, outcome);
          if (execArgv.length > 0 && outcome.status === 'ok') {
            const profile = await readMainThreadProfile(profileDirectory);
            if (profile !== undefined) profiles.push({ scenario, top: summarizeCpuProfile(profile, 25) });
          }
        }
        const floor = outcomes.get('floor');
        const base = floor?.status === 'ok' ? floor.measurement : undefined;
        for (const [client, outcome] of outcomes) {
          const measurement = outcome.status === 'ok' ? outcome.measurement : undefined;
          clients.push({
            client,
            mode,
            writes,
            outcome,
            vsFloor: {
              cpu: ratioOf(measurement?.cpuUsPerRequest, base?.cpuUsPerRequest),
              latencyP50: ratioOf(measurement?.latency.p50, base?.latency.p50),
              latencyP99: ratioOf(measurement?.latency.p99, base?.latency.p99),
              firstChunkP50: ratioOf(measurement?.firstChunk?.p50, base?.firstChunk?.p50),
              throughput: ratioOf(measurement?.requestsPerSecond, base?.requestsPerSecond),
            },
          });
        }
      }
    }

    if (groups.has('features')) {
      log('features: one middleware on a bare hub');
      const redisUp = await isRedisReachable(redisUrl);
      const cpuOf = (
        client: ClientName,
        mode: 'complete' | 'stream',
        writes: StreamWrites,
      ): number | undefined => {
        const entry = clients.find(
          (candidate) =>
            candidate.client === client && candidate.mode === mode && candidate.writes === writes,
        );
        return entry?.outcome.status === 'ok' ? entry.outcome.measurement.cpuUsPerRequest : undefined;
      };
      for (const leg of legs.features) {
        const { mode, writes } = leg;
        // the bare hub again at the breakdown's sizes: fewer calls mean less warm code, so each
        // middleware is priced against a bare hub measured the same way
        let bare: number | undefined;
        for (const client of leg.clients) {
          const label = `${client} ${mode}${mode === 'stream' ? ` ${writes}` : ''}`;
          const outcome: Outcome<FeatureMeasurement> =
            client.includes('redis') && !redisUp
              ? { status: 'n/a', reason: `Redis not reachable at ${redisUrl}` }
              : await attempt<FeatureMeasurement>(
                  label,
                  { kind: 'feature', client, mode, writes, sizes: sizes.breakdown[mode], ...environmentOf },
                  clientTimeoutMs,
                );
          const cpu = outcome.status === 'ok' ? outcome.measurement.cpuUsPerRequest : undefined;
          if (client === 'hub-bare') bare = cpu;
          features.push({
            client,
            mode,
            writes,
            outcome,
            cpuVsBareHub: ratioOf(cpu, bare),
            cpuVsFloor: ratioOf(cpu, cpuOf('floor', mode, writes)),
            cpuAddedUs: cpu === undefined || bare === undefined ? undefined : cpu - bare,
          });
        }
      }
    }

    if (groups.has('cold-start')) {
      log(`cold start: ${sizes.coldStartProcesses} fresh processes per subject`);
      const begun = performance.now();
      let measured: Map<ColdStartSubject, ColdStartMeasurement> | undefined;
      let reason = 'not run';
      try {
        measured = await measureColdStart(COLD_START_SUBJECTS, sizes.coldStartProcesses, upstream.origin);
        log(`  ok  cold start (${((performance.now() - begun) / 1000).toFixed(1)} s)`);
      } catch (error) {
        reason = reasonOf(error);
        log(`  n/a cold start: ${reason}`);
      }
      const sdk = measured?.get('openai-sdk');
      for (const subject of COLD_START_SUBJECTS) {
        const measurement = measured?.get(subject);
        coldStarts.push({
          subject,
          outcome: measurement === undefined ? { status: 'n/a', reason } : { status: 'ok', measurement },
          loadVsOpenAiSdk: ratioOf(measurement?.loadMs, sdk?.loadMs),
          loadCpuVsOpenAiSdk: ratioOf(measurement?.loadCpuMs, sdk?.loadCpuMs),
        });
      }
    }

    if (groups.has('embeddings')) {
      const shape = `${sizes.embeddings.inputs} inputs × ${sizes.embeddings.dimensions.toLocaleString('en-US')} dimensions`;
      log(`embeddings: ${shape}, base64 from the upstream`);
      const outcomes = new Map<EmbeddingClientName, Outcome<EmbeddingsMeasurement>>();
      for (const client of EMBEDDING_CLIENTS) {
        outcomes.set(
          client,
          await attempt<EmbeddingsMeasurement>(
            `${client} embeddings`,
            { kind: 'embeddings', client, sizes: sizes.embeddings, ...environmentOf },
            clientTimeoutMs,
          ),
        );
      }
      const cpuOf = (client: EmbeddingClientName): number | undefined => {
        const outcome = outcomes.get(client);
        return outcome?.status === 'ok' ? outcome.measurement.cpuUsPerCall : undefined;
      };
      for (const [client, outcome] of outcomes) {
        embeddings.push({
          client,
          outcome,
          cpuVsFloor: ratioOf(cpuOf(client), cpuOf('floor')),
          cpuVsOpenAiSdk: ratioOf(cpuOf(client), cpuOf('openai-sdk')),
        });
      }
    }

    if (groups.has('scale')) {
      log(
        `scale: ${sizes.openStreams.toLocaleString('en-US')} open streams, ${sizes.leakRequests.toLocaleString('en-US')} sequential requests${options.quick ? ' (scaled down for --quick)' : ''}`,
      );
      const outcomes = new Map<ClientName, Outcome<OpenStreamsMeasurement>>();
      for (const client of OPEN_STREAM_CLIENTS) {
        outcomes.set(
          client,
          await attempt<OpenStreamsMeasurement>(
            `${client} open streams`,
            { kind: 'open-streams', client, streams: sizes.openStreams, ...environmentOf },
            scaleTimeoutMs,
          ),
        );
      }
      const floor = outcomes.get('floor');
      for (const [client, outcome] of outcomes) {
        openStreams.push({
          client,
          outcome,
          rssVsFloor: ratioOf(
            outcome.status === 'ok' ? outcome.measurement.rssPerStream : undefined,
            floor?.status === 'ok' ? floor.measurement.rssPerStream : undefined,
          ),
        });
      }
      leak = {
        client: LEAK_CLIENT,
        outcome: await attempt<LeakMeasurement>(
          `${LEAK_CLIENT} leak check`,
          {
            kind: 'leak',
            client: LEAK_CLIENT,
            requests: sizes.leakRequests,
            warmup: sizes.complete.warmup,
            ...environmentOf,
          },
          scaleTimeoutMs,
        ),
      };
    }

    if (groups.has('gateway')) {
      log('gateways (the hub gateway runs from its TypeScript sources through tsx, its packages from dist)');
      const authorization = `Bearer ${BENCH_API_KEY}`;
      const start = async (
        name: string,
        starter: () => Promise<ServerProcess>,
      ): Promise<ServerProcess | { reason: string }> => {
        try {
          return await starter();
        } catch (error) {
          log(`  n/a gateway ${name}: ${error instanceof Error ? error.message : String(error)}`);
          return { reason: `did not start: ${reasonOf(error)}` };
        }
      };
      const load = (
        name: string,
        endpoint: GatewayEndpoint,
        server: ServerProcess,
        target: Omit<GatewayTarget, 'name' | 'endpoint' | 'origin' | 'serverPid'>,
      ): Promise<Outcome<GatewayLoadMeasurement>> =>
        attempt<GatewayLoadMeasurement>(
          `gateway ${name} ${endpoint}`,
          {
            kind: 'gateway-load',
            target: { name, endpoint, origin: server.origin, serverPid: server.pid, ...target },
            sizes: sizes.gateway,
            ...environmentOf,
          },
          clientTimeoutMs,
        );
      const measured = new Map<string, Outcome<GatewayLoadMeasurement>>();
      const key = (target: string, endpoint: GatewayEndpoint): string => `${target} ${endpoint}`;
      // each server is started just before its rows and stopped after them, so an idle gateway
      // never sits beside another one under load
      const series = async (
        name: string,
        starter: () => Promise<ServerProcess>,
        endpoints: readonly GatewayEndpoint[],
        target: (
          endpoint: GatewayEndpoint,
        ) => Omit<GatewayTarget, 'name' | 'endpoint' | 'origin' | 'serverPid'>,
      ): Promise<void> => {
        const server = await start(name, starter);
        try {
          for (const endpoint of endpoints) {
            measured.set(
              key(name, endpoint),
              'reason' in server
                ? { status: 'n/a', reason: server.reason }
                : await load(name, endpoint, server, target(endpoint)),
            );
          }
        } finally {
          if (!('reason' in server)) await server.stop();
        }
      };
      // the fake upstream speaks chat completions and embeddings only: messages and responses
      // are compared with a direct chat completion, the call the gateway makes for them
      await series(
        'direct',
        async () => ({ ...upstream, stop: async () => {} }),
        options.quick ? ['chat', 'chat-stream'] : ['chat', 'chat-stream', 'embeddings'],
        () => ({
          headers: { authorization },
          model: BENCH_MODEL,
        }),
      );
      // --quick keeps chat completions plain and streamed: a smoke test, not a comparison
      await series(
        'hub-gateway',
        () => startHubGateway(upstream.origin),
        options.quick ? QUICK_GATEWAY_ENDPOINTS : GATEWAY_ENDPOINTS,
        (endpoint) => ({
          headers: {},
          model: `openai/${endpoint === 'embeddings' ? EMBEDDING_MODEL : BENCH_MODEL}`,
        }),
      );
      await series(
        'portkey',
        startPortkeyGateway,
        options.quick ? ['chat'] : ['chat', 'chat-stream'],
        () => ({
          headers: {
            authorization,
            'x-portkey-provider': 'openai',
            'x-portkey-custom-host': `${upstream.origin}/v1`,
          },
          model: BENCH_MODEL,
        }),
      );
      for (const endpoint of GATEWAY_ENDPOINTS) {
        const directOutcome = measured.get(
          key('direct', endpoint === 'messages' || endpoint === 'responses' ? 'chat' : endpoint),
        );
        const base = directOutcome?.status === 'ok' ? directOutcome.measurement : undefined;
        for (const target of ['direct', 'hub-gateway', 'portkey']) {
          const outcome = measured.get(key(target, endpoint));
          if (outcome === undefined) continue;
          const measurement = outcome.status === 'ok' ? outcome.measurement : undefined;
          gateways.push({
            target,
            endpoint,
            outcome,
            addedP50Ms:
              measurement === undefined || base === undefined
                ? undefined
                : measurement.sequential.p50 - base.sequential.p50,
            addedP99Ms:
              measurement === undefined || base === undefined
                ? undefined
                : measurement.concurrent.p99 - base.concurrent.p99,
            addedFirstChunkP50Ms:
              measurement?.firstChunk === undefined || base?.firstChunk === undefined
                ? undefined
                : measurement.firstChunk.p50 - base.firstChunk.p50,
            throughputVsDirect: ratioOf(measurement?.requestsPerSecond, base?.requestsPerSecond),
          });
        }
      }
    }

    if (groups.has('governance')) {
      const { concurrency, warmupCalls, runs } = sizes.governance;
      log(`governance: key authentication plus a budget reservation at concurrency ${concurrency}`);
      for (const run of runs) {
        const label = `governance ${run.backend} upstream ${run.upstreamMs} ms, ${run.calls.toLocaleString('en-US')} calls`;
        const begun = performance.now();
        let outcome: Outcome<GovernanceMeasurement>;
        try {
          const measurement = await measureGovernance({
            ...run,
            warmupCalls,
            concurrency,
            timeoutMs: scaleTimeoutMs,
          });
          log(`  ok  ${label} (${((performance.now() - begun) / 1000).toFixed(1)} s)`);
          outcome = { status: 'ok', measurement };
        } catch (error) {
          log(`  n/a ${label}: ${error instanceof Error ? error.message : String(error)}`);
          outcome = { status: 'n/a', reason: reasonOf(error) };
        }
        governance.push({
          backend: run.backend,
          upstreamMs: run.upstreamMs,
          outcome,
          addedP50Ms:
            outcome.status === 'ok'
              ? outcome.measurement.admission.p50Ms - outcome.measurement.baseline.p50Ms
              : undefined,
        });
      }
    }
  } finally {
    await upstream.stop();
  }

  const measured = {
    clients,
    features,
    openStreams,
    leak,
    gateways,
    coldStarts,
    embeddings,
    governance,
    quick: options.quick,
  };
  return {
    results: {
      schemaVersion: 1,
      startedAt: startedAt.toISOString(),
      durationMs: performance.now() - started,
      environment,
      sizes,
      ...measured,
      targets: evaluateTargets(measured),
    },
    profiles,
  };
}
