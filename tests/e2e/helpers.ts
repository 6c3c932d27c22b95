import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { expectNoRawData } from './raw-data';

const screenshots = 'tests/e2e/screenshots';
// Screenshots cost seconds a page: taken when asked, by whoever is changing how pages look.
const takeScreenshots = process.env.SCREENSHOTS === '1';
if (takeScreenshots) mkdirSync(screenshots, { recursive: true });

/** The administrator's session, stored by the setup project (network.setup.ts). */
export const adminSession = `.tmp/e2e-admin-${process.env.E2E_PORT ?? 4173}.json`;

/**
 * Waits until the page is hydrated (the root layout marks it), else typing would be lost; until
 * no navigation is under way, else the page checked would be the one being left; and, for
 * someone signed in, until its socket has connected, else a live event could slip past.
 */
export async function ready(page: Page) {
	await page
		.locator('html[data-ready]:not([data-navigating]):not([data-live="connecting"])')
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

/** What overflows a narrow screen: elements reaching past the right edge, named for the message. */
async function sidewaysScroll(page: Page) {
	return page.evaluate(() => {
		const root = document.documentElement;
		if (root.scrollWidth <= root.clientWidth) return [];
		const name = (e: Element) =>
			e.tagName.toLowerCase() +
			(e.getAttribute('id') ? `#${e.getAttribute('id')}` : '') +
			[...e.classList].map((c) => `.${c}`).join('');
		return [...document.body.querySelectorAll('*')]
			.filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
			.filter(
				(e) =>
					!e.parentElement ||
					e.parentElement.getBoundingClientRect().right <= root.clientWidth + 0.5
			)
			.map(
				(e) =>
					`${name(e)} (${Math.round(e.getBoundingClientRect().right)} px): ` +
					(e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80)
			);
	});
}

async function expectAxeClean(page: Page, name: string) {
	const violations = await axeViolations(page);
	const summary = violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `accessibility violations on ${name}`).toEqual([]);
}

/** The smallest phone a person may hold, and a laptop. */
const narrow = { width: 360, height: 740 };
const desktop = { width: 1280, height: 800 };

/**
 * Every page a journey visits, at 360 px and at 1280 px: no axe-core violations (WCAG 2.2 AA and
 * best practices) at either size; a header at most 80 px tall at both (on the phone with its menu
 * closed: the page's heading starts on the first screen) and nothing that scrolls sideways at 360. With
 * SCREENSHOTS=1 a screenshot at each size for a person to look at. The page is loaded once; the
 * viewport is put back as the journey had it.
 */
export async function checkPage(page: Page, name: string) {
	await ready(page);
	// A script, style or socket the Content Security Policy refuses breaks a page silently.
	expect(cspViolations.get(page) ?? [], `CSP violations on ${name}`).toEqual([]);
	const journeys = page.viewportSize();
	await page.setViewportSize(narrow);
	// The screenshot first: when a check fails, it shows what failed.
	if (takeScreenshots)
		await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
	const header = await page.getByRole('banner').boundingBox();
	expect(header?.height ?? 0, `header height at 360 px on ${name}`).toBeLessThanOrEqual(80);
	expect(await sidewaysScroll(page), `sideways scroll at 360 px on ${name}`).toEqual([]);
	await expectAxeClean(page, `${name} at 360 px`);
	await expectNoRawData(page, name);
	await page.setViewportSize(desktop);
	if (takeScreenshots)
		await page.screenshot({ path: `${screenshots}/${name}-desktop.png`, fullPage: true });
	const wide = await page.getByRole('banner').boundingBox();
	expect(wide?.height ?? 0, `header on one line at 1280 px on ${name}`).toBeLessThanOrEqual(80);
	await expectAxeClean(page, `${name} at 1280 px`);
	if (journeys) await page.setViewportSize(journeys);
}

/**
 * How a page prints (the print stylesheet) on an A4 sheet's width, saved beside the others when
 * screenshots are on; whether anything to press (buttons, forms) is left on paper.
 */
export async function printedPage(page: Page, name: string) {
	const before = page.viewportSize();
	await page.setViewportSize({ width: 794, height: 1123 });
	await page.emulateMedia({ media: 'print' });
	if (takeScreenshots)
		await page.screenshot({ path: `${screenshots}/${name}-print.png`, fullPage: true });
	const controls = await page.locator('main button:visible, main form:visible').count();
	await page.emulateMedia({ media: 'screen' });
	if (before) await page.setViewportSize(before);
	return { controls };
}

/** Opens the site's menu where it is folded behind its button (a phone); a no-op on a desktop. */
export async function openMenu(page: Page) {
	await ready(page);
	const toggle = page.getByRole('button', { name: 'Menu', exact: true });
	if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true')
		await toggle.click();
}

/** Opens the account menu (profile, account, sign out), named after who is signed in. */
export async function openAccountMenu(page: Page) {
	await ready(page);
	await page.getByRole('button', { name: /^(Accesso come|Signed in as) / }).click();
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

/**
 * An API call with the page's session cookie, from the page's own origin: what a journey sets
 * up without walking through the forms other journeys already cover.
 */
export async function api(page: Page, path: string, data: unknown, method = 'POST') {
	const origin = new URL(page.url()).origin;
	const res = await page.request.fetch(path, { method, data, headers: { origin } });
	expect(res.ok(), await res.text()).toBe(true);
	return res.status() === 204 ? null : res.json();
}
