// Runs before `npm test`: the browser tests drive Debian's Chromium. Where it is missing and this is a
// Debian machine we may administer (root with apt-get), install it, saying so; otherwise explain.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const canInstall =
  process.env.CORAL_NO_INSTALL !== '1' &&
  process.getuid?.() === 0 &&
  existsSync('/usr/bin/apt-get') &&
  !process.env.CHROMIUM_PATH;
if (!canInstall) {
  console.error(
    `The browser tests need Chromium at ${path}.\n` +
      'Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.',
  );
  process.exit(1);
}
console.error(
  "Chromium is missing; installing Debian's chromium package for the browser tests (set CORAL_NO_INSTALL=1 to stop this)...",
);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
