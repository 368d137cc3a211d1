/**
 * The HTTP bench's client connection: one keep-alive HTTP/1.1 connection over node:net that sends
 * one request at a time and reads the answer's status line, headers and `Content-Length` body.
 *
 * Why not node:http, fetch, undici or autocannon: the officers stand for browsers on other
 * machines, but here they share the server's two cores, so every millisecond the client spends is
 * taken from the server being measured. node:http's client cost 0.56 ms of CPU per claim +
 * complete and this one 0.19 ms, and the API's throughput rose by about a fifth with nothing
 * changed on the server (fetch costs 2.5× node:http; undici's Pool was no cheaper). autocannon has a
 * lean client too, but its model is a fixed request list per connection repeated until a request
 * count, which fits neither one token per officer, nor a pair of requests per task taken from a
 * shared queue, nor the latency of that pair. This is a measuring tool, not a general client: it
 * refuses chunked responses (the API always sends a length) and fails on anything unexpected.
 */
import { connect, type Socket } from 'node:net';

export interface Answer {
  readonly status: number;
  readonly body: string;
}

const HEAD_END = Buffer.from('\r\n\r\n');

export class KeepAliveConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve(answer: Answer): void; reject(error: Error): void } | undefined;
  private broken: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly host: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.readAnswer();
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  static open(base: URL): Promise<KeepAliveConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(base.port), base.hostname);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new KeepAliveConnection(socket, base.host));
      });
    });
  }

  /** Sends a request without a body and waits for the whole answer. */
  send(method: 'GET' | 'POST', path: string, headers: Readonly<Record<string, string>> = {}): Promise<Answer> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.waiting) return Promise.reject(new Error('one request at a time on a connection'));
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}\r\nContent-Length: 0\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`${head}\r\n`);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private readAnswer(): void {
    const headEnd = this.buffered.indexOf(HEAD_END);
    if (headEnd < 0) return;
    const head = this.buffered.toString('latin1', 0, headEnd);
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
    if (!status) return this.fail(new Error(`not an HTTP answer: ${head.slice(0, 40)}`));
    if (/\r\ntransfer-encoding:/i.test(head)) return this.fail(new Error('a chunked answer (the bench client reads Content-Length only)'));
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const bodyStart = headEnd + HEAD_END.length;
    if (this.buffered.length < bodyStart + length) return;
    const body = this.buffered.toString('utf8', bodyStart, bodyStart + length);
    this.buffered = this.buffered.subarray(bodyStart + length);
    const waiting = this.waiting;
    this.waiting = undefined;
    if (!waiting) return this.fail(new Error('an answer nobody asked for'));
    waiting.resolve({ status: Number(status[1]), body });
  }

  private fail(error: Error): void {
    this.broken ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}
