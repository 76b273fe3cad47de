import { scrapeRead } from './scrape-read';

describe('scrapeRead', () => {
  it('gives the callers of one moment one read, and reads again once it has settled', async () => {
    let reads = 0;
    const read = scrapeRead(() => Promise.resolve(++reads));

    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    expect(await read()).toBe(2);
  });

  it('answers a failed read with undefined, and reads again at the next call', async () => {
    let calls = 0;
    const read = scrapeRead(() =>
      ++calls === 1 ? Promise.reject(new Error('store away')) : Promise.resolve(calls),
    );

    expect(await read()).toBeUndefined();
    expect(await read()).toBe(2);
  });
});
