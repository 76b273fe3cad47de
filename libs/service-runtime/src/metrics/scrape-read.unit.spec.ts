import { scrapeRead } from './scrape-read';

/** A read that ends when the test says. */
function controlledRead<T>() {
  const pending: ((value: T) => void)[] = [];
  let reads = 0;
  return {
    read: () =>
      new Promise<T>((resolve) => {
        reads++;
        pending.push(resolve);
      }),
    finish: (value: T) => pending.shift()!(value),
    get reads() {
      return reads;
    },
  };
}

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

  it('answers a slow read with the last value within its bound, and starts no second read meanwhile', async () => {
    const source = controlledRead<number>();
    const read = scrapeRead(source.read, { answerWithinMs: 20 });
    const first = read();
    source.finish(1);
    expect(await first).toBe(1);

    const slow = read(); // the second read is under way, and slow
    expect(await slow).toBe(1);
    expect(await read()).toBe(1);
    expect(source.reads).toBe(2);

    source.finish(2);
    await new Promise((resolve) => setImmediate(resolve));
    const next = read();
    source.finish(3);
    expect(await next).toBe(3);
  });
});
