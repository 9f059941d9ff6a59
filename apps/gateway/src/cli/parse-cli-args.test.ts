import { resolve } from 'node:path';
import { ConfigError } from '@hub/core';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './parse-cli-args.js';

describe('parseCliArgs', () => {
  it('skips the `--` that `pnpm start -- --config x` passes through', () => {
    const args = parseCliArgs(['--', '--config', '/etc/hub.config.yaml', '--print-config'], {});
    expect(args.configPath).toBe('/etc/hub.config.yaml');
    expect(args.printConfig).toBe(true);
  });

  it('resolves a relative config path against INIT_CWD, where the user ran the package manager', () => {
    const args = parseCliArgs(['--config', 'hub.config.yaml'], { INIT_CWD: '/home/user/project' });
    expect(args.configPath).toBe('/home/user/project/hub.config.yaml');
  });

  it('resolves a relative HUB_CONFIG against the working directory without INIT_CWD', () => {
    const args = parseCliArgs([], { HUB_CONFIG: 'conf/hub.yaml' });
    expect(args.configPath).toBe(resolve('conf/hub.yaml'));
  });

  it('still refuses unknown options, naming them', () => {
    expect(() => parseCliArgs(['--', '--conifg', 'x'], {})).toThrow(/Unknown option --conifg/);
    expect(() => parseCliArgs(['--port'], {})).toThrow(ConfigError);
  });

  it('reads --port=<n> and refuses a port out of range', () => {
    expect(parseCliArgs(['--port=0'], {}).port).toBe(0);
    expect(() => parseCliArgs(['--port', '70000'], {})).toThrow(/0 to 65535/);
  });
});
