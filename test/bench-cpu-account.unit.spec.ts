import { spentBetween, type ProcessTicks, type Snapshot } from '../bench/support/cpu';

const POSTMASTER = 100;
const postgres = (parent: number, own: number, exitedChildren = 0): ProcessTicks => ({
  group: 'PostgreSQL',
  parent,
  own,
  exitedChildren,
});
const snapshotOf = (entries: [number, ProcessTicks][]): Snapshot => new Map(entries);

describe("the benchmarks' CPU account (bench/support/cpu.ts)", () => {
  it('charges a process alive throughout with what it spent in between', () => {
    const before = snapshotOf([
      [POSTMASTER, postgres(1, 10)],
      [201, postgres(POSTMASTER, 500)],
    ]);
    const after = snapshotOf([
      [POSTMASTER, postgres(1, 12)],
      [201, postgres(POSTMASTER, 530)],
    ]);

    expect(spentBetween(before, after).get('PostgreSQL')).toBe(2 + 30);
  });

  it('charges a backend that exited with what it spent in between, not with its whole life', () => {
    // Backend 201 had spent 500 ticks when the window opened, and 530 by its exit: the
    // postmaster's count of exited children grows by all 530.
    const before = snapshotOf([
      [POSTMASTER, postgres(1, 10)],
      [201, postgres(POSTMASTER, 500)],
    ]);
    const after = snapshotOf([[POSTMASTER, postgres(1, 10, 530)]]);

    expect(spentBetween(before, after).get('PostgreSQL')).toBe(30);
  });

  it('charges a backend born and gone in between with all it spent', () => {
    const before = snapshotOf([[POSTMASTER, postgres(1, 10)]]);
    const after = snapshotOf([[POSTMASTER, postgres(1, 10, 40)]]);

    expect(spentBetween(before, after).get('PostgreSQL')).toBe(40);
  });

  it('charges a backend born in between and still running with all it spent', () => {
    const before = snapshotOf([[POSTMASTER, postgres(1, 10)]]);
    const after = snapshotOf([
      [POSTMASTER, postgres(1, 10)],
      [202, postgres(POSTMASTER, 25)],
    ]);

    expect(spentBetween(before, after).get('PostgreSQL')).toBe(25);
  });
});
