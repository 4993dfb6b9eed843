/**
 * `npm start` stopped the way a supervisor or a terminal stops it: SIGTERM or SIGINT to the `npm` process
 * itself. The whole stack goes down with it (engine, Worker), and no file holds the search key, neither
 * while it runs nor after. (SIGKILL cannot be caught: there is no file to leave behind, see
 * scripts/worker-key.ts.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../setup/processes.ts';
import { freePort } from '../setup/stack.ts';

const MASTER_KEY = 'start-signals-master-key-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'start-signals-'));

const answers = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );

/** Files under `folder` changed since `since`, whose text contains `secret`. */
function filesHolding(folder: string, secret: string, since: number): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      return; // gone meanwhile
    }
    if (stat.isDirectory()) {
      if (path.endsWith('node_modules')) return;
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if (stat.isFile() && stat.mtimeMs >= since && stat.size < 1_000_000) {
      if (readFileSync(path, 'latin1').includes(secret)) found.push(path);
    }
  };
  walk(folder);
  return found;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start under a signal', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops the whole stack on %s to npm, and no file holds the key',
    async (signal) => {
      const [port, enginePort] = [await freePort(), await freePort()];
      const started = Date.now();
      const npm = spawn('npm', ['start'], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(port),
          MEILI_HTTP_ADDR: `127.0.0.1:${enginePort}`,
          MEILI_DB_PATH: join(dir, 'db'),
          MEILI_MASTER_KEY: MASTER_KEY,
          MEILI_BIN: '', // meili-local: it runs inside the start script
          MEILI_HOST: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      npm.stdout.on('data', (d) => (output += d));
      npm.stderr.on('data', (d) => (output += d));
      const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
      try {
        await expect
          .poll(() => output.includes('[start] ready'), { timeout: 90_000, interval: 500 })
          .toBe(true);
        const worker = `http://127.0.0.1:${port}/api/health`;
        const engine = `http://127.0.0.1:${enginePort}/health`;
        expect(await answers(worker)).toBe(true);
        const keys = (await (
          await fetch(`http://127.0.0.1:${enginePort}/keys`, {
            headers: { Authorization: `Bearer ${MASTER_KEY}` },
          })
        ).json()) as { results: Array<{ key: string; actions: string[] }> };
        const searchKeys = keys.results.filter((k) => k.actions.join() === 'search');
        expect(searchKeys.length).toBeGreaterThan(0);
        const where = [tmpdir(), join(ROOT, '.wrangler')];
        const holding = () =>
          searchKeys.flatMap((k) =>
            where.flatMap((folder) => filesHolding(folder, k.key, started)),
          );
        expect(holding()).toEqual([]);

        npm.kill(signal);
        await expect
          .poll(async () => (await answers(worker)) || (await answers(engine)), {
            timeout: 15_000,
            interval: 500,
          })
          .toBe(false);
        await exited;
        expect(holding()).toEqual([]);
      } finally {
        if (npm.exitCode === null) npm.kill('SIGKILL');
        rmSync(join(ROOT, '.wrangler', `state-meili-local-${port}`), {
          recursive: true,
          force: true,
        });
      }
    },
    180_000,
  );
});
