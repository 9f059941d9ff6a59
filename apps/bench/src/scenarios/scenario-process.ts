// Process entry: runs the task in BENCH_TASK in this fresh process and reports over IPC.
import { runScenarioTask } from './run-scenario-task.js';
import type { ScenarioTask } from './scenario-task.js';

const finish = (message: unknown, code: number): void => {
  if (process.send === undefined) {
    console.error(JSON.stringify(message));
    process.exit(code);
  }
  process.send(message, () => process.exit(code));
};

try {
  const task = JSON.parse(process.env.BENCH_TASK ?? '') as ScenarioTask;
  finish({ type: 'result', result: await runScenarioTask(task) }, 0);
} catch (error) {
  finish(
    { type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    1,
  );
}
