import { postCreatedEnvelope } from '../../../test/support/post-event-fixtures';
import { POST_EVENT_HEADERS, decodePostEvent, toPostEventMessage } from './post-event-codec';
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
      'an unknown schema version',
      withChange({ schemaVersion: 2 }),
      'unknown schema version 2 of PostCreated',
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
  ])('rejects %s with its reason', (_, value, reason) => {
    expect(decodePostEvent(value)).toEqual({ ok: false, reason });
  });
});
