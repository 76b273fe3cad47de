import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@social-posts/event-sourcing';
import { unsealEvents } from '@social-posts/personal-data';
import type { StoredPostEventEnvelope } from '@social-posts/post-events';
import { PersonKeys } from '../../personal-data/person-keys';
import { ExportPersonalDataQuery } from './export-personal-data.query';
import { personalDataExport, type PersonalDataExport } from './personal-data-export';

/**
 * A person's data from the event store: every event sealed with their key, found by one indexed
 * equality across all posts, opened. Someone who never acted has no key, and nothing to export.
 */
@QueryHandler(ExportPersonalDataQuery)
export class ExportPersonalDataHandler implements IQueryHandler<ExportPersonalDataQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<StoredPostEventEnvelope>,
    private readonly keys: PersonKeys,
  ) {}

  async execute({ username }: ExportPersonalDataQuery): Promise<PersonalDataExport> {
    const exportedAt = new Date().toISOString();
    const keyId = await this.keys.keyIdOf(username);
    const events =
      keyId === undefined
        ? []
        : await unsealEvents(await this.store.readByPerson(keyId), this.keys.lookup);
    return personalDataExport(username, events, exportedAt);
  }
}
