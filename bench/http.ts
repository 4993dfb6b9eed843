/**
 * The bench's HTTP client: `node:http` over kept-alive connections, each request written at once (headers
 * and body in one write), so the figures are the server's and not the client's. Node's `fetch` is measured
 * beside it on purpose, as the path the indexer takes.
 */
import { Agent, request } from 'node:http';

export interface Answer {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export class HttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  send(method: string, path: string, body?: unknown): Promise<Answer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.base}${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            ...this.headers,
            ...(payload === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(payload),
                }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The JSON of a 2xx answer; anything else stops the bench rather than skewing its figures. */
  async json<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.send(method, path, body);
    if (answer.status < 200 || answer.status >= 300)
      throw new Error(`${method} ${this.base}${path} answered ${answer.status}: ${answer.text}`);
    return JSON.parse(answer.text) as T;
  }

  /** Wait for a task of the engine to finish; it must succeed. */
  async waitTask(uid: number, timeoutMs = 1_800_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = await this.json<{ status: string; error?: { message: string } }>(
        'GET',
        `/tasks/${uid}`,
      );
      if (task.status === 'succeeded') return;
      if (task.status === 'failed' || task.status === 'canceled')
        throw new Error(`task ${uid} ${task.status}: ${task.error?.message}`);
      if (Date.now() > deadline) throw new Error(`task ${uid} still ${task.status}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
