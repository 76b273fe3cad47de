/**
 * An aggregate's state as of a version, so that a load replays only the events after it.
 * `stateVersion` names the shape of `state` (and the `evolve` that made it): a snapshot of any
 * other shape is ignored, never misread.
 */
export interface Snapshot {
  readonly aggregateId: string;
  readonly version: number;
  readonly stateVersion: number;
  readonly state: unknown;
}

/**
 * Where snapshots are kept: the latest per aggregate. An optimisation only; losing every
 * snapshot changes no answer, so a failed save is not a failed command.
 */
export interface SnapshotStore {
  /** The latest snapshot saved for the aggregate, if any. */
  load(aggregateId: string): Promise<Snapshot | null>;

  /** Keeps `snapshot` unless a snapshot of a later version is already kept. */
  save(snapshot: Snapshot): Promise<void>;
}

export const SNAPSHOT_STORE = Symbol('SnapshotStore');
