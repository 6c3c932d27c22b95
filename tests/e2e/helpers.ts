import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const screenshots = 'tests/e2e/screenshots';
mkdirSync(screenshots, { recursive: true });

/**
 * Every page a journey visits: no axe-core violations (WCAG 2.2 AA and best practices), and a
 * screenshot at phone width and at desktop width for a person to look at.
 */
export async function checkPage(page: Page, name: string) {
	await page.waitForLoadState('networkidle');
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `accessibility violations on ${name}`).toEqual([]);
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
