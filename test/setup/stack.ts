/**
 * The whole stack for browser and load tests: meili-local and the indexer as processes, the Worker
 * under `wrangler dev`, all on free loopback ports, all stopped by `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../scripts/meilisearch-bin.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { generateArticles } from '../../bench/corpus.ts';
import {
  ROOT,
  runIndexerProcess,
  startNamedEngine,
  stopProcess,
  type EngineName,
} from './processes.ts';

export interface Stack {
  workerUrl: string;
  engineUrl: string;
  searchKey: string;
  stop(): Promise<void>;
}

export { freePort };

/** Resolve once `url` answers 2xx; reject after `timeoutMs`. */
export async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * Start wrangler dev for the Worker (or another `script`) with the given bindings; resolves when it
 * answers at `readyPath`.
 */
export async function startWorker(
  vars: Record<string, string>,
  environment?: string,
  {
    script,
    readyPath = '/assets/app.css',
    persistTo,
  }: { script?: string; readyPath?: string; persistTo?: string } = {},
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // Its own inspector port too, so that several can run at once.
  const inspectorPort = await freePort();
  const args = [
    'dev',
    ...(script ? [script] : []),
    '--port',
    String(port),
    '--inspector-port',
    String(inspectorPort),
    '--ip',
    '127.0.0.1',
    '--show-interactive-dev-session=false',
    '--log-level',
    'warn',
  ];
  if (environment) args.push('--env', environment);
  if (persistTo) args.push('--persist-to', persistTo);
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const child = spawn(join(ROOT, 'node_modules/.bin/wrangler'), args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    // Its own process group, so that stopping it also stops workerd.
    detached: true,
  });
  // Always drained: writes to a full pipe block wrangler's whole event loop (they are synchronous on Linux),
  // and a Worker logging one line per failed request fills the 64 KiB pipe buffer in seconds. Then it
  // answered nothing, not even SIGTERM. The tail is kept for the error below.
  let stderrTail = '';
  child.stderr?.on('data', (d: Buffer) => (stderrTail = (stderrTail + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}${readyPath}`, 60_000);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`wrangler dev did not start: ${stderrTail}`, { cause: error });
  }
  return { url, child };
}

/**
 * Index `paths` into the engine at `engineUrl` with the indexer CLI (as an editor would) and return the
 * engine's default search key, the one the Worker is given.
 */
export async function indexInto(
  engineUrl: string,
  masterKey: string,
  paths: string[],
  index = 'articles',
): Promise<string> {
  const indexed = await runIndexerProcess(paths, {
    MEILI_HOST: engineUrl,
    MEILI_API_KEY: masterKey,
    MEILI_INDEX: index,
  });
  if (indexed.code !== 0) throw new Error(`indexing failed: ${indexed.stderr}`);
  const keys = await new Meilisearch({ host: engineUrl, apiKey: masterKey }).getKeys();
  return keys.results.find((k) => k.name === 'Default Search API Key')?.key ?? '';
}

/** An engine (meili-local by default) + the sample content and `extraArticles` generated articles + the Worker. */
export async function startStack(
  options: {
    extraArticles?: number;
    /** Articles of the caller's own (the `.jsonl` input format), indexed beside the sample. */
    articles?: object[];
    index?: string;
    engine?: EngineName;
  } = {},
): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'stack-'));
  const masterKey = 'stack-master-key-0123456789';
  const index = options.index ?? 'articles';
  const engine = await startNamedEngine(
    options.engine ?? 'meili-local',
    join(dir, 'db'),
    masterKey,
  );
  const paths = [join(ROOT, 'sample')];
  if (options.extraArticles) {
    const file = join(dir, 'generated.jsonl');
    writeFileSync(
      file,
      generateArticles(options.extraArticles, 5)
        .map((a) => JSON.stringify(a))
        .join('\n'),
    );
    paths.push(file);
  }
  if (options.articles?.length) {
    const file = join(dir, 'own.jsonl');
    writeFileSync(file, options.articles.map((a) => JSON.stringify(a)).join('\n'));
    paths.push(file);
  }
  const searchKey = await indexInto(engine.url, masterKey, paths, index);
  const worker = await startWorker({
    MEILI_HOST: engine.url,
    MEILI_SEARCH_KEY: searchKey,
    MEILI_INDEX: index,
    CACHE_TTL_SECONDS: '0',
  });
  return {
    workerUrl: worker.url,
    engineUrl: engine.url,
    searchKey,
    stop: async () => {
      await stopProcess(worker.child);
      await engine.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
