/** The Worker bundle builds with wrangler (as `npm run deploy` would) and stays small. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { ROOT } from '../setup/processes.ts';

it('builds with `wrangler deploy --dry-run` under 1 MB (and 200 KB gzipped)', async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'bundle-'));
  try {
    await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/wrangler'),
      ['deploy', '--dry-run', '--outdir', outdir],
      { cwd: ROOT },
    );
    const bundle = readFileSync(join(outdir, 'index.js'));
    expect(bundle.length).toBeLessThan(1024 * 1024);
    expect(gzipSync(bundle).length).toBeLessThan(200 * 1024);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}, 60_000);
