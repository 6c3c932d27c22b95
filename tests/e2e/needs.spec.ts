// The coordination core as people live it: a resident asks, a volunteer sees it arrive live and
// takes it on, the resident sees who is helping, and a second volunteer sees it leave the open
// list, nobody reloading. Then the same request posted twice is caught before it is saved.
import { expect, test } from '@playwright/test';
import { checkPage, logIn, ready, signUp } from './helpers';

test.describe.configure({ mode: 'serial' });

const resident = {
	name: 'Rosa Marino',
	email: 'rosa.marino@example.org',
	password: 'il mercato del sabato'
};
const vito = {
	name: 'Vito Volontario',
	email: 'vito@example.org',
	password: 'volontario di quartiere'
};
const vale = {
	name: 'Vale Volontaria',
	email: 'vale@example.org',
	password: 'volontaria di quartiere'
};
const title = 'Spesa al mercato del sabato';

test('a need travels live from the resident to the volunteers', async ({ browser }) => {
	const rosa = await signUp(browser, resident);
	const vitoPage = await signUp(browser, vito);
	const valePage = await signUp(browser, vale);
	for (const page of [vitoPage, valePage]) {
		await page.goto('/needs');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Richieste di aiuto');
	}
	await checkPage(vitoPage, 'board');

	await rosa.goto('/needs/new');
	await ready(rosa);
	await rosa.getByLabel('Titolo').fill(title);
	await rosa
		.getByLabel('Descrizione')
		.fill('Frutta, verdura e pane al mercato di piazza il sabato mattina.');
	await rosa.getByLabel("Di che cosa c'è bisogno").selectOption('food');
	await rosa.getByLabel('Come contattare la persona').fill('Rosa, citofono Marino, 333 2223334');
	await checkPage(rosa, 'need-new-resident');
	await rosa.getByRole('button', { name: 'Chiedi aiuto' }).click();
	await expect(rosa.getByRole('heading', { level: 1 })).toHaveText(title);

	// Both volunteers see it arrive, without reloading.
	await expect(vitoPage.getByRole('link', { name: title })).toBeVisible({ timeout: 3000 });
	await expect(valePage.getByRole('link', { name: title })).toBeVisible({ timeout: 3000 });

	await vitoPage.getByRole('link', { name: title }).click();
	await expect(vitoPage.getByText('1 posto libero su 1')).toBeVisible();
	// Before taking it on, a volunteer does not see the contact.
	await expect(vitoPage.getByText('333 2223334')).toHaveCount(0);
	await vitoPage.getByRole('button', { name: /^Me ne occupo io/ }).click();
	await expect(
		vitoPage.getByRole('status').filter({ hasText: 'te ne stai occupando' })
	).toBeVisible();
	await expect(vitoPage.getByText('333 2223334')).toBeVisible();
	await checkPage(vitoPage, 'need-claimed');

	// The resident sees who is helping; the other volunteer sees it leave the open list.
	await expect(
		rosa.getByRole('region', { name: 'La tua richiesta' }).getByText(`Se ne occupa: ${vito.name}`)
	).toBeVisible({ timeout: 3000 });
	await expect(valePage.getByRole('link', { name: title })).toHaveCount(0, { timeout: 3000 });
	await checkPage(rosa, 'need-author');

	await vitoPage.goto('/needs/mine');
	await expect(vitoPage.getByRole('link', { name: title })).toBeVisible();
	await checkPage(vitoPage, 'needs-mine');
});

test('the same need posted again is caught before it is saved', async ({ browser }) => {
	const page = await logIn(browser, vale);
	await page.goto('/needs/new');
	await ready(page);
	await page.getByLabel('Titolo').fill('Spesa al mercato il sabato');
	await page
		.getByLabel('Descrizione')
		.fill('Frutta e verdura al mercato di piazza, sabato mattina.');
	await page.getByLabel("Di che cosa c'è bisogno").selectOption('food');
	await page.getByRole('button', { name: 'Chiedi aiuto' }).click();
	const question = page.getByRole('alert').filter({ hasText: 'È una di queste?' });
	await expect(question).toBeVisible();
	await expect(question.getByRole('link', { name: `Apri ${title}` })).toBeVisible();
	await checkPage(page, 'need-duplicates');
	await question.getByRole('button', { name: 'No, è diversa: pubblica comunque' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Spesa al mercato il sabato');
	await expect(
		page
			.getByRole('region', { name: 'La tua richiesta' })
			.getByText("l'ha pubblicata nonostante richieste simili")
	).toBeVisible();
});
