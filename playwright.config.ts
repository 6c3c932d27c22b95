import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium when present (the test command never downloads a browser if one exists).
const chromium =
	process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://localhost:${port}`;
const dataDir = `.tmp/e2e-data-${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	// The set-up founds the network; then each journey (a file, in order inside) works on people
	// and needs of its own, beside the others. Any file runs alone: its set-up runs first.
	projects: [
		{ name: 'network', testMatch: 'network.setup.ts' },
		{ name: 'journeys', testMatch: '*.spec.ts', dependencies: ['network'] }
	],
	fullyParallel: false,
	// One journey at a time: a journey already keeps both cores busy (Chromium's processes and the
	// server), and two side by side took longer in all (120 s against 115 s, 228 CPU-s against
	// 202) while each one's time swelled to 2.5 times its own. E2E_WORKERS=2 runs them side by side.
	workers: Number(process.env.E2E_WORKERS ?? 1),
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 5_000 },
	reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
	use: {
		baseURL,
		...devices['Pixel 7'],
		browserName: 'chromium',
		locale: 'it-IT',
		// Recording a trace costs a third of a journey's time: TRACE=1 keeps one of each failure.
		trace: process.env.TRACE === '1' ? 'retain-on-failure' : 'off',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		// The production build on a brand-new embedded database: the journey starts at first run.
		// Built first if a source is newer than the build.
		command: `node scripts/build.js && rm -rf ${dataDir} && node server.js`,
		url: `${baseURL}/healthz`,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATA_DIR: dataDir,
			EMAIL_VERIFICATION: process.env.EMAIL_VERIFICATION ?? 'off',
			// Every journey signs people up: a cheap hash (test servers only; the server warns).
			PASSWORD_HASH: 'fast',
			// ...all from one address: past the default 20 an hour, the last journeys were refused.
			RATE_LIMIT_SIGNUP_IP: '1000/60'
		},
		reuseExistingServer: false,
		// A build on a busy machine included.
		timeout: 180_000,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
