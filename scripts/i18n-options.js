// One definition of how Paraglide compiles our messages, shared by the Vite plugin and
// `npm run prepare` (svelte-check and vitest need the compiled messages before any build).
/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// The language lives in a cookie (set at login from the account, and by the switch);
	// a first visit follows the browser, then Italian.
	strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
	cookieName: 'rete_lang',
	emitTsDeclarations: true
};
