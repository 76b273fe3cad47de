import { setTimeout as delay } from 'node:timers/promises';
import { WorkLoop } from './work-loop';

const quiet = { log: () => undefined, warn: () => undefined };

/** A loop whose passes are counted, each answering what `answers` says in turn. */
function loopOf(answers: Array<boolean | Error>, idleMs = 10_000) {
  const passes: number[] = [];
  const started = Date.now();
  const loop = new WorkLoop({ activity: 'testing', logger: quiet, idleMs }, () => {
    passes.push(Date.now() - started);
    const answer = answers.shift() ?? false;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  });
  return { loop, passes };
}

describe('a work loop (the relay’s and the republisher’s)', () => {
  it('goes again at once while a pass reports more work, then waits until woken', async () => {
    const { loop, passes } = loopOf([true, true, false]);

    loop.start();
    await delay(50);
    expect(passes).toHaveLength(3);

    loop.wake();
    await delay(20);
    expect(passes).toHaveLength(4);
    await loop.stop();
  });

  it('backs off after a failure, and new work does not cut the back-off short', async () => {
    const { loop, passes } = loopOf([new Error('down'), false]);

    loop.start();
    await delay(20);
    loop.wake();
    await delay(50);
    expect(passes).toHaveLength(1);

    // The first back-off is 200 ms.
    await delay(250);
    expect(passes).toHaveLength(2);
    expect(passes[1]).toBeGreaterThanOrEqual(190);
    await loop.stop();
  });

  it('stops at once, waiting neither out an idle wait nor a back-off', async () => {
    for (const answers of [[false], [new Error('down')]]) {
      const { loop } = loopOf(answers);
      loop.start();
      await delay(20);

      const stopping = Date.now();
      await loop.stop();

      expect(Date.now() - stopping).toBeLessThan(50);
      expect(loop.stopping).toBe(true);
    }
  });

  it('finishes the pass under way before it has stopped', async () => {
    let finished = false;
    const loop = new WorkLoop({ activity: 'testing', logger: quiet, idleMs: 10_000 }, async () => {
      await delay(100);
      finished = true;
      return false;
    });
    loop.start();
    await delay(10);

    await loop.stop();

    expect(finished).toBe(true);
  });
});
