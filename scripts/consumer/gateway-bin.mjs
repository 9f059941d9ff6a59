// Runs the `hub-gateway` bin installed from the packed tarball, as a user would, and asks the
// embedded mock default for a first answer. Prints the time from spawn to that answer.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';

const bin = process.argv[2];
const started = performance.now();
const child = spawn(bin, ['--port', '0'], {
  env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const watchdog = setTimeout(() => {
  child.kill();
  console.error('hub-gateway did not listen within 60 s');
  process.exit(1);
}, 60_000);
const url = await new Promise((resolve, reject) => {
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (text) => {
    buffered += text;
    const match = /"url":"(http:[^"]+)"/.exec(buffered);
    if (match) resolve(match[1]);
  });
  child.once('exit', (code) => reject(new Error(`hub-gateway exited with ${code} before listening`)));
});
const response = await fetch(`${url}/v1/chat/completions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'hello' }] }),
});
const body = await response.json();
const elapsed = Math.round(performance.now() - started);
clearTimeout(watchdog);
child.kill('SIGTERM');
assert.equal(response.status, 200);
assert.equal(body.object, 'chat.completion');
assert.match(body.choices[0].message.content, /\S/);
console.log(`hub-gateway from the tarball: first answer ${elapsed} ms after spawn`);
