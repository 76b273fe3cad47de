import { eventually } from './eventually';

/** One server-sent event: its `event`, `id` and `data` (JSON-parsed), or a comment line. */
export interface StreamEvent {
  readonly event: string;
  readonly id?: string;
  readonly data?: unknown;
}

export interface EventStream {
  readonly status: number;
  readonly headers: Headers;
  /** Every event received so far, heartbeats (`event: 'comment'`) included. */
  readonly events: StreamEvent[];
  /** Whether the server has ended the stream. */
  readonly ended: boolean;
  /** Waits until `count` events of type `event` have arrived; resolves to them. */
  waitFor(event: string, count: number, timeoutMs?: number): Promise<StreamEvent[]>;
  close(): void;
}

/** Follows a `text/event-stream` with fetch, as a browser's EventSource would. */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: StreamEvent[] = [];
  let ended = false;
  const reading = (async () => {
    if (!response.body || response.status !== 200) return;
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of response.body) {
        buffered += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          events.push(parse(buffered.slice(0, end)));
          buffered = buffered.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close(), or the connection dropped: what arrived stays in `events`.
    }
    ended = true;
  })();
  return {
    status: response.status,
    headers: response.headers,
    events,
    get ended() {
      return ended;
    },
    waitFor: (event, count, timeoutMs = 20_000) =>
      eventually(
        () => {
          const found = events.filter((each) => each.event === event);
          if (found.length < count) throw new Error(`${found.length} of ${count} ${event} events`);
          return found;
        },
        { timeoutMs, intervalMs: 20 },
      ),
    close: () => {
      abort.abort();
      void reading;
    },
  };
}

function parse(block: string): StreamEvent {
  if (block.startsWith(':')) return { event: 'comment', data: block.slice(1).trim() };
  const fields = new Map<string, string>();
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
  }
  const data = fields.get('data');
  return {
    event: fields.get('event') ?? (fields.has('retry') ? 'retry' : 'message'),
    ...(fields.has('id') ? { id: fields.get('id') } : {}),
    ...(data === undefined ? {} : { data: JSON.parse(data) as unknown }),
    ...(fields.has('retry') ? { data: Number(fields.get('retry')) } : {}),
  };
}
