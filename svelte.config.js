import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Our hooks check the origin of every state-changing request, JSON included
		// (src/lib/server/http/guards.ts); SvelteKit's own check covers only forms.
		csrf: { trustedOrigins: ['*'] }
	},
	compilerOptions: {
		runes: true
	}
};

export default config;
