/**
 * A client's idempotency key, as the store keeps it with the event the request appended: `key`
 * identifies the request among all others (scoped to its user), `request` fingerprints what was
 * asked, so that the same key with something else asked can be told apart.
 */
export interface IdempotencyKey {
  readonly key: string;
  readonly request: string;
}

/** An earlier event was appended with this idempotency key; nothing was stored. */
export class IdempotencyKeyTaken extends Error {
  constructor(readonly key: string) {
    super(`An event was already stored with idempotency key ${key}`);
    this.name = 'IdempotencyKeyTaken';
  }
}
