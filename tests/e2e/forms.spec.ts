// Forms that say what went wrong, and actions that say what happened, with the keyboard alone:
// a mistake lands focus on the error summary, whose link leads to the field; once posted, the
// need's page says so and what comes next; claiming keeps focus on the result, not on <body>.
import { expect, test } from '@playwright/test';
import { api, checkPage, ready, signUp } from './helpers';

const run = Date.now().toString(36);
const person = (name: string, email: string) => ({
	name,
	email: `${email}.${run}@example.org`,
	password: 'una rete di quartiere'
});

test('a keyboard-only post with a mistake: the summary, its link to the field, the fix', async ({
	browser
}) => {
	const page = await signUp(browser, person('Nina Tastiera', 'nina.tastiera'));
	await page.goto('/needs/new');
	await ready(page);
	const title = `Accompagnare al mercato ${run}`;
	// Tabbing here through the header is the shell's journey: start at the first field.
	await page.getByLabel('Titolo').focus();
	await page.keyboard.type(title);
	await page.keyboard.press('Tab'); // Descrizione: forgotten.
	await page.keyboard.press('Tab'); // Di che cosa c'è bisogno
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Enter');

	const summary = page.getByRole('alert');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('heading')).toHaveText("C'è un problema");
	const link = summary.getByRole('link', { name: /^Descrizione: / });
	await expect(link).toBeVisible();
	await expect(page.getByLabel('Descrizione')).toHaveAttribute('aria-invalid', 'true');
	await checkPage(page, 'form-error-summary');

	await page.keyboard.press('Tab');
	await expect(link).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByLabel('Descrizione')).toBeFocused();
	await page.keyboard.type('Il sabato mattina, con il carrello.');
	await page.keyboard.press('Shift+Tab');
	await expect(page.getByLabel('Titolo')).toHaveValue(title);
	await page.keyboard.press('Enter');

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const posted = page.getByRole('status').filter({ hasText: 'Richiesta pubblicata' });
	await expect(posted).toBeFocused();
	await checkPage(page, 'need-posted');
});

test('claiming with the keyboard keeps focus on the result; who asked follows and closes it', async ({
	browser
}) => {
	const author = await signUp(browser, person('Ada Autrice', 'ada.autrice'));
	const title = `Leggere la posta ${run}`;
	const { need } = await api(author, '/api/v1/needs', {
		title,
		description: 'Lettere del Comune da leggere insieme.',
		category: 'paperwork',
		contact: 'Ada, 333 4445556',
		allowDuplicate: true
	});
	const helper = await signUp(browser, person('Teo Tastiera', 'teo.tastiera'));
	await helper.goto(`/needs/${need.id}`);
	await ready(helper);
	await helper.getByRole('button', { name: /^Me ne occupo io/ }).focus();
	await helper.keyboard.press('Enter');

	const result = helper.getByRole('status').filter({ hasText: 'Te ne stai occupando' });
	await expect(result).toBeFocused();
	await expect(helper.getByText('Ada, 333 4445556')).toBeVisible();
	// The next Tab goes on from the result, not from the top of the page.
	await helper.keyboard.press('Tab');
	await expect(helper.getByRole('link', { name: 'Vai al contenuto principale' })).not.toBeFocused();
	await checkPage(helper, 'need-helper');

	// The author's page: her request's state and who helps, no presence or contact log.
	await author.goto(`/needs/${need.id}`);
	const mine = author.getByRole('region', { name: 'La tua richiesta' });
	await expect(mine.getByText('Se ne occupa: Teo Tastiera')).toBeVisible();
	await expect(author.getByRole('region', { name: 'Chi se ne occupa ora' })).toHaveCount(0);
	await checkPage(author, 'need-asker');

	// Closing asks first.
	await mine.getByRole('link', { name: 'Chiudi la richiesta' }).click();
	const confirm = author.getByRole('region', { name: 'Vuoi chiudere la richiesta?' });
	await expect(confirm).toBeFocused();
	await checkPage(author, 'need-close-confirm');
	await confirm.getByRole('button', { name: 'Sì, chiudi la richiesta' }).click();
	await expect(author.getByRole('status').filter({ hasText: 'Richiesta chiusa.' })).toBeFocused();
	await expect(mine.getByText('Completata')).toBeVisible();
});
