import type { BenchClient, BenchClientOptions, ClientName } from './bench-client.js';

/**
 * Creates a client by name, importing its library only now: each scenario process loads the one
 * library it measures, and a library that cannot load on this Node fails only its own scenarios.
 *
 * @param name - Which client.
 * @param options - Upstream origin, path prefix, connections and Redis URL.
 * @returns The client.
 */
export async function createBenchClient(name: ClientName, options: BenchClientOptions): Promise<BenchClient> {
  switch (name) {
    case 'floor':
      return (await import('./create-floor-client.js')).createFloorClient(options);
    case 'openai-sdk':
      return (await import('./create-openai-sdk-client.js')).createOpenAISdkClient(options);
    case 'vercel-ai':
      return (await import('./create-vercel-ai-client.js')).createVercelAiClient(options);
    case 'langchain':
      return (await import('./create-langchain-client.js')).createLangChainClient(options);
    default:
      return (await import('./create-hub-client.js')).createHubClient(name, options);
  }
}
