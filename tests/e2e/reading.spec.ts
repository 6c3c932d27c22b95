// Pages read as sentences in the person's language: dates through Intl, counts with their noun,
// the audit log as who did what. (checkPage also scans every page for raw data.)
import { expect, test, type Page } from '@playwright/test';
import { admin, asAdmin, checkPage, signUp } from './helpers';

const helper = {
	name: 'Bruno Sala',
	email: 'bruno.sala@example.org',
	password: 'una mano al vicino di casa'
};
const resident = {
	name: 'Teresa Gallo',
	email: 'teresa.gallo@example.org',
	password: 'il giardino di via Roma'
};

/** The page's language, as the switch would set it. */
async function speak(page: Page, locale: 'it' | 'en') {
	const { origin } = new URL(page.url());
	await page.context().addCookies([{ name: 'rete_lang', value: locale, url: origin }]);
	await page.reload();
}

test('a need shows its due date as a day and its places with their noun, in both languages', async ({
	browser
}) => {
	const page = await signUp(browser, resident);
	const origin = new URL(page.url()).origin;
	// Posted through the API (the form is the needs journey's): a due date and two parts.
	const answer = await page.request.post('/api/v1/needs', {
		headers: { origin },
		data: {
			title: 'Spesa e farmacia per la signora Ida',
			description: 'La spesa del martedì e le medicine in farmacia.',
			category: 'food',
			dueDate: '2027-03-02',
			parts: [
				{ title: 'La spesa', capacity: 1 },
				{ title: 'La farmacia', capacity: 2 }
			]
		}
	});
	expect(answer.status(), await answer.text()).toBe(201);
	const { need } = await answer.json();

	// The places are for those who may help: a neighbour looks.
	await page.context().close();
	const neighbour = await signUp(browser, helper);
	await neighbour.goto(`/needs/${need.id}`);
	await expect(neighbour.getByText('martedì 2 marzo 2027')).toBeVisible();
	await expect(neighbour.getByText('1 posto libero su 1')).toBeVisible();
	await expect(neighbour.getByText('2 posti liberi su 2')).toBeVisible();
	await checkPage(neighbour, 'reading-need');
	await neighbour.goto('/needs');
	const card = neighbour
		.getByRole('article')
		.filter({ hasText: 'Spesa e farmacia per la signora Ida' });
	await expect(card.getByText('0 persone su 3')).toBeVisible();
	await checkPage(neighbour, 'reading-board');

	await speak(neighbour, 'en');
	await expect(card.getByText('0 of 3 helpers')).toBeVisible();
	await checkPage(neighbour, 'reading-board-english');
	await neighbour.goto(`/needs/${need.id}`);
	await expect(neighbour.getByText('Tuesday, 2 March 2027')).toBeVisible();
	await expect(neighbour.getByText('1 place free of 1')).toBeVisible();
	await checkPage(neighbour, 'reading-need-english');
});

test('the audit log tells who did what, and filters by who, what and when', async ({ browser }) => {
	const page = await asAdmin(browser);
	await page.goto('/admin/territories');
	const add = page.getByRole('region', { name: 'Aggiungi territorio' });
	await add.getByLabel('Nome').fill('Borgo Est');
	await add.getByRole('button', { name: 'Aggiungi territorio' }).click();
	await expect(page.getByRole('status').first()).toHaveText('Borgo Est aggiunto.');

	await page.goto('/admin/audit');
	const sentence = `${admin.name} ha aggiunto il territorio Borgo Est`;
	await expect(page.getByText(sentence)).toBeVisible();
	await page.getByLabel('Chi').selectOption({ label: admin.name });
	await page.getByLabel('Che cosa').selectOption({ label: 'Territori' });
	await page.getByRole('button', { name: 'Cerca' }).click();
	await expect(page.getByText(sentence)).toBeVisible();
	await checkPage(page, 'admin-audit-filtered');

	// Nothing yet tomorrow: the empty state, with a way back.
	const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
	await page.getByLabel('Dal giorno').fill(tomorrow);
	await page.getByRole('button', { name: 'Cerca' }).click();
	await expect(page.getByText('Nessuna attività con questi filtri.')).toBeVisible();
	await page.getByRole('link', { name: 'Togli i filtri' }).click();
	await expect(page.getByText(sentence)).toBeVisible();

	await speak(page, 'en');
	await expect(page.getByText(`${admin.name} added the territory Borgo Est`)).toBeVisible();
	await checkPage(page, 'admin-audit-english');
});

test('an empty territory name is refused in the app’s words, not the browser’s', async ({
	browser
}) => {
	const page = await asAdmin(browser);
	await page.goto('/admin/territories');
	const add = page.getByRole('region', { name: 'Aggiungi territorio' });
	await add.getByRole('button', { name: 'Aggiungi territorio' }).click();
	await expect(add.getByText('Questo campo è obbligatorio.', { exact: true })).toBeVisible();
	await add.getByLabel('Nome').fill('Borgo Ovest');
	await add.getByRole('button', { name: 'Aggiungi territorio' }).click();

	const rename = page.getByLabel('Nuovo nome per Borgo Ovest');
	await rename.fill('');
	await rename.press('Enter');
	await expect(rename).toHaveAttribute('aria-invalid', 'true');
	await expect(rename).toHaveAccessibleDescription('Questo campo è obbligatorio.');
	await checkPage(page, 'admin-territories-required');
});
