import type { KeyLookup, PersonKey } from '@social-posts/personal-data';

/**
 * Where the people's data keys are kept (MongoDB here, wrapped by the master key; a KMS could
 * take its place). Deleting a key is what erases a person: everything sealed with it, in the
 * store, on the stream and in backups, can no longer be read.
 */
export interface PersonKeyStore {
  /** The key of the person named `username`, made on first use. */
  keyFor(username: string): Promise<PersonKey>;
  /** The person's key id if they have a key (they acted, and were not erased); none is made. */
  keyIdOf(username: string): Promise<string | undefined>;
  /** The keys of these ids; an id left out has no key any more (its person was erased). */
  readonly lookup: KeyLookup;
  /** Deletes the person's key; answers its id, or undefined when they have none. */
  erase(username: string): Promise<string | undefined>;
}

export const PERSON_KEY_STORE = Symbol('PERSON_KEY_STORE');
