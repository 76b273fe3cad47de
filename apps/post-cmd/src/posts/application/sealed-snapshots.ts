import type { Snapshot } from '@social-posts/event-sourcing';
import { isSealedText, type SealedText } from '@social-posts/post-events';
import { keyIdOf, seal, unseal, type KeyLookup, type PersonKey } from '@social-posts/personal-data';
import type { PostState } from '../domain/post';

/** A snapshot's state with its author's words: sealed whole with the author's key. */
interface SealedState {
  readonly postId: string;
  readonly sealed: SealedText;
}

const isSealedState = (state: unknown): state is SealedState =>
  typeof state === 'object' && state !== null && isSealedText((state as SealedState).sealed);

/**
 * The state as a snapshot keeps it. A post's state holds its author's name and message, so it
 * is sealed with the author's key like the events it was made of: erasing the author leaves no
 * readable snapshot behind.
 */
export async function sealSnapshot(
  state: PostState,
  keyFor: (username: string) => Promise<PersonKey>,
): Promise<PostState | SealedState> {
  if (state.status !== 'Active' && state.status !== 'Removed') return state;
  return { postId: state.postId, sealed: seal(JSON.stringify(state), await keyFor(state.author)) };
}

/** The snapshot's state; a post whose author's key is gone is erased. */
export async function openSnapshot(snapshot: Snapshot, lookup: KeyLookup): Promise<PostState> {
  const { state } = snapshot;
  if (!isSealedState(state)) return state as PostState;
  const keyId = keyIdOf(state.sealed);
  const key = (await lookup([keyId])).get(keyId);
  if (key === undefined) return { status: 'Erased', postId: state.postId };
  return JSON.parse(unseal(state.sealed, key)) as PostState;
}
