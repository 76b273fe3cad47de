import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

/** The walkthrough and every other page a reader follows links in. */
const PAGES = [
  'README.md',
  'bench/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** Markdown links to files of the repository: `[text](../apps/x.ts)`, `[text](docs/y.md#part)`. */
function fileLinks(page: string): string[] {
  const text = readFileSync(join(ROOT, page), 'utf8');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!.split('#')[0]!)
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

describe('the documentation’s pointers into the code', () => {
  it.each(PAGES)('%s names only paths that exist', (page) => {
    const missing = fileLinks(page).filter(
      (target) => !existsSync(join(ROOT, dirname(page), target)),
    );

    expect(missing.map((target) => relative(ROOT, join(ROOT, dirname(page), target)))).toEqual([]);
  });
});
