import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

describe('the Node.js the project runs and is tested on', () => {
  it('is the LTS major that scripts/lib/node.sh pins, whatever the machine has', () => {
    const pinned = /^NODE_MAJOR=(\d+)$/m.exec(
      readFileSync(join(ROOT, 'scripts', 'lib', 'node.sh'), 'utf8'),
    )?.[1];

    expect(pinned).toBe('24');
    expect(process.versions.node.split('.')[0]).toBe(pinned);
  });

  it('is what package.json’s engines and the Dockerfile name', () => {
    const { engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    const images = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').match(/^FROM node:\S+/gm);

    expect(engines.node).toBe('>=24.11.0');
    expect(images).toEqual(['FROM node:24-bookworm-slim', 'FROM node:24-bookworm-slim']);
  });
});
