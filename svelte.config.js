import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Our hooks check the origin of every state-changing request, JSON included
		// (src/lib/server/http/guards.ts); SvelteKit's own check covers only forms.
		csrf: { trustedOrigins: ['*'] },
		// Scripts only from us (SvelteKit adds a nonce to its own inline start-up script).
		// Inline style attributes are allowed: Svelte's transitions and `style:` set them.
		// The socket's ws(s) address of our own host is added per request (hooks.server.ts).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	},
	compilerOptions: {
		runes: true
	}
};

export default config;
