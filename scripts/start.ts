/**
 * `npm start`: the whole stack on one machine.
 * 1. Meilisearch: the one at MEILI_HOST, or the embedded meili-local on MEILI_HTTP_ADDR / MEILI_DB_PATH.
 * 2. The bundled sample content, indexed when the index is empty.
 * 3. The Worker under `wrangler dev` on PORT, holding only a search key.
 * SIGINT or SIGTERM stops all of it. package.json starts this with `exec`: npm passes a signal on to its
 * child only, and an intermediate shell would die of it and leave the stack running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Meilisearch } from 'meilisearch';
import { startMeiliLocal } from '../meili-local/server.ts';
import { findMeilisearchBinary, startMeilisearch } from './meilisearch-bin.ts';
import { runIndexer } from '../indexer/run.ts';
import { searchKeyFor, wranglerEnv } from './worker-key.ts';
import { DEFAULT_INDEX } from '../src/schema/chunk.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
const port = Number(env.PORT ?? 8787);
const indexUid = env.MEILI_INDEX ?? DEFAULT_INDEX;
const sampleDir = join(root, 'sample');

const cleanups: Array<() => Promise<void> | void> = [];
let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function log(line: string): void {
  console.log(`[start] ${line}`);
}

/**
 * Meilisearch to use: MEILI_HOST as given; else the real Meilisearch when MEILI_BIN names it or
 * `meilisearch` is on PATH; else the embedded meili-local. Either one is started here with a master key,
 * on MEILI_HTTP_ADDR, with its data in MEILI_DB_PATH (each engine its own default folder: their files
 * differ).
 */
async function startEngine(): Promise<{ host: string; adminKey?: string; name: string }> {
  if (env.MEILI_HOST) {
    log(`using Meilisearch at ${env.MEILI_HOST}`);
    return {
      host: env.MEILI_HOST,
      adminKey: env.MEILI_API_KEY ?? env.MEILI_MASTER_KEY,
      name: 'meilisearch',
    };
  }
  const bin = findMeilisearchBinary(env, { sharedBuild: false });
  if (env.MEILI_BIN && !bin)
    throw new Error(`MEILI_BIN=${env.MEILI_BIN} is not an executable file`);
  const name = bin ? 'meilisearch' : 'meili-local';
  // A master key is always set so the Worker can be given a search-only key, as in production. Without
  // MEILI_MASTER_KEY one is generated once and kept (mode 600) beside the data, so restarts keep it.
  const dbPath = env.MEILI_DB_PATH ?? join(root, bin ? 'meilisearch.data' : 'data.ms');
  const masterKey = env.MEILI_MASTER_KEY ?? localMasterKey(dbPath);
  const httpAddr = env.MEILI_HTTP_ADDR ?? '127.0.0.1:7700';
  let url: string;
  if (bin) {
    const engine = await startMeilisearch({
      bin,
      dbPath,
      masterKey,
      httpAddr,
      inheritOutput: true,
    });
    cleanups.push(() => engine.stop());
    url = engine.url;
    log(`Meilisearch (${bin}) listening on ${url} (data in ${dbPath})`);
  } else {
    const engine = await startMeiliLocal({ httpAddr, dbPath, masterKey });
    cleanups.push(() => engine.close());
    url = engine.url;
    log(
      `meili-local listening on ${url} (data in ${dbPath}); MEILI_BIN=<path to meilisearch> runs the real engine instead`,
    );
  }
  const keyHint = env.MEILI_MASTER_KEY
    ? '$MEILI_MASTER_KEY'
    : `$(cat ${join(dbPath, MASTER_KEY_FILE)})`;
  log(
    `add articles while it runs: MEILI_HOST=${url} MEILI_API_KEY=${keyHint} npm run index -- <files or folders>`,
  );
  return { host: url, adminKey: masterKey, name };
}

const MASTER_KEY_FILE = '.master-key';

function localMasterKey(dbPath: string): string {
  const file = join(dbPath, MASTER_KEY_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dbPath, { recursive: true });
  const key = randomBytes(24).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

async function indexSampleIfEmpty(
  client: Meilisearch,
  host: string,
  adminKey: string | undefined,
): Promise<void> {
  const documents = await client
    .index(indexUid)
    .getStats()
    .then((s) => s.numberOfDocuments)
    .catch(() => 0);
  if (documents > 0) {
    log(
      `index "${indexUid}" holds ${documents} documents; not re-indexing (run \`npm run index -- sample\` to refresh)`,
    );
    return;
  }
  log(`index "${indexUid}" is empty: indexing ${sampleDir}`);
  const summary = await runIndexer({
    paths: [sampleDir],
    host,
    apiKey: adminKey,
    index: indexUid,
    log,
  });
  log(`indexed ${summary.added} articles`);
}

function startWorker(
  host: string,
  searchKey: string | undefined,
  engineName: string,
): ChildProcess {
  // Its own local state (the cache among it) per engine and port: two stacks from one checkout never
  // answer from each other's cache.
  const state = join(root, '.wrangler', `state-${engineName}-${port}`);
  const args = [
    'dev',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--persist-to',
    state,
    // Plain settings on the command line; the key only in wrangler's environment (see wranglerEnv).
    '--var',
    `MEILI_HOST:${host}`,
    '--var',
    `MEILI_INDEX:${indexUid}`,
    // No Cloudflare edge in front of wrangler dev: any client could write CF-Connecting-IP.
    '--var',
    'TRUST_CF_CONNECTING_IP:false',
  ];
  const wrangler = spawn(join(root, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: wranglerEnv(env, searchKey),
  });
  cleanups.push(() => {
    wrangler.kill('SIGTERM');
  });
  wrangler.on('exit', (code) => {
    if (!stopping) {
      log(`wrangler dev exited with code ${code}`);
      void stop(code ?? 1);
    }
  });
  return wrangler;
}

async function waitForWorker(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function main(): Promise<void> {
  const { host, adminKey, name } = await startEngine();
  const client = new Meilisearch({ host, apiKey: adminKey });
  await indexSampleIfEmpty(client, host, adminKey);
  const searchKey = await searchKeyFor({
    host,
    adminKey,
    index: indexUid,
    given: env.MEILI_SEARCH_KEY,
    log,
  });
  startWorker(host, searchKey, name);
  const url = `http://127.0.0.1:${port}`;
  if (await waitForWorker(url, 60_000)) {
    log(`ready: open ${url}/  (API: ${url}/api/search?q=войск)`);
  } else {
    log(`the Worker did not answer on ${url} within 60 s; see wrangler's output above`);
  }
}

main().catch(async (error: unknown) => {
  console.error(`[start] failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
});
