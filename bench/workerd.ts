/**
 * The Worker served by workerd alone, as Cloudflare runs it, without `wrangler dev`'s local proxy in front:
 * the bundle `wrangler deploy --dry-run` builds, run by the workerd binary wrangler itself uses. The bench
 * measures the Worker both ways, so the cost of the local dev server is shown apart from the Worker's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, stopProcess } from '../test/setup/processes.ts';
import { freePort, waitFor } from '../test/setup/stack.ts';

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`)),
    );
  });
}

/** workerd's config: the bundle as one ES module, text bindings, outbound fetch allowed to loopback. */
function config(
  port: number,
  compatibility: { date: string; flags: string[] },
  vars: Record<string, string>,
): string {
  const bindings = Object.entries(vars).map(
    ([name, text]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(text)})`,
  );
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker), (name = "internet", network = (allow = ["public", "private", "local"]))],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "index.js", esModule = embed "index.js")],
  compatibilityDate = "${compatibility.date}",
  compatibilityFlags = ${JSON.stringify(compatibility.flags)},
  bindings = [${bindings.join(', ')}],
  globalOutbound = "internet",
);
`;
}

export async function startWorkerd(
  vars: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const date = /compatibility_date\s*=\s*"([^"]+)"/.exec(toml)?.[1];
  const flags = /compatibility_flags\s*=\s*(\[[^\]]*\])/.exec(toml)?.[1];
  if (!date || !flags) throw new Error('wrangler.toml names no compatibility_date or _flags');
  const dir = mkdtempSync(join(tmpdir(), 'workerd-'));
  await run(join(ROOT, 'node_modules/.bin/wrangler'), [
    'deploy',
    '--dry-run',
    '--outdir',
    dir,
    '--env',
    'bench',
  ]);
  const port = await freePort();
  writeFileSync(
    join(dir, 'config.capnp'),
    config(port, { date, flags: JSON.parse(flags) as string[] }, vars),
  );
  const child = spawn(
    join(ROOT, 'node_modules/.bin/workerd'),
    ['serve', join(dir, 'config.capnp')],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${url}/assets/app.css`, 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, stop };
}
