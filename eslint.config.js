import prettier from 'eslint-config-prettier';
import path from 'node:path';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, includeIgnoreFile } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';

const gitignorePath = path.resolve(import.meta.dirname, '.gitignore');

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// typescript-eslint strongly recommend that you do not use the no-undef lint rule on TypeScript projects.
			// see: https://typescript-eslint.io/troubleshooting/faqs/eslint/#i-get-errors-from-the-no-undef-rule-about-global-variables-not-being-defined-even-though-there-are-no-typescript-errors
			'no-undef': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser
			}
		}
	},
	{
		// What runs in the browser never reaches into the server, not even for a type: the views
		// and events it shares with the server live in $lib/shared.
		files: [
			'src/lib/client/**',
			'src/lib/components/**',
			'src/lib/shared/**',
			'src/routes/**/*.svelte',
			'src/routes/**/+page.ts',
			'src/routes/**/+layout.ts'
		],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server', '$lib/server/**', '**/lib/server/**', '**/server/**'],
							message: 'Client code imports from $lib/shared, never from $lib/server.'
						}
					]
				}
			]
		}
	},
	{
		// Capabilities know nothing of the transports: http/ and realtime/ call them, not the
		// other way round (docs/architecture.md).
		files: ['src/lib/server/*/**'],
		ignores: ['src/lib/server/http/**', 'src/lib/server/realtime/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'socket.io',
								'socket.io/**',
								'socket.io-client',
								'@sveltejs/kit',
								'@sveltejs/kit/**'
							],
							message:
								'A capability answers with data and DomainError; the transports speak HTTP and sockets.'
						},
						{
							group: ['../http', '../http/**', '$lib/server/http', '$lib/server/http/**'],
							message: 'A capability does not import the HTTP adapter.'
						},
						{
							group: [
								'../realtime',
								'../realtime/**',
								'$lib/server/realtime',
								'$lib/server/realtime/**'
							],
							message: 'A capability names its audience (events/rooms.ts); realtime/ emits it.'
						}
					]
				}
			]
		}
	}
);
