// `npm test`: the whole suite on a fresh machine. Builds the production server if a source is
// newer than it, then runs vitest (unit + integration, on PGlite or on DATABASE_URL), then
// Playwright in Chromium, and ends with one line of totals: "N passed, N failed".
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { buildIfStale } from './build.js';

/** Runs a command to its end, its output going to the terminal. */
function run(command, args) {
	const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
	return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

mkdirSync('.tmp', { recursive: true });
for (const report of ['vitest.json', 'playwright.json']) rmSync(`.tmp/${report}`, { force: true });

if (buildIfStale() !== 0) process.exit(1);

// A browser is never downloaded when one is installed: Debian's, or CHROMIUM_PATH.
if (!process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) {
	console.log('No Chromium found: installing Playwright’s own.');
	execSync('npx playwright install chromium', { stdio: 'inherit' });
}

const started = Date.now();
// One after the other: both are CPU-bound (vitest's servers, Chromium's renderers), and side by
// side on two cores they took as long in all and starved each other into timeouts.
const vitest = await run('npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	'--outputFile.json=.tmp/vitest.json'
]);
const playwright = await run('npx', ['playwright', 'test']);

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
console.log(
	`\n${passed} passed, ${failed} failed (${Math.round((Date.now() - started) / 1000)} s)`
);
process.exit(failed > 0 ? 1 : 0);
