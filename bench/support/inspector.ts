import { freePort } from '../../test/support/service-process';

/**
 * A service started with `--inspect=127.0.0.1:<port>`, seen through the DevTools protocol: a
 * benchmark can run a full garbage collection in it and read what its heap then holds. A
 * resident size read without one also counts the garbage of the last burst and the headroom V8
 * keeps above the live heap.
 */
export interface HeapAfterCollection {
  /** Bytes of the JS heap still live after a full collection. */
  readonly usedBytes: number;
}

/** A free local port for a service's inspector, and the Node option that opens it there. */
export async function inspectorOnFreePort(): Promise<{ port: number; nodeOptions: string[] }> {
  const port = await freePort();
  return { port, nodeOptions: [`--inspect=127.0.0.1:${port}`] };
}

export async function collectGarbage(inspectPort: number): Promise<HeapAfterCollection> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  const answers = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (message) => {
    const { id, result } = JSON.parse(String(message.data)) as { id?: number; result?: unknown };
    if (id !== undefined) answers.get(id)?.(result);
  });
  let next = 0;
  const call = <T>(method: string): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = ++next;
      answers.set(id, (result) => resolve(result as T));
      socket.send(JSON.stringify({ id, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = await call<{ usedSize: number }>('Runtime.getHeapUsage');
    return { usedBytes: usedSize };
  } finally {
    socket.close();
  }
}
