/**
 * Runs before `npm start` and `npm test` (npm's pre-scripts), so that on a fresh clone these two commands
 * are all the set-up there is: it installs the npm dependencies when they are missing or older than the
 * lock file, and, for the browser tests, Debian's Chromium when it is missing and apt-get can be used.
 * Plain JavaScript: it must run before any dependency is installed.
 */
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const installed = new URL('../node_modules/.package-lock.json', import.meta.url);
const lock = new URL('../package-lock.json', import.meta.url);

if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  console.log('[setup] installing dependencies: npm ci');
  execSync('npm ci', { cwd: root, stdio: 'inherit' });
}

if (process.argv.includes('--browser') && !existsSync('/usr/bin/chromium')) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canInstall) {
    console.log("[setup] installing Debian's Chromium for the browser tests");
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      { stdio: 'inherit' },
    );
  } else {
    console.log(
      '[setup] /usr/bin/chromium is missing: the browser tests will be skipped (install it with `apt-get install chromium`)',
    );
  }
}
