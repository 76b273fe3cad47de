import type { KeyObject } from 'node:crypto';
import {
  PERSONAL_FIELDS,
  isSealedText,
  type PostEventEnvelope,
  type PostEventType,
  type ReadablePostEventEnvelope,
  type SealedPostEventEnvelope,
} from '@social-posts/post-events';
import type { PersonKey } from './person-key';
import { keyIdOf, seal, unseal } from './sealed-text';

/** Finds a person's key by its id; undefined once the person was erased. */
export type KeyLookup = (keyIds: readonly string[]) => Promise<ReadonlyMap<string, KeyObject>>;

type Fields = Record<string, unknown>;

/**
 * The event with its personal fields sealed with the key of the person who acted, and their key
 * id as its `person`. No one acts for the system's own commands (moderation's, an erasure's):
 * their events hold no personal field.
 */
export function sealEvent(
  event: PostEventEnvelope,
  actor: PersonKey | undefined,
): SealedPostEventEnvelope {
  const data: Fields = { ...event.data };
  for (const field of PERSONAL_FIELDS[event.eventType]) {
    if (actor === undefined) throw new Error(`${event.eventType} holds personal data: who acted?`);
    const value = data[field];
    data[field] = seal(typeof value === 'string' ? value : JSON.stringify(value), actor);
  }
  const person = actor === undefined ? {} : { person: actor.keyId };
  return { ...event, data, personalData: 'sealed', ...person } as SealedPostEventEnvelope;
}

/**
 * The events as a reader gets them: sealed fields opened with their keys (each key looked up
 * once for all the events), a field whose key is gone null. An event stored before sealing
 * (plain) is as it was. Only the event types `opens` names are opened: a reader that needs no
 * one's words from the others (a post's state counts likes, it does not name likers) gets their
 * personal fields null, and looks up no key for them.
 */
export async function unsealEvents(
  events: readonly (SealedPostEventEnvelope | PostEventEnvelope)[],
  lookup: KeyLookup,
  opens: (eventType: PostEventType) => boolean = () => true,
): Promise<ReadablePostEventEnvelope[]> {
  const keyIds = new Set<string>();
  for (const event of events) {
    if (!opens(event.eventType)) continue;
    for (const value of personalValues(event)) if (isSealedText(value)) keyIds.add(keyIdOf(value));
  }
  const keys = keyIds.size === 0 ? new Map<string, KeyObject>() : await lookup([...keyIds]);
  return events.map((event) => {
    if (!('personalData' in event)) return event;
    const { personalData: _sealed, ...envelope } = event;
    const data: Fields = { ...envelope.data };
    for (const field of PERSONAL_FIELDS[event.eventType]) {
      const value = data[field];
      if (!isSealedText(value)) continue;
      const key = opens(event.eventType) ? keys.get(keyIdOf(value)) : undefined;
      const text = key === undefined ? null : unseal(value, key);
      data[field] = text === null || field !== 'tags' ? text : (JSON.parse(text) as unknown);
    }
    return { ...envelope, data } as ReadablePostEventEnvelope;
  });
}

const personalValues = (event: SealedPostEventEnvelope | PostEventEnvelope): unknown[] =>
  PERSONAL_FIELDS[event.eventType].map((field) => (event.data as Fields)[field]);
