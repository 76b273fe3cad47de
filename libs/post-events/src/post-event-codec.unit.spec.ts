import { postCreatedEnvelope, readableEnvelope } from '@test/support/post-event-fixtures';
import {
  POST_EVENT_HEADERS,
  checkOpenedPersonalData,
  decodePostEvent,
  toPostEventMessage,
} from './post-event-codec';
import { MAX_TAGS } from './hashtags';
import type { ReadableData } from './personal-data';
import type { PostCreatedV2 } from './post-events';
import { MAX_MESSAGE_LENGTH, MAX_USERNAME_LENGTH } from './text-limits';

describe('the post event message contract', () => {
  const envelope = postCreatedEnvelope('0b5c6f9e-8d57-4f4b-a1d0-0d6a0f1d2e3f');

  it('keys a message by post id and carries the event type and correlation id as headers', () => {
    expect(toPostEventMessage(envelope)).toEqual({
      key: envelope.aggregateId,
      value: JSON.stringify(envelope),
      headers: {
        [POST_EVENT_HEADERS.eventType]: 'PostCreated',
        [POST_EVENT_HEADERS.correlationId]: envelope.metadata.correlationId,
      },
    });
  });

  it('decodes what it encodes', () => {
    expect(decodePostEvent(Buffer.from(toPostEventMessage(envelope).value))).toEqual({
      ok: true,
      envelope,
    });
  });

  it('counts a text’s length in characters, as the read model’s columns do', () => {
    const atTheLimit = {
      ...envelope,
      data: {
        ...envelope.data,
        author: 'é'.repeat(MAX_USERNAME_LENGTH),
        message: '😀'.repeat(MAX_MESSAGE_LENGTH),
      },
    };
    expect(decodePostEvent(JSON.stringify(atTheLimit))).toEqual({ ok: true, envelope: atTheLimit });
  });

  it('reads the personal fields of an erased person as null, with the key id of who acted', () => {
    const erased = {
      ...envelope,
      person: '7d1f6a52-90b4-4b8e-9f0e-2f1c3c1f9a11',
      data: { ...envelope.data, author: null, message: null, tags: null },
    };
    expect(decodePostEvent(JSON.stringify(erased))).toEqual({ ok: true, envelope: erased });
  });

  it('decodes a sealed event as sealed: its personal fields are checked once opened', () => {
    const sealedText = 'sealed:1:7d1f6a52-90b4-4b8e-9f0e-2f1c3c1f9a11:AAAA';
    const sealed = {
      ...envelope,
      personalData: 'sealed',
      person: '7d1f6a52-90b4-4b8e-9f0e-2f1c3c1f9a11',
      data: { ...envelope.data, author: sealedText, message: sealedText, tags: sealedText },
    };
    expect(decodePostEvent(JSON.stringify(sealed))).toEqual({ ok: true, envelope: sealed });
    const halfSealed = { ...sealed, data: { ...sealed.data, message: 'in the clear' } };
    expect(decodePostEvent(JSON.stringify(halfSealed))).toEqual({
      ok: false,
      reason: 'data.message is not sealed',
    });
    const olderVersion = { ...sealed, schemaVersion: 1 };
    expect(decodePostEvent(JSON.stringify(olderVersion))).toEqual({
      ok: false,
      reason: 'personalData is not sealed at the current schema version',
    });
  });

  it('checks opened personal fields as it checks plain ones, null being an erased person’s', () => {
    const opened = (data: Partial<ReadableData<'PostCreated'>>) =>
      readableEnvelope(envelope.aggregateId, 1, 'PostCreated', {
        postId: envelope.aggregateId,
        author: 'ada',
        message: 'Hello',
        tags: [],
        datePosted: envelope.occurredAt,
        ...data,
      });
    expect(checkOpenedPersonalData(opened({}))).toBeUndefined();
    expect(checkOpenedPersonalData(opened({ author: null, message: null }))).toBeUndefined();
    expect(checkOpenedPersonalData(opened({ message: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) }))).toBe(
      `data.message is longer than ${MAX_MESSAGE_LENGTH} characters`,
    );
  });

  it('decodes a PersonErased', () => {
    const postId = envelope.aggregateId;
    const erasure = {
      ...envelope,
      eventType: 'PersonErased',
      schemaVersion: 1,
      version: 2,
      data: { postId, person: 'key', erasesAuthor: true, erasedAt: envelope.occurredAt },
    };
    expect(decodePostEvent(JSON.stringify(erasure))).toEqual({ ok: true, envelope: erasure });
    const noFlag = { ...erasure, data: { ...erasure.data, erasesAuthor: 'yes' } };
    expect(decodePostEvent(JSON.stringify(noFlag))).toEqual({
      ok: false,
      reason: 'data.erasesAuthor is missing or malformed',
    });
  });

  it('reads a version-1 event as version 2, as a consumer of older messages must', () => {
    const { tags, ...v1Data } = { ...envelope.data, message: 'Hi #There' } as PostCreatedV2;
    const v1 = { ...envelope, schemaVersion: 1, data: v1Data };
    expect(tags).toBeDefined();
    expect(decodePostEvent(JSON.stringify(v1))).toEqual({
      ok: true,
      envelope: { ...v1, schemaVersion: 2, data: { ...v1Data, tags: ['there'] } },
    });
  });

  it('checks a version-1 event as version 1: no tags needed, the same text limits', () => {
    const { tags: _tags, ...v1Data } = envelope.data as PostCreatedV2;
    const tooLong = { ...v1Data, message: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) };
    expect(
      decodePostEvent(JSON.stringify({ ...envelope, schemaVersion: 1, data: tooLong })),
    ).toEqual({
      ok: false,
      reason: `data.message is longer than ${MAX_MESSAGE_LENGTH} characters`,
    });
  });

  const withChange = (change: Record<string, unknown>) =>
    JSON.stringify({ ...envelope, ...change });

  it.each([
    ['an empty value', null, 'empty message value'],
    ['a value that is not JSON', '{"eventType":', 'message value is not JSON'],
    ['a JSON array', '[]', 'message value is not a JSON object'],
    [
      'an unknown event type',
      withChange({ eventType: 'PostShared' }),
      'unknown event type "PostShared"',
    ],
    [
      'a schema version later than this code knows',
      withChange({ schemaVersion: 3 }),
      'unknown schema version 3 of PostCreated',
    ],
    [
      'a version-2 PostCreated without tags',
      withChange({ data: { ...envelope.data, tags: undefined } }),
      'data.tags is missing or malformed',
    ],
    [
      'a tag that is not normalised',
      withChange({ data: { ...envelope.data, tags: ['NestJS'] } }),
      'data.tags holds a malformed tag',
    ],
    [
      'a tag twice',
      withChange({ data: { ...envelope.data, tags: ['a', 'a'] } }),
      'data.tags holds a tag twice',
    ],
    [
      `more than ${MAX_TAGS} tags`,
      withChange({
        data: { ...envelope.data, tags: Array.from({ length: MAX_TAGS + 1 }, (_, n) => `t${n}`) },
      }),
      `data.tags has more than ${MAX_TAGS} tags`,
    ],
    ['a missing aggregate id', withChange({ aggregateId: undefined }), 'aggregateId is not a UUID'],
    [
      'an aggregate id that is not a UUID',
      withChange({ aggregateId: 'post-1' }),
      'aggregateId is not a UUID',
    ],
    [
      'data about another post',
      withChange({ data: { ...envelope.data, postId: '0b5c6f9e-8d57-4f4b-a1d0-0d6a0f1d2e30' } }),
      'data.postId is not the aggregateId',
    ],
    [
      'another aggregate type',
      withChange({ aggregateType: 'Comment' }),
      'aggregateType is not Post',
    ],
    ['a version of 0', withChange({ version: 0 }), 'version is not a positive integer'],
    [
      'a malformed instant',
      withChange({ occurredAt: 'yesterday' }),
      'occurredAt is not an instant',
    ],
    [
      'no correlation id',
      withChange({ metadata: { causationId: 'c' } }),
      'metadata needs correlationId and causationId',
    ],
    [
      'a trace context that is not a string',
      withChange({ metadata: { ...envelope.metadata, traceparent: 42 } }),
      'metadata.traceparent is not a string',
    ],
    [
      'data without a message',
      withChange({ data: { ...envelope.data, message: undefined } }),
      'data.message is missing or malformed',
    ],
    [
      'an author longer than the contract allows',
      withChange({ data: { ...envelope.data, author: 'a'.repeat(MAX_USERNAME_LENGTH + 1) } }),
      `data.author is longer than ${MAX_USERNAME_LENGTH} characters`,
    ],
    [
      'a message longer than the contract allows',
      withChange({ data: { ...envelope.data, message: '😀'.repeat(MAX_MESSAGE_LENGTH + 1) } }),
      `data.message is longer than ${MAX_MESSAGE_LENGTH} characters`,
    ],
    ['a person that is not a key id', withChange({ person: 42 }), 'person is not a key id'],
    [
      'an erased field that is not a personal one',
      withChange({ data: { ...envelope.data, datePosted: null } }),
      'data.datePosted is missing or malformed',
    ],
    [
      'an erased field in a version-1 event, which is never sealed',
      withChange({
        schemaVersion: 1,
        data: {
          postId: envelope.aggregateId,
          author: null,
          message: 'Hi',
          datePosted: envelope.occurredAt,
        },
      }),
      'data.author is missing or malformed',
    ],
  ])('rejects %s with its reason', (_, value, reason) => {
    expect(decodePostEvent(value)).toEqual({ ok: false, reason });
  });
});
