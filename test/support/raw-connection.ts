import { connect, type Socket } from 'node:net';
import { eventually } from './eventually';

/** A raw HTTP/1.1 connection: what a load balancer keeps open to a service. */
export class Connection {
  private readonly socket: Socket;
  private received = '';
  readonly closed: Promise<void>;

  constructor(url: string) {
    const { hostname, port } = new URL(url);
    this.socket = connect(Number(port), hostname);
    this.socket.setEncoding('utf8').on('data', (chunk: string) => (this.received += chunk));
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  /** Sends `GET path` and waits for the head of its answer. */
  async get(path: string): Promise<string> {
    this.received = '';
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: service\r\n\r\n`);
    await eventually(() => expect(this.received).toContain('\r\n\r\n'), { timeoutMs: 5_000 });
    return this.received;
  }

  get open(): boolean {
    return !this.socket.destroyed && !this.socket.readableEnded;
  }
}
