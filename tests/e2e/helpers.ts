import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

const screenshots = 'tests/e2e/screenshots';
// Screenshots cost seconds a page: taken when asked, by whoever is changing how pages look.
const takeScreenshots = process.env.SCREENSHOTS === '1';
if (takeScreenshots) mkdirSync(screenshots, { recursive: true });

/** The administrator's session, stored by the setup project (network.setup.ts). */
export const adminSession = `.tmp/e2e-admin-${process.env.E2E_PORT ?? 4173}.json`;

/**
 * Every page a journey visits: no axe-core violations (WCAG 2.2 AA and best practices), and with
 * SCREENSHOTS=1 a screenshot at phone width and at desktop width for a person to look at.
 */
export async function checkPage(page: Page, name: string) {
	await page.waitForLoadState('networkidle');
	// A script, style or socket the Content Security Policy refuses breaks a page silently.
	expect(cspViolations.get(page) ?? [], `CSP violations on ${name}`).toEqual([]);
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	const summary = results.violations.map(
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

/** Signs up through the form, in a browser of their own; waits for the page's script first. */
export async function signUp(browser: Browser, who: Who, next = ''): Promise<Page> {
	const page = await newPerson(browser);
	await page.goto(`/signup${next}`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Nome e cognome').fill(who.name);
	await page.getByLabel('Indirizzo e-mail').fill(who.email);
	await page.getByLabel('Password').fill(who.password);
	await page.getByRole('button', { name: "Crea l'account" }).click();
	await expect(page.getByText(`Accesso come ${who.name}`)).toBeVisible();
	return page;
}

/** Logs in through the form on `page`, landing on the home page. */
export async function logInOn(page: Page, who: Pick<Who, 'email' | 'password'>) {
	await page.goto('/login');
	await page.waitForLoadState('networkidle'); // typing before hydration would be overwritten
	await page.getByLabel('Indirizzo e-mail').fill(who.email);
	await page.getByLabel('Password').fill(who.password);
	await page.getByRole('button', { name: 'Accedi' }).last().click();
	await expect(page).toHaveURL('/');
}

/** Logs in, in a browser of their own. */
export async function logIn(browser: Browser, who: Pick<Who, 'email' | 'password'>): Promise<Page> {
	const page = await newPerson(browser);
	await logInOn(page, who);
	return page;
}
