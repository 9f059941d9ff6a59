// variables that would point a client library somewhere else or switch on its tracing
const FOREIGN = /^(OPENAI_|LANGCHAIN_|LANGSMITH_|AI_SDK_|PORTKEY_|HUB_)/;

/**
 * The environment of a child process: this one's, without variables that change how a client
 * library behaves (`OPENAI_BASE_URL`, LangSmith tracing, …), plus `extra`.
 *
 * @param extra - Variables to add.
 * @returns The environment.
 */
export function childEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!FOREIGN.test(name)) environment[name] = value;
  }
  return { ...environment, ...extra };
}
