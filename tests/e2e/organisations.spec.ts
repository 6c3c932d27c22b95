// A person's journey through organisations: an administrator draws the map, a coordinator
// registers an organisation and invites an operator, the operator accepts, the administrator
// verifies, the operator posts an organisation-only need that an outsider cannot see.
import { expect, test } from '@playwright/test';
import {
	admin,
	asAdmin,
	checkPage,
	logIn,
	newPerson,
	openAccountMenu,
	openMenu,
	signUp
} from './helpers';

test.describe.configure({ mode: 'serial' });

const coordinator = {
	name: 'Giulia Ferrari',
	email: 'giulia@caritas.example',
	password: 'caritas borgo aperto'
};
const operator = {
	name: 'Otto Operatore',
	email: 'otto@caritas.example',
	password: 'operatore sociale 2026'
};
const outsider = { name: 'Ugo Esterno', email: 'ugo@example.org', password: 'solo un curioso qui' };
const organisationName = 'Caritas Borgo Aperto';
let needUrl = '';

test('an administrator draws the territories', async ({ browser }) => {
	const page = await asAdmin(browser);
	await openMenu(page);
	await page.getByRole('link', { name: 'Amministrazione' }).click();
	await expect(page).toHaveURL('/admin/organisations');
	await page.getByRole('link', { name: 'Territori' }).click();
	await checkPage(page, 'admin-territories-empty');
	const add = page.getByRole('region', { name: 'Aggiungi territorio' });
	await add.getByLabel('Nome').fill('Borgo Aperto');
	await add.getByRole('button', { name: 'Aggiungi territorio' }).click();
	await expect(add.getByRole('status')).toHaveText('Borgo Aperto aggiunto.');
	for (const name of ['Centro storico', 'Borgo Nord']) {
		await add.getByLabel('Nome').fill(name);
		await add.getByLabel('Dentro a').selectOption({ label: 'Borgo Aperto' });
		await add.getByRole('button', { name: 'Aggiungi territorio' }).click();
		await expect(add.getByRole('status')).toHaveText(`${name} aggiunto.`);
	}
	await expect(page.getByLabel('Nuovo nome per Centro storico')).toBeVisible();
	// A territory with others inside cannot be deleted, and says why.
	await page.getByRole('button', { name: 'Elimina Borgo Aperto' }).click();
	await expect(
		page.getByRole('alert').filter({ hasText: 'contiene altri territori' })
	).toBeVisible();
	await checkPage(page, 'admin-territories');
});

test('a coordinator registers an organisation and invites an operator, who accepts', async ({
	browser
}) => {
	const page = await signUp(browser, coordinator);
	await openMenu(page);
	await page.getByRole('link', { name: 'Organizzazioni', exact: true }).click();
	await checkPage(page, 'organisations-empty');
	await page.getByRole('link', { name: "Registra un'organizzazione" }).first().click();
	await page.getByRole('button', { name: "Registra un'organizzazione" }).click();
	await expect(page.getByRole('alert')).toContainText('Controlla i campi segnalati qui sotto.');
	await checkPage(page, 'organisation-new-errors');
	await page.getByLabel("Nome dell'organizzazione").fill(organisationName);
	await page.getByLabel('Tipo').selectOption('ngo');
	await page
		.getByLabel('Descrizione')
		.fill('Centro di ascolto, distribuzione di pacchi alimentari e visite a domicilio.');
	await page.getByRole('checkbox', { name: 'Centro storico' }).check();
	await page.getByLabel('Sito web').fill('https://caritas.example');
	await page.getByRole('button', { name: "Registra un'organizzazione" }).click();

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(organisationName);
	await expect(page.getByText('Non ancora verificata')).toBeVisible();
	await expect(page.getByText('Sei coordinatore')).toBeVisible();
	await checkPage(page, 'organisation-pending');

	await page.getByRole('link', { name: 'Membri' }).click();
	const invite = page.getByRole('region', { name: 'Invita una persona' });
	await invite.getByLabel('Indirizzo e-mail').fill(operator.email);
	await invite.getByLabel('Ruolo').selectOption('operator');
	await invite.getByRole('button', { name: 'Invita' }).click();
	await expect(invite.getByRole('status')).toHaveText(`Invito inviato a ${operator.email}.`);
	await expect(invite.getByText(operator.email).first()).toBeVisible();
	// The last coordinator cannot demote themselves.
	await page.getByRole('button', { name: `Togli ${coordinator.name} dall'organizzazione` }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'almeno un coordinatore' })).toBeVisible();
	await checkPage(page, 'organisation-members');

	// Without SMTP the mail waits in the outbox, where an administrator can read the link.
	const adminPage = await asAdmin(browser);
	await adminPage.goto('/admin/outbox');
	await checkPage(adminPage, 'admin-outbox');
	// Journeys run side by side: the mail of this one is the invitation to this organisation.
	const body = await adminPage.locator('pre').filter({ hasText: '/invitations/' }).innerText();
	const link = body.match(/https?:\/\/\S+\/invitations\/\S+/)?.[0];
	expect(link).toBeTruthy();
	const invitationPath = new URL(link!).pathname;

	const operatorPage = await newPerson(browser);
	await operatorPage.goto(invitationPath);
	await expect(
		operatorPage.getByText(`Sei stato invitato a unirti a ${organisationName} come operatore.`)
	).toBeVisible();
	await checkPage(operatorPage, 'invitation');
	await operatorPage.getByRole('link', { name: 'Registrati' }).last().click();
	await operatorPage.getByLabel('Nome e cognome').fill(operator.name);
	await operatorPage.getByLabel('Indirizzo e-mail').fill(operator.email);
	await operatorPage.getByLabel('Password').fill(operator.password);
	await operatorPage.getByRole('button', { name: "Crea l'account" }).click();
	await expect(operatorPage).toHaveURL(invitationPath);
	await operatorPage.getByRole('button', { name: "Accetta l'invito" }).click();
	await expect(operatorPage.getByRole('heading', { level: 1 })).toHaveText(organisationName);
	await expect(operatorPage.getByText('Sei operatore')).toBeVisible();
	// A link works once.
	await operatorPage.goto(invitationPath);
	await expect(operatorPage.getByText('Questo invito è già stato usato.')).toBeVisible();
});

test('an administrator verifies the organisation', async ({ browser }) => {
	const page = await asAdmin(browser);
	await page.goto('/admin/organisations');
	await checkPage(page, 'admin-organisations');
	const card = page.getByRole('listitem').filter({ hasText: organisationName });
	await card.getByRole('button', { name: 'Verifica' }).click();
	await expect(page.getByRole('status').first()).toHaveText(
		`${organisationName} è stata verificata.`
	);
	await page.goto('/organisations');
	await expect(
		page.getByRole('article').filter({ hasText: organisationName }).getByText('Verificata')
	).toBeVisible();
	await checkPage(page, 'organisations');
	await page.goto('/admin/audit');
	await expect(
		page.getByText(`${admin.name} ha verificato l'organizzazione ${organisationName}`)
	).toBeVisible();
	await checkPage(page, 'admin-audit');
});

test('the operator posts an organisation-only need that an outsider cannot see', async ({
	browser
}) => {
	const page = await logIn(browser, operator);
	await openMenu(page);
	await page.getByRole('link', { name: 'Bacheca' }).click();
	// The home page has its own "Chiedi aiuto": the board must have arrived first.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Richieste di aiuto');
	await page.getByRole('link', { name: 'Chiedi aiuto' }).click();
	await page.getByLabel('Per chi è la richiesta').selectOption({ label: organisationName });
	await page.getByLabel('Titolo').fill('Spesa settimanale per la signora Rosa');
	await page
		.getByLabel('Descrizione')
		.fill('Spesa al supermercato ogni giovedì; la lista arriva per telefono.');
	await page.getByLabel("Di che cosa c'è bisogno").selectOption('food');
	await page.getByLabel('Zona').selectOption({ label: '\u00a0\u00a0Centro storico' });
	await page.getByLabel('Chi la vede').selectOption('organisation');
	await page
		.getByLabel('Come contattare la persona')
		.fill('Rosa Bianchi, via dei Tigli 4, 333 1234567');
	await checkPage(page, 'need-new');
	await page.getByRole('button', { name: 'Chiedi aiuto' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Spesa settimanale per la signora Rosa'
	);
	await expect(page.getByText("Riservata all'organizzazione")).toBeVisible();
	await expect(page.getByText('Rosa Bianchi, via dei Tigli 4')).toBeVisible();
	await checkPage(page, 'need');
	needUrl = new URL(page.url()).pathname;

	const stranger = await signUp(browser, outsider);
	const res = await stranger.goto(needUrl);
	expect(res?.status()).toBe(404);
	await expect(stranger.getByText('Rosa')).toHaveCount(0);
	await stranger.goto('/needs?status=all');
	await expect(stranger.getByRole('heading', { level: 1 })).toHaveText('Richieste di aiuto');
	await expect(stranger.getByText('Spesa settimanale per la signora Rosa')).toHaveCount(0);

	// Even a network administrator does not see another organisation's private needs.
	const adminPage = await asAdmin(browser);
	expect((await adminPage.goto(needUrl))?.status()).toBe(404);
});

test('people fill in their profile; contact details stay private unless shared', async ({
	browser
}) => {
	const page = await logIn(browser, outsider);
	await openAccountMenu(page);
	await page.getByRole('link', { name: 'Profilo', exact: true }).click();
	await page.getByLabel('Dove vivi').selectOption({ label: '\u00a0\u00a0Borgo Nord' });
	await page.getByRole('checkbox', { name: 'italiano' }).check();
	await page.getByRole('checkbox', { name: 'Martedì, Sera' }).check();
	await page.getByLabel('Telefono', { exact: true }).fill('333 000 1111');
	await page.getByRole('button', { name: 'Salva' }).click();
	await expect(page.getByRole('status')).toHaveText('Profilo salvato.');
	await page.reload();
	await expect(page.getByRole('checkbox', { name: 'Martedì, Sera' })).toBeChecked();
	await checkPage(page, 'profile');

	await page.goto('/organisations');
	await page.getByRole('link', { name: organisationName }).click();
	await page.getByLabel('Messaggio per i coordinatori').fill('Posso aiutare il sabato.');
	await page.getByRole('button', { name: 'Chiedi di unirti' }).click();
	await expect(page.getByText('Richiesta inviata: i coordinatori ti risponderanno.')).toBeVisible();

	const coord = await logIn(browser, coordinator);
	await coord.goto('/organisations/mine');
	await checkPage(coord, 'organisations-mine');
	await coord.getByRole('link', { name: organisationName }).click();
	await coord.getByRole('link', { name: 'Membri' }).click();
	await coord.getByRole('button', { name: `Accetta la richiesta di ${outsider.name}` }).click();
	await expect(coord.getByRole('status').filter({ hasText: 'Richiesta accettata.' })).toBeVisible();
	await expect(coord.getByText(outsider.name).first()).toBeVisible();
});
