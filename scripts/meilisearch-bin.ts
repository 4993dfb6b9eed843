/**
 * The real Meilisearch binary, when this machine has one: found through MEILI_BIN (default
 * `../shared/meilisearch/meilisearch` beside the checkout) or `meilisearch` on PATH, and started as a child
 * process. `npm start`, the tests and the benchmarks use it as the reference engine; nothing requires it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess } from './stop-process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_MEILI_BIN = resolve(ROOT, '../shared/meilisearch/meilisearch');

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The binary to run: MEILI_BIN, else the shared reference build beside the checkout (tests and benchmarks
 * only: `npm start` keeps to the embedded default unless asked), else `meilisearch` on PATH; or undefined.
 */
export function findMeilisearchBinary(
  env: NodeJS.ProcessEnv = process.env,
  { sharedBuild = true } = {},
): string | undefined {
  if (env.MEILI_BIN) return executable(env.MEILI_BIN) ? resolve(env.MEILI_BIN) : undefined;
  if (sharedBuild && executable(DEFAULT_MEILI_BIN)) return DEFAULT_MEILI_BIN;
  const onPath = spawnSync('sh', ['-c', 'command -v meilisearch'], {
    encoding: 'utf8',
  }).stdout.trim();
  return onPath && executable(onPath) ? onPath : undefined;
}

/** Where it was looked for, for messages that say why it was not found. */
export function whereMeilisearchWasSought(env: NodeJS.ProcessEnv = process.env): string {
  return env.MEILI_BIN
    ? `MEILI_BIN=${env.MEILI_BIN}`
    : `${DEFAULT_MEILI_BIN} or \`meilisearch\` on PATH (set MEILI_BIN)`;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, host, () => server.close(() => resolveFree(true)));
  });
}

export interface MeilisearchProcess {
  url: string;
  child: ChildProcess;
  /** Stop it (SIGTERM) and wait for the exit. */
  stop(): Promise<void>;
}

export interface MeilisearchOptions {
  bin: string;
  /** Its data directory; dumps and snapshots go beside it, never into the working directory. */
  dbPath: string;
  masterKey: string;
  /** `host:port`; port 0 picks a free one. */
  httpAddr?: string;
  /** Forward its log to our stderr (for `npm start`); tests keep it quiet. */
  inheritOutput?: boolean;
  /** A dump to start from (`--import-dump`): the database must be new. */
  importDump?: string;
  /** A snapshot to start from (`--import-snapshot`): the database must be new. */
  importSnapshot?: string;
}

/** Start the real Meilisearch; resolves once `/health` answers. */
export async function startMeilisearch(options: MeilisearchOptions): Promise<MeilisearchProcess> {
  const [host = '127.0.0.1', portText = '0'] = (options.httpAddr ?? '127.0.0.1:0').split(':');
  const port = Number(portText) || (await freePort());
  // Its `/health` is how we know it is up: make sure no other server answers there.
  if (!(await portIsFree(host, port)))
    throw new Error(`cannot start meilisearch: ${host}:${port} is already in use`);
  const url = `http://${host}:${port}`;
  mkdirSync(options.dbPath, { recursive: true });
  const args = [
    '--db-path',
    join(options.dbPath, 'data.ms'),
    '--dump-dir',
    join(options.dbPath, 'dumps'),
    '--snapshot-dir',
    join(options.dbPath, 'snapshots'),
    ...(options.importDump ? ['--import-dump', options.importDump] : []),
    ...(options.importSnapshot ? ['--import-snapshot', options.importSnapshot] : []),
  ];
  args.push(
    '--http-addr',
    `${host}:${port}`,
    '--master-key',
    options.masterKey,
    '--no-analytics',
    '--log-level',
    options.inheritOutput ? 'ERROR' : 'WARN',
  );
  const child = spawn(options.bin, args, {
    cwd: options.dbPath,
    stdio: [
      'ignore',
      options.inheritOutput ? 'inherit' : 'ignore',
      options.inheritOutput ? 'inherit' : 'pipe',
    ],
  });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const stop = () => stopProcess(child);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`meilisearch exited with ${child.exitCode}: ${output}`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`meilisearch did not answer on ${url} within 30 s: ${output}`);
}
