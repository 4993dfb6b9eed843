/**
 * meili-local's HTTP server: body parsing with Meilisearch's limits and errors, API-key checks, routing.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { parseCsv } from './csv.ts';
import { Engine } from './engine.ts';
import { MeiliError, errors } from './errors.ts';
import { RawBody } from './routes/http.ts';
import { importSnapshot, type ImportSnapshotOptions } from './snapshot.ts';
import {
  ClientGone,
  RETRY_AFTER_SECONDS,
  SearchQueue,
  type SearchQueueOptions,
} from './search-queue.ts';
import { allowsIndex, matchRoute, refusal, type Request } from './routes/index.ts';
import {
  readTenantToken,
  tokenAllowsIndex,
  tokenIndexes,
  type SearchRules,
} from './tenant-token.ts';
import type { ApiKey } from './types.ts';

export interface MeiliLocalOptions {
  /** `host:port`; port 0 picks a free one. Default `127.0.0.1:7700`. */
  httpAddr?: string;
  /** Without a master key every route is open, as with Meilisearch. */
  masterKey?: string;
  /** Database directory. Default `./data.ms`. */
  dbPath?: string;
  /** Where dumps are written. Default `dumps` beside the database (`./dumps` for `./data.ms`, as Meilisearch). */
  dumpDir?: string;
  /** Where snapshots are written. Default `snapshots` beside the database. */
  snapshotDir?: string;
  /** A snapshot to start from when there is no database yet (`--import-snapshot`). */
  importSnapshot?: string;
  importSnapshotOptions?: ImportSnapshotOptions;
  logLevel?: 'info' | 'silent';
  /** Largest accepted body, bytes. Meilisearch's default is 100 MB. */
  maxPayloadBytes?: number;
  /** How searches wait their turn and when they are refused (see search-queue.ts). */
  searchQueue?: SearchQueueOptions;
}

export interface MeiliLocal {
  url: string;
  engine: Engine;
  searchQueue: SearchQueue;
  close(): Promise<void>;
}

const DEFAULT_MAX_PAYLOAD = 100 * 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(errors.payloadTooLarge(limit));
  // Events rather than `for await`: the async iterator costs more than a small search body takes to parse.
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(errors.payloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolveBody(
        chunks.length === 1
          ? (chunks[0] as Buffer).toString('utf8')
          : Buffer.concat(chunks).toString('utf8'),
      ),
    );
    req.on('error', reject);
  });
}

function parseBody(
  raw: string,
  contentType: string | undefined,
  method: string,
  query: URLSearchParams,
  documents = false,
): unknown {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const delimiter = query.get('csvDelimiter');
  if (delimiter !== null) {
    if ([...delimiter].length !== 1 || delimiter.charCodeAt(0) > 127) {
      throw new MeiliError(
        400,
        'invalid_document_csv_delimiter',
        `Invalid value in parameter \`csvDelimiter\`: expected a string of one character, but found the following string of ${[...delimiter].length} characters: \`${delimiter}\``,
      );
    }
    if (type !== 'text/csv' && raw.length > 0) {
      throw new MeiliError(
        415,
        'invalid_content_type',
        `The Content-Type \`${type}\` does not support the use of a csv delimiter. The csv delimiter can only be used with the Content-Type \`text/csv\`.`,
      );
    }
  }
  if (raw.length === 0) return undefined;
  if (type === 'text/csv') return parseCsv(raw, delimiter ?? ',');
  if (type === 'application/x-ndjson') {
    const lines = raw.split('\n');
    const docs: unknown[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        docs.push(JSON.parse(line));
      } catch (error) {
        const before = lines.slice(0, i).join('\n').length + (i > 0 ? 1 : 0);
        throw errors.malformedPayload(
          `The \`ndjson\` payload provided is malformed. \`Couldn't serialize document value: ${jsonError(error, raw.slice(0, before + line.length), before)}\`.`,
        );
      }
    });
    return docs;
  }
  if (type !== '' && type !== 'application/json' && method !== 'GET' && method !== 'DELETE')
    throw errors.invalidContentType(type);
  try {
    return JSON.parse(raw);
  } catch (error) {
    const detail = jsonError(error, raw, 0);
    throw errors.malformedPayload(
      documents
        ? `The \`json\` payload provided is malformed. \`Couldn't serialize document value: ${detail}\`.`
        : `The json payload provided is malformed. \`${detail}\`.`,
    );
  }
}

/**
 * A JSON syntax error in serde's words where they can be told: input that ends too soon is
 * "EOF while parsing a value at line L column C"; anything else keeps the parser's own message.
 */
function jsonError(error: unknown, text: string, offset: number): string {
  const message = (error as Error).message;
  const position = /at position (\d+)/.exec(message);
  const end = text.trimEnd().length;
  if (
    message.includes('Unexpected end of JSON input') ||
    (position && offset + Number(position[1]) >= end)
  ) {
    const consumed = text.slice(0, end);
    const line = consumed.split('\n').length;
    const column = consumed.length - (consumed.lastIndexOf('\n') + 1);
    return `EOF while parsing a value at line ${line} column ${column}`;
  }
  return message;
}

function authenticate(
  engine: Engine,
  header: string | undefined,
  action: string | null,
  indexUid: string | undefined,
): { key?: ApiKey; tenantRules?: SearchRules } {
  if (action === 'public') return {};
  // The header is read first, master key or not.
  let token: string | undefined;
  if (header !== undefined) {
    const space = header.indexOf(' ');
    const scheme = space < 0 ? header : header.slice(0, space);
    if (scheme !== 'Bearer') throw errors.missingAuth();
    if (space < 0) throw errors.invalidKey();
    token = header.slice(space + 1);
  }
  if (!engine.masterKey) {
    if (action?.startsWith('keys.')) {
      throw new MeiliError(
        401,
        'missing_master_key',
        'Meilisearch is running without a master key. To access this API endpoint, you must have set a master key at launch.',
        'auth',
      );
    }
    return {};
  }
  if (token === undefined) throw errors.missingAuth();
  if (token === engine.masterKey) return {};
  // Search routes also take tenant tokens, signed with a key's value.
  const tenant =
    action === 'search' ? readTenantToken(token, (uid) => engine.keyValue(uid)) : undefined;
  const key = tenant ? engine.keys.get(tenant.apiKeyUid) : engine.keyByValue(token);
  if (!key || !action) throw errors.invalidKey();
  if (tenant && indexUid !== undefined) {
    if (!tokenAllowsIndex(tenant.rules, indexUid)) {
      throw new MeiliError(
        403,
        'invalid_api_key',
        `The provided tenant token cannot acces the index \`${indexUid}\`, allowed indexes are [${tokenIndexes(
          tenant.rules,
        )
          .map((i) => JSON.stringify(i))
          .join(', ')}].`,
        'auth',
      );
    }
    if (!allowsIndex(key, indexUid))
      throw new MeiliError(
        403,
        'invalid_api_key',
        `The API key used to generate this tenant token cannot acces the index \`${indexUid}\`.`,
        'auth',
      );
  }
  // A route may need several actions (`a+b`): the key must have each.
  for (const needed of action.split('+')) {
    const refused = refusal(key, needed, indexUid);
    if (refused !== null) throw new MeiliError(403, 'invalid_api_key', refused, 'auth');
  }
  return tenant ? { key, tenantRules: tenant.rules } : { key };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  if (body instanceof RawBody) {
    res.writeHead(status, {
      'content-type': body.contentType,
      'content-length': Buffer.byteLength(body.text),
    });
    res.end(body.text);
    return;
  }
  const payload = JSON.stringify(body ?? null);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

export async function startMeiliLocal(options: MeiliLocalOptions = {}): Promise<MeiliLocal> {
  const [host, portText] = splitAddr(options.httpAddr ?? '127.0.0.1:7700');
  const dbPath = resolve(options.dbPath ?? 'data.ms');
  const beside = (given: string | undefined, name: string) =>
    given ? resolve(given) : join(dirname(dbPath), name);
  if (options.importSnapshot)
    importSnapshot(resolve(options.importSnapshot), dbPath, options.importSnapshotOptions);
  const engine = await Engine.open(
    {
      db: dbPath,
      dumps: beside(options.dumpDir, 'dumps'),
      snapshots: beside(options.snapshotDir, 'snapshots'),
    },
    options.masterKey || undefined,
  );
  const limit = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD;
  const log = options.logLevel === 'silent' ? () => {} : (line: string) => console.log(line);
  const searchQueue = new SearchQueue(options.searchQueue);

  const server = createServer((req, res) => {
    void (async () => {
      const started = performance.now();
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      try {
        res.setHeader('access-control-allow-origin', '*');
        if (method === 'OPTIONS') {
          res
            .writeHead(204, {
              'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
              'access-control-allow-headers': '*',
            })
            .end();
          return;
        }
        const matched = matchRoute(method, path);
        // Like Meilisearch (actix without a default service), an unknown route is a bare 404.
        if (!matched) {
          res.writeHead(404).end();
          return;
        }
        if ('methodNotAllowed' in matched) {
          res.writeHead(405).end();
          return;
        }
        const { route, params } = matched;
        const { key, tenantRules } = authenticate(
          engine,
          req.headers.authorization,
          route.action,
          params.uid,
        );
        const raw = await readBody(req, limit);
        const request: Request = {
          method,
          path,
          query: url.searchParams,
          rawQuery: url.search.slice(1),
          body: parseBody(
            raw,
            req.headers['content-type'],
            method,
            url.searchParams,
            path.length === 3 && path[2] === 'documents',
          ),
          key,
          tenantRules,
        };
        let response: Awaited<ReturnType<typeof route.handle>>;
        if (route.action === 'search') {
          // Searches share the one thread in turns; one whose client has gone is not run.
          let closed = false;
          res.once('close', () => (closed = true));
          const ticket = searchQueue.admit(route.turns?.(request) ?? 1, () => closed);
          request.nextTurn = ticket.turn;
          try {
            await ticket.turn();
            response = await route.handle(engine, request, params);
          } finally {
            ticket.done();
          }
        } else response = await route.handle(engine, request, params);
        const [status, body] = response;
        send(res, status, body);
        log(`${method} ${url.pathname} ${status} ${(performance.now() - started).toFixed(1)}ms`);
      } catch (error) {
        if (error instanceof ClientGone) {
          log(`${method} ${url.pathname} dropped: the client has gone`);
          return;
        }
        const meiliError =
          error instanceof MeiliError
            ? error
            : errors.internal(error instanceof Error ? error.message : String(error));
        if (!(error instanceof MeiliError)) console.error(error);
        if (meiliError.code === 'too_many_search_requests')
          res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
        if (!res.headersSent) send(res, meiliError.status, meiliError);
        // Drain what is left of a rejected body so the connection can be reused.
        req.resume();
        log(`${method} ${url.pathname} ${meiliError.status} ${meiliError.code}`);
      }
    })();
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(Number(portText), host, () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    url,
    engine,
    searchQueue,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await engine.close();
    },
  };
}

function splitAddr(addr: string): [string, string] {
  const i = addr.lastIndexOf(':');
  if (i < 0) return [addr, '7700'];
  return [addr.slice(0, i).replace(/^\[|\]$/g, ''), addr.slice(i + 1)];
}
