/**
 * A small `node:http` client: one write per request and keep-alive sockets. Node's fetch (undici) stalls
 * about 40 ms on many requests to the real Meilisearch on loopback; this does not.
 */
import { Agent, request } from 'node:http';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path and query string, e.g. `/indexes/articles/search?q=x`. */
  path: string;
  body?: unknown;
  /** Sent as `Authorization: Bearer <apiKey>` when given. */
  apiKey?: string;
}

export interface HttpAnswer {
  status: number;
  /** Parsed JSON, the text when it is not JSON, or null when empty. */
  body: unknown;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const TIMEOUT_MS = 30_000;

export function send(baseUrl: string, req: HttpRequest): Promise<HttpAnswer> {
  const url = new URL(req.path, baseUrl);
  const payload =
    req.body === undefined
      ? undefined
      : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
  const headers: Record<string, string | number> = {};
  if (payload)
    Object.assign(headers, {
      'Content-Type': 'application/json',
      'Content-Length': payload.length,
    });
  if (req.apiKey !== undefined) headers.Authorization = `Bearer ${req.apiKey}`;
  return new Promise((resolve, reject) => {
    const r = request(url, { method: req.method, headers, agent, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text === '' ? null : text;
        try {
          if (text !== '') body = JSON.parse(text);
        } catch {
          // Not JSON: keep the text.
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    r.on('timeout', () =>
      r.destroy(new Error(`${req.method} ${url} timed out after ${TIMEOUT_MS} ms`)),
    );
    r.on('error', reject);
    r.end(payload);
  });
}

/** Close idle keep-alive sockets so the process can exit. */
export function closeClient(): void {
  agent.destroy();
}
