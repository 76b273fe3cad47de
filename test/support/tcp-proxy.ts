import { createServer, connect, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server, which counts what clients send it and can be made to
 * stop answering: connections are
 * still accepted and kept open, but no byte passes either way, as with a server in a long GC
 * pause, on a full disk or behind a dropped route. The servers themselves stay untouched.
 */
export interface TcpProxy {
  /** The proxy's address, for a URL in place of the server's. */
  readonly host: string;
  readonly port: number;
  hang(): void;
  /** Passes on what was held, and everything after. */
  answer(): void;
  /** Bytes the clients have sent towards the server so far: what they ask of it. */
  bytesToServer(): number;
  close(): Promise<void>;
}

export async function tcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let hung = false;
  let bytesToServer = 0;
  const resumers = new Set<() => void>();

  /** Forwards `from` to `to`, holding what arrives while hung. */
  const forward = (from: Socket, to: Socket, count: (bytes: number) => void) => {
    const held: Buffer[] = [];
    from.on('data', (chunk: Buffer) => {
      count(chunk.length);
      if (hung) held.push(chunk);
      else to.write(chunk);
    });
    const resume = () => {
      for (const chunk of held.splice(0)) to.write(chunk);
    };
    resumers.add(resume);
    from.on('close', () => resumers.delete(resume));
  };

  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    forward(client, upstream, (bytes) => (bytesToServer += bytes));
    forward(upstream, client, () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    host: '127.0.0.1',
    port,
    hang: () => {
      hung = true;
    },
    bytesToServer: () => bytesToServer,
    answer: () => {
      hung = false;
      for (const resume of resumers) resume();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Puts a proxy in front of the server a URL variable names (`MONGO_URL`, `DATABASE_URL`) and
 * points the variable at it: services started afterwards go through the proxy.
 */
export async function proxyServerOf(variable: string): Promise<TcpProxy> {
  const url = new URL(process.env[variable]!);
  const proxy = await tcpProxy({ host: url.hostname, port: Number(url.port) });
  url.hostname = proxy.host;
  url.port = String(proxy.port);
  process.env[variable] = url.toString();
  return proxy;
}
