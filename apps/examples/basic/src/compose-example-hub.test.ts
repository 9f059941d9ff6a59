import { describe, expect, it } from 'vitest';
import { composeExampleHub } from './compose-example-hub.js';

describe('the basic example hub', () => {
  it('answers a completion and a stream through the default route', async () => {
    const hub = composeExampleHub();
    const request = { model: 'default', messages: [{ role: 'user' as const, content: 'hello hub' }] };
    const response = await hub.complete(request);
    expect(response).toMatchObject({
      provider: 'mock',
      model: 'mock-1',
      text: 'Echo: hello hub',
      finishReason: 'stop',
    });
    let streamed = '';
    let last = '';
    for await (const chunk of hub.stream(request)) {
      if (chunk.type === 'text-delta') streamed += chunk.text;
      last = chunk.type;
    }
    expect(streamed).toBe('Echo: hello hub');
    expect(last).toBe('finish');
    await hub.close();
  });
});
