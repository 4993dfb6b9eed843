/**
 * schemathesis (property-based testing from the OpenAPI document, PyPI) against the Worker's
 * /openapi.json on every engine: every documented operation, its default checks (no server error,
 * status codes, content types, response schemas, schema-invalid requests refused; see
 * schemathesis.toml), zero failures. Uses `schemathesis` from PATH, else installs it into a venv
 * under .tmp/. When that is impossible (no Python, no PyPI) the suite fails, saying why: a green run
 * must mean the check ran. `SCHEMATHESIS=skip` goes without it on purpose.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENGINE_NAMES,
  ROOT,
  startNamedEngine,
  stopProcess,
  type EngineProcess,
} from '../setup/processes.ts';
import { indexInto, startWorker } from '../setup/stack.ts';

const VENV = join(ROOT, '.tmp', 'schemathesis');
const CONFIG = join(ROOT, 'test', 'resilience', 'schemathesis.toml');
const MASTER_KEY = 'schemathesis-master-key-0123456789';

/** The schemathesis executable, installing it when needed; or why there is none. */
function findSchemathesis(): { bin?: string; why?: string } {
  const ok = (bin: string) => spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0;
  if (ok('schemathesis')) return { bin: 'schemathesis' };
  const bin = join(VENV, 'bin', 'schemathesis');
  if (existsSync(bin) && ok(bin)) return { bin };
  const venv = spawnSync('python3', ['-m', 'venv', VENV], { encoding: 'utf8' });
  if (venv.status !== 0) return { why: `python3 -m venv failed: ${venv.stderr || venv.error}` };
  const pip = spawnSync(join(VENV, 'bin', 'pip'), ['install', '--quiet', 'schemathesis'], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (pip.status !== 0 || !ok(bin))
    return { why: `pip install schemathesis failed: ${(pip.stderr || String(pip.error)).trim()}` };
  return { bin };
}

const found = findSchemathesis();
const optedOut = process.env.SCHEMATHESIS === 'skip';
if (!found.bin && optedOut)
  console.warn(`[schemathesis] SCHEMATHESIS=skip: not run (${found.why})`);

it.runIf(!found.bin && !optedOut)('has schemathesis (or SCHEMATHESIS=skip)', () => {
  throw new Error(`schemathesis is not available: ${found.why}`);
});

function run(bin: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // In .tmp/, where schemathesis may keep its own files (.schemathesis/).
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    const child = spawn(bin, args, { cwd: join(ROOT, '.tmp'), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe.skipIf(!found.bin).each(ENGINE_NAMES)('schemathesis on %s', (name) => {
  let dir: string;
  let engine: EngineProcess;
  let worker: Awaited<ReturnType<typeof startWorker>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `schemathesis-${name}-`));
    engine = await startNamedEngine(name, join(dir, 'db'), MASTER_KEY);
    const searchKey = await indexInto(engine.url, MASTER_KEY, [join(ROOT, 'sample')]);
    // The `bench` environment has no per-client rate limit: every request here comes from one address.
    worker = await startWorker(
      { MEILI_HOST: engine.url, MEILI_SEARCH_KEY: searchKey, CACHE_TTL_SECONDS: '0' },
      'bench',
    );
  });

  afterAll(async () => {
    if (worker) await stopProcess(worker.child);
    if (engine) await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds no failure in any documented operation', async () => {
    const { code, output } = await run(found.bin as string, [
      '--config-file',
      CONFIG,
      'run',
      `${worker.url}/openapi.json`,
      '--max-examples',
      '50',
      '--seed',
      process.env.SCHEMATHESIS_SEED ?? '1',
      '--no-color',
    ]);
    const summary = output.slice(output.lastIndexOf('SUMMARY'));
    expect(summary).toMatch(/Tested: 5/);
    expect(code, output.slice(-6000)).toBe(0);
    expect(output).toMatch(/No issues found/);
  }, 300_000);
});
