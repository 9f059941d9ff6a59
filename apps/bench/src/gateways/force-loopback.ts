// Preloaded (`--import`) into a third-party server that listens on every interface and has no
// option to change it: rewrites `listen(port, …)` to listen on 127.0.0.1 only, so the benchmark
// never opens a port beyond loopback.
import { Server } from 'node:net';

const listen = Server.prototype.listen;

Server.prototype.listen = function listenOnLoopback(this: Server, ...args: unknown[]): Server {
  if (typeof args[0] !== 'number') return listen.apply(this, args as Parameters<typeof listen>);
  const callback = args.find((argument) => typeof argument === 'function') as (() => void) | undefined;
  return listen.call(this, { port: args[0], host: '127.0.0.1' }, callback);
} as typeof listen;
