import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

const screenshots = 'tests/e2e/screenshots';
// Screenshots cost seconds a page: taken when asked, by whoever is changing how pages look.
const takeScreenshots = process.env.SCREENSHOTS === '1';
if (takeScreenshots) mkdirSync(screenshots, { recursive: true });

/** The administrator's session, stored by the setup project (network.setup.ts). */
export const adminSession = `.tmp/e2e-admin-${process.env.E2E_PORT ?? 4173}.json`;

/**
 * Waits until the page is hydrated (the root layout marks it), else typing would be lost, and,
 * for someone signed in, until its socket has connected, else a live event could slip past.
 */
export async function ready(page: Page) {
	await page
		.locator('html[data-ready]:not([data-live="connecting"])')
		.waitFor({ state: 'attached' });
}

// axe-core evaluated once per document and asked for violations only: @axe-core/playwright's
// analyze() injects it into every frame and gathers every result type, ten times the cost.
const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function axeViolations(page: Page): Promise<AxeResults['violations']> {
	// page.evaluate runs outside the page's Content Security Policy, as the extension would.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	return page.evaluate(
		(tags) =>
			(window as unknown as { axe: typeof import('axe-core') }).axe
				.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
				.then((results) => results.violations),
		axeTags
	);
}

/**
 * Every page a journey visits: no axe-core violations (WCAG 2.2 AA and best practices), and with
 * SCREENSHOTS=1 a screenshot at phone width and at desktop width for a person to look at.
 */
export async function checkPage(page: Page, name: string) {
	await ready(page);
	// A script, style or socket the Content Security Policy refuses breaks a page silently.
	expect(cspViolations.get(page) ?? [], `CSP violations on ${name}`).toEqual([]);
	const violations = await axeViolations(page);
	const summary = violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `accessibility violations on ${name}`).toEqual([]);
	if (!takeScreenshots) return;
	await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
	const phone = page.viewportSize();
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.screenshot({ path: `${screenshots}/${name}-desktop.png`, fullPage: true });
	if (phone) await page.setViewportSize(phone);
}

export const admin = {
	name: 'Anna Esposito',
	email: 'anna@borgoaperto.it',
	password: 'la rete di borgo aperto'
};
export const volunteer = {
	name: 'Marco Ferri',
	email: 'marco@example.org',
	password: 'una passeggiata al parco'
};

export interface Who {
	name: string;
	email: string;
	password: string;
}

const cspViolations = new WeakMap<Page, string[]>();

/** Collects what the browser reports as refused by the Content Security Policy. */
export function watchCsp(page: Page) {
	const found: string[] = [];
	cspViolations.set(page, found);
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) found.push(message.text());
	});
	return page;
}

/** A new browser (its own cookies, an Italian browser) for one person of a journey. */
export async function newPerson(browser: Browser): Promise<Page> {
	return watchCsp(await (await browser.newContext({ locale: 'it-IT' })).newPage());
}

/** The network's administrator, signed in since the set-up, in a browser of their own. */
export async function asAdmin(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ locale: 'it-IT', storageState: adminSession });
	const page = watchCsp(await context.newPage());
	await page.goto('/');
	return page;
}

/** Posts a page's form as a browser without scripts would; its cookies land in the page's. */
async function postForm(page: Page, path: string, form: Record<string, string>) {
	// The origin a browser would send, or SvelteKit refuses the form as cross-site.
	const origin = test.info().project.use.baseURL!;
	const answer = await page.request.post(path, {
		form,
		headers: { origin, accept: 'text/html', 'accept-language': 'it-IT' },
		maxRedirects: 0
	});
	expect(answer.status(), await answer.text()).toBe(303);
}

/**
 * A person signed up and signed in, in a browser of their own, at the home page. The sign-up
 * form itself is the accounts journey's: here its action is posted directly, as a browser
 * without scripts would, which saves a page load and its wait.
 */
export async function signUp(browser: Browser, who: Who): Promise<Page> {
	const page = await newPerson(browser);
	await postForm(page, '/signup', { name: who.name, email: who.email, password: who.password });
	await page.goto('/');
	await expect(page.getByText(`Accesso come ${who.name}`)).toBeVisible();
	return page;
}

/** Logs in through the form on `page`, landing on the home page. */
export async function logInOn(page: Page, who: Pick<Who, 'email' | 'password'>) {
	await page.goto('/login');
	await ready(page);
	await page.getByLabel('Indirizzo e-mail').fill(who.email);
	await page.getByLabel('Password').fill(who.password);
	await page.getByRole('button', { name: 'Accedi' }).last().click();
	await expect(page).toHaveURL('/');
}

/** Signs in, in a browser of their own, at the home page (the form is the accounts journey's). */
export async function logIn(browser: Browser, who: Pick<Who, 'email' | 'password'>): Promise<Page> {
	const page = await newPerson(browser);
	await postForm(page, '/login', { email: who.email, password: who.password });
	await page.goto('/');
	return page;
}
