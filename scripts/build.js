// The production build, made only when something it is made of is newer than it: `npm test` and
// the integration tests' global setup both call this, so a run builds once and never serves a
// server older than the code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, 'build/handler.js');
const sources = [
	'src',
	'messages',
	'static',
	'project.inlang',
	'scripts/i18n-options.js',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json'
];
// Written by the build itself from messages/.
const generated = new Set([path.join(root, 'src/lib/paraglide')]);

/**
 * The newest modification time under `file`, in milliseconds.
 * @param {string} file
 * @returns {number}
 */
function newest(file) {
	if (generated.has(file) || !existsSync(file)) return 0;
	const stat = statSync(file);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = stat.mtimeMs;
	for (const entry of readdirSync(file)) latest = Math.max(latest, newest(path.join(file, entry)));
	return latest;
}

/** Why the build must be made again, or undefined when it is up to date. */
export function staleness() {
	if (!existsSync(output)) return 'there is no build';
	const built = statSync(output).mtimeMs;
	const changed = sources.find((source) => newest(path.join(root, source)) > built);
	return changed && `${changed} changed after the last build`;
}

/**
 * Builds when stale; returns the build's exit status (0 when nothing had to be done). `quiet`
 * (npm start, npm run demo) says one plain line and keeps the bundler's report unless it fails.
 * @param {{ quiet?: boolean }} [options]
 */
export function buildIfStale({ quiet = false } = {}) {
	const reason = staleness();
	if (!reason) return 0;
	console.log(
		quiet
			? 'Building the app first (a minute or two)…'
			: `Building the production server: ${reason}.`
	);
	const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: quiet ? 'pipe' : 'inherit',
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024
	});
	if (quiet && build.status !== 0) process.stderr.write(`${build.stdout}${build.stderr}`);
	return build.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(buildIfStale());
