import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { compile, paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './scripts/i18n-options.js';
import { attachSocketServer } from './src/lib/server/realtime/host.js';

/** In `vite dev`, socket.io shares Vite's HTTP server, as it shares server.js's in production. */
function socketIo(): Plugin {
	return {
		name: 'rete-socket-io',
		configureServer(server) {
			// vitest configures a server without an HTTP server.
			if (!server.httpServer) return;
			process.env.ORIGIN ??= `http://localhost:${server.config.server.port ?? 5173}`;
			// destroyUpgrade: false leaves Vite's HMR websocket alone.
			attachSocketServer(server.httpServer as import('node:http').Server, {
				destroyUpgrade: false
			});
		}
	};
}

/**
 * Under vitest the messages are compiled apart, one module per language instead of one per
 * message: each test file imports the server code afresh, and 700 message modules cost it
 * seconds (Paraglide recommends locale modules where nothing is bundled). They are compiled
 * again only when a message file is newer than them.
 */
const testMessagesDir = path.resolve('.tmp/paraglide-tests');
function messagesForTests(): Plugin {
	const compiled = `${testMessagesDir}/messages.js`;
	const stale = () =>
		!existsSync(compiled) ||
		readdirSync('messages').some(
			(file) => statSync(`messages/${file}`).mtimeMs > statSync(compiled).mtimeMs
		);
	return {
		name: 'rete-messages-for-tests',
		async config() {
			if (stale())
				await compile({
					...paraglideOptions,
					outdir: testMessagesDir,
					outputStructure: 'locale-modules'
				});
			return {
				resolve: { alias: [{ find: /^\$lib\/paraglide\//, replacement: `${testMessagesDir}/` }] }
			};
		}
	};
}

export default defineConfig({
	plugins: [
		sveltekit(),
		process.env.VITEST ? messagesForTests() : paraglideVitePlugin(paraglideOptions),
		socketIo()
	],
	test: {
		// Integration tests mostly wait on their servers: three files at once keep two cores busy.
		maxWorkers: 3,
		// In-process tests open PGlite too: compiled once, unoptimised, as the test servers do.
		execArgv: ['--liftoff-only'],
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/helpers/global-setup.ts'],
					// In-process services see every address as verified (the trust tests turn it on)
					// and hash passwords cheaply, as the test servers do.
					env: { EMAIL_VERIFICATION: 'off', PASSWORD_HASH: 'fast' },
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
