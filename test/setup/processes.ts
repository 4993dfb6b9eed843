/**
 * Starting the project's own programs as child processes, as a user would run them: meili-local and the
 * indexer CLI. Tests use real processes so that crashes (kill -9) and HTTP are real too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopProcess } from '../../scripts/stop-process.ts';
import {
  findMeilisearchBinary,
  startMeilisearch,
  whereMeilisearchWasSought,
} from '../../scripts/meilisearch-bin.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Run a TypeScript entry point of the project with tsx. */
export function runTs(
  entry: string,
  args: string[],
  env: Record<string, string> = {},
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface EngineProcess {
  url: string;
  child: ChildProcess;
  /** Stop gracefully (SIGTERM) and wait for the exit. */
  stop(): Promise<void>;
}

export type EngineName = 'meili-local' | 'meilisearch';

const realBinary = findMeilisearchBinary();
/** The engines the whole-stack tests run on: meili-local, and the real Meilisearch when it is found. */
export const ENGINE_NAMES: EngineName[] = [
  'meili-local',
  ...(realBinary ? (['meilisearch'] as const) : []),
];
if (!realBinary)
  console.warn(
    `[engines] real Meilisearch not found at ${whereMeilisearchWasSought()}: these tests run on meili-local only`,
  );

/**
 * Start `name` as a process with its data in `dbPath`; resolves once it answers. `startTimeoutMs` bounds
 * meili-local's start, which rebuilds its index (the bench's restarts of a large index need longer).
 */
export function startNamedEngine(
  name: EngineName,
  dbPath: string,
  masterKey: string,
  httpAddr = '127.0.0.1:0',
  startTimeoutMs = 30_000,
): Promise<EngineProcess> {
  return name === 'meilisearch'
    ? startMeilisearch({ bin: realBinary as string, dbPath, masterKey, httpAddr })
    : startEngineProcess(dbPath, masterKey, httpAddr, startTimeoutMs);
}

/** Start meili-local on a free port; resolves once it listens. */
export function startEngineProcess(
  dbPath: string,
  masterKey: string,
  httpAddr = '127.0.0.1:0',
  startTimeoutMs = 30_000,
): Promise<EngineProcess> {
  const child = runTs('meili-local/cli.ts', [
    '--http-addr',
    httpAddr,
    '--db-path',
    dbPath,
    '--master-key',
    masterKey,
    '--quiet',
  ]);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`meili-local did not start in ${startTimeoutMs} ms: ${output}`));
    }, startTimeoutMs);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1] as string, child, stop: () => stopProcess(child) });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`meili-local exited with ${code}: ${output}`));
    });
  });
}

/** Run the indexer CLI to completion; resolves with its exit code and output. */
export function runIndexerProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = runTs('indexer/cli.ts', args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

export { stopProcess };
