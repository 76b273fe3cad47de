import { Injectable } from '@nestjs/common';
import { unsealEvents } from '@social-posts/personal-data';
import {
  checkOpenedPersonalData,
  decodePostEvent,
  isSealedEnvelope,
  type ReadablePostEventEnvelope,
  type SealedPostEventEnvelope,
} from '@social-posts/post-events';
import type { KafkaMessage } from 'kafkajs';
import { PostCmdPersonKeys } from '../post-cmd/post-cmd-person-keys';

/** A message's event, readable; or why it cannot be read. */
export type OpenedEvent =
  | { readonly ok: true; readonly envelope: ReadablePostEventEnvelope }
  | { readonly ok: false; readonly reason: string };

/**
 * The events of a batch's messages, decoded and opened: the stream carries personal data sealed
 * (docs/12-privacy.md), opened here with the keys post-cmd holds, every key the batch needs asked
 * for at once. A field whose key post-cmd no longer has reads as null (its person was erased); an
 * opened text the contract does not allow makes its message unreadable. post-cmd away rejects:
 * the batch is consumed again, and nothing is taken for erased meanwhile.
 */
@Injectable()
export class OpenedEvents {
  constructor(private readonly keys: PostCmdPersonKeys) {}

  async of(messages: readonly KafkaMessage[]): Promise<OpenedEvent[]> {
    const decoded = messages.map((message) => decodePostEvent(message.value));
    const sealed = decoded.flatMap((result) =>
      result.ok && isSealedEnvelope(result.envelope) ? [result.envelope] : [],
    );
    const opened = new Map<SealedPostEventEnvelope, ReadablePostEventEnvelope>();
    if (sealed.length > 0) {
      const readable = await unsealEvents(sealed, this.keys.lookup);
      sealed.forEach((envelope, index) => opened.set(envelope, readable[index]!));
    }
    return decoded.map((result): OpenedEvent => {
      if (!result.ok) return result;
      if (!isSealedEnvelope(result.envelope)) return { ok: true, envelope: result.envelope };
      const envelope = opened.get(result.envelope)!;
      const problem = checkOpenedPersonalData(envelope);
      return problem === undefined ? { ok: true, envelope } : { ok: false, reason: problem };
    });
  }
}
