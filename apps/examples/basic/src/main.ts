import { composeExampleHub } from './compose-example-hub.js';

// Prints one completion and one streamed completion through the mock provider.
const hub = composeExampleHub();
const request = {
  model: 'default',
  messages: [{ role: 'user' as const, content: 'Tell me about LLM Connector Hub.' }],
};

const response = await hub.complete(request);
console.log(
  `completion (${response.provider}/${response.model}, ${response.usage.totalTokens} tokens): ${response.text}`,
);

process.stdout.write('stream: ');
for await (const chunk of hub.stream(request)) {
  if (chunk.type === 'text-delta') process.stdout.write(chunk.text);
  if (chunk.type === 'finish')
    process.stdout.write(`\n[finish: ${chunk.finishReason}, ${chunk.usage?.totalTokens ?? 0} tokens]\n`);
}
await hub.close();
