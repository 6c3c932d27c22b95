// Personal data (docs/privacy.md): a resident reads who saw her contact; an operator records the
// person's consent and then revokes it, and a helper's open page gains and loses the contact;
// a person downloads everything Rete holds about them and erases their account.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser } from '@playwright/test';
import { api, asAdmin, checkPage, printedPage, ready, signUp } from './helpers';

const run = Date.now().toString(36);
const person = (name: string) => ({
	name,
	email: `${name.toLowerCase().replace(/\s/g, '.')}.${run}@example.org`,
	password: 'una rete di quartiere'
});

/** A coordinator with a verified organisation, in her own browser. */
async function organiser(browser: Browser, name: string) {
	const page = await signUp(browser, person(name));
	const { organisation } = await api(page, '/api/v1/organisations', {
		name: `Servizio sociale ${name} ${run}`,
		kind: 'public_service'
	});
	const admin = await asAdmin(browser);
	await api(admin, `/api/v1/organisations/${organisation.id}/review`, { decision: 'verify' });
	await admin.context().close();
	return { page, organisation };
}

test('a resident reads who saw her contact', async ({ browser }) => {
	const rina = await signUp(browser, person('Rina Riservata'));
	const { need } = await api(rina, '/api/v1/needs', {
		title: `Ritiro farmaci in farmacia ${run}`,
		description: 'Il giovedì mattina.',
		category: 'health',
		contact: 'Rina, 333 100 2000',
		allowDuplicate: true
	});
	const ugo = await signUp(browser, person('Ugo Volenteroso'));
	await api(ugo, `/api/v1/needs/${need.id}/claims`, {});
	await ugo.goto(`/needs/${need.id}`);
	await expect(ugo.getByText('Rina, 333 100 2000')).toBeVisible();

	await rina.goto('/account');
	await ready(rina);
	await rina.getByRole('link', { name: 'Vai ai tuoi dati' }).click();
	await ready(rina);
	await expect(
		rina.getByText(
			'Negli ultimi 30 giorni i tuoi dati di contatto sono stati visti da 1 persona che aiuta.'
		)
	).toBeVisible();
	const row = rina.getByRole('row').filter({ hasText: 'Ugo Volenteroso' });
	await expect(row).toContainText('Il contatto della richiesta');
	await expect(row).toContainText('Una pagina');
	await checkPage(rina, 'my-data');
});

test('an operator records consent, then revokes it, and a helper’s open page follows', async ({
	browser
}) => {
	const { page: cora, organisation } = await organiser(browser, 'Cora Consenso');
	const contact = 'Signora Verdi, 0471 555 666';
	const { need } = await api(cora, '/api/v1/needs', {
		title: `Compagnia al sabato ${run}`,
		description: 'Due ore, una passeggiata.',
		category: 'company',
		organisationId: organisation.id,
		claimRule: 'anyone',
		contact,
		allowDuplicate: true
	});
	const ugo = await signUp(browser, person('Ugo Aiutante'));
	await api(ugo, `/api/v1/needs/${need.id}/claims`, {});
	await ugo.goto(`/needs/${need.id}`);
	await ready(ugo);
	await expect(ugo.getByText(/l'organizzazione vi mette in contatto/)).toBeVisible();
	await expect(ugo.getByText(contact)).toHaveCount(0);
	await checkPage(ugo, 'need-contact-withheld');

	await cora.goto(`/needs/${need.id}`);
	await ready(cora);
	await cora.getByRole('link', { name: 'Chi ha visto questi dati, e i consensi' }).click();
	await ready(cora);
	// Refused first: no purpose.
	await cora.getByRole('button', { name: 'Registra il consenso' }).click();
	await expect(cora.getByRole('alert')).toContainText('Per che cosa');
	await cora.getByLabel('Per che cosa').fill('Compagnia e passeggiate');
	await cora.getByLabel('Con chi si condivide il contatto').selectOption('helpers');
	await cora.getByLabel('Chi ha dato il consenso').selectOption('person');
	await cora.getByRole('button', { name: 'Registra il consenso' }).click();
	await expect(cora.getByText('Consenso registrato.')).toBeVisible();
	// The helper's page, open all along, now shows it.
	await expect(ugo.getByText(contact)).toBeVisible();
	await checkPage(cora, 'need-privacy');
	const printed = await printedPage(cora, 'need-privacy');
	expect(printed.controls).toBe(0);

	await cora.getByRole('button', { name: 'Revoca il consenso: Compagnia e passeggiate' }).click();
	await expect(cora.getByText('Consenso revocato: la condivisione è ferma.')).toBeVisible();
	await expect(cora.getByText(/^Revocato da Cora Consenso/)).toBeVisible();
	await expect(ugo.getByText(contact)).toHaveCount(0);
	await expect(ugo.getByText(/l'organizzazione vi mette in contatto/)).toBeVisible();
	// Ugo's reading while it was shared is on the page, for the person.
	await cora.reload();
	await expect(cora.getByRole('row').filter({ hasText: 'Ugo Aiutante' })).toBeVisible();
});

test('a person downloads their data and erases their account', async ({ browser }) => {
	const who = person('Zeno Uscente');
	const zeno = await signUp(browser, who);
	await api(zeno, '/api/v1/needs', {
		title: `Una mano con le bollette ${run}`,
		description: 'Capire la bolletta della luce.',
		category: 'paperwork',
		contact: 'Zeno, 347 000 1111',
		allowDuplicate: true
	});
	await zeno.goto('/account/privacy');
	await ready(zeno);
	const [download] = await Promise.all([
		zeno.waitForEvent('download'),
		zeno.getByRole('link', { name: 'Scarica (JSON)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^rete-\d{4}-\d{2}-\d{2}\.json$/);
	const data = JSON.parse(await readFile(await download.path(), 'utf8'));
	expect(data.tables.users[0]).toMatchObject({ name: 'Zeno Uscente', email: who.email });
	expect(data.tables.needs[0]).toMatchObject({ contact: 'Zeno, 347 000 1111' });

	// A wrong password changes nothing.
	await zeno.getByLabel('La tua password, per confermare').fill('non è questa');
	await zeno.getByRole('button', { name: 'Elimina il mio account' }).click();
	await expect(zeno.getByRole('alert')).toContainText('password');
	await checkPage(zeno, 'erase-account-refused');
	await zeno.getByLabel('La tua password, per confermare').fill(who.password);
	await zeno.getByLabel('Cancella anche il testo dei miei messaggi').check();
	await zeno.getByRole('button', { name: 'Elimina il mio account' }).click();
	await expect(zeno).toHaveURL('/goodbye');
	await expect(zeno.getByRole('heading', { name: 'Account eliminato' })).toBeVisible();
	await checkPage(zeno, 'goodbye');
	await zeno.goto('/account');
	await expect(zeno).toHaveURL(/\/login/);
	// The address is free again.
	const again = await signUp(browser, { ...who, name: 'Zeno di Nuovo' });
	await expect(again.getByText('Accesso come Zeno di Nuovo')).toBeVisible();

	// The administrators see what retention will erase, and when.
	const admin = await asAdmin(browser);
	await admin.goto('/admin/retention');
	await expect(admin.getByRole('heading', { name: 'Conservazione', level: 1 })).toBeVisible();
	await checkPage(admin, 'admin-retention');
});
