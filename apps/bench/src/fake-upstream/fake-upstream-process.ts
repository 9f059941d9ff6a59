// Process entry: runs the fake upstream in a process of its own and reports its origin over IPC.
import { createFakeUpstream } from './create-fake-upstream.js';

const chunks = Number(process.env.BENCH_UPSTREAM_CHUNKS ?? '50');
const upstream = await createFakeUpstream({ chunks });
process.send?.({ type: 'ready', origin: upstream.origin });

const stop = (): void => {
  upstream.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// the orchestrator died or let go: nothing is left to serve
process.once('disconnect', stop);
