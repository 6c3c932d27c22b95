// `npm test`: the whole suite on a fresh machine. Builds the production server, runs vitest
// (unit + integration, on PGlite or on DATABASE_URL), then Playwright in Chromium, and ends
// with one line of totals: "N passed, N failed".
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const run = (command, args, env = {}) =>
	spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

mkdirSync('.tmp', { recursive: true });
rmSync('.tmp/vitest.json', { force: true });
rmSync('.tmp/playwright.json', { force: true });

if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);

const vitest = run('npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	'--outputFile.json=.tmp/vitest.json'
]);

// A browser is never downloaded when one is installed: Debian's, or CHROMIUM_PATH.
if (!process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) {
	console.log('No Chromium found: installing Playwright’s own.');
	execSync('npx playwright install chromium', { stdio: 'inherit' });
}
const playwright = run('npx', ['playwright', 'test']);

let passed = 0;
let failed = 0;
if (existsSync('.tmp/vitest.json')) {
	const v = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8'));
	passed += v.numPassedTests;
	failed += v.numFailedTests;
}
if (existsSync('.tmp/playwright.json')) {
	const p = JSON.parse(readFileSync('.tmp/playwright.json', 'utf8'));
	passed += p.stats.expected;
	failed += p.stats.unexpected + p.stats.flaky;
}
if (vitest !== 0 || playwright !== 0) failed = Math.max(failed, 1);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
