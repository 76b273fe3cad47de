import { ExpiringMap } from './expiring-map';

describe('ExpiringMap', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('given a value kept, answers it until its time is up, then not', () => {
    const kept = new ExpiringMap<string>(10_000);
    kept.set('ada', 'key-1');

    jest.advanceTimersByTime(9_999);
    expect(kept.get('ada')).toBe('key-1');
    jest.advanceTimersByTime(1);
    expect(kept.get('ada')).toBeUndefined();
  });

  it('given many one-time entries, holds only those of the last keeping time, never asked again', () => {
    const kept = new ExpiringMap<number>(10_000);

    for (let second = 0; second < 60; second++) {
      for (let n = 0; n < 100; n++) kept.set(`fan-${second}-${n}`, n);
      jest.advanceTimersByTime(1_000);
    }

    expect(kept.size).toBeLessThanOrEqual(1_000);
  });

  it('given an entry set again, keeps it from then on, behind the older ones', () => {
    const kept = new ExpiringMap<string>(10_000);
    kept.set('ada', 'first');
    jest.advanceTimersByTime(6_000);
    kept.set('grace', 'key');
    kept.set('ada', 'again');

    jest.advanceTimersByTime(6_000);
    kept.set('linus', 'key');

    expect(kept.get('ada')).toBe('again');
    expect(kept.get('grace')).toBe('key');
  });

  it('given no keeping time, keeps nothing', () => {
    const kept = new ExpiringMap<string>(0);
    kept.set('ada', 'key');

    expect(kept.get('ada')).toBeUndefined();
    expect(kept.size).toBe(0);
  });
});
