// Finding things, as people do it: the board's search and each of its filters, "Tutte",
// clearing them, and the organisations' directory, always through the pages' own forms (which
// send every select, the empty ones too). Then an organisation's people find its queue and take
// it away as a spreadsheet. The journey makes its own quarters, requests and organisations.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { asAdmin, checkPage, logIn, newPerson, ready, signUp } from './helpers';

test.describe.configure({ mode: 'serial' });

const resident = {
	name: 'Elda Cercata',
	email: 'elda.cercata@example.org',
	password: 'il ponte sul fiume'
};
const nadia = {
	name: 'Nadia Trovatutto',
	email: 'nadia.trovatutto@example.org',
	password: 'cerco e trovo sempre'
};
const ponte = 'Quartiere del Ponte';
const mulino = 'Quartiere del Mulino';
// Posted in this order, so the oldest first is pension, then form.
const requests = {
	pension: {
		title: "Ritirare l'assegno alla posta",
		category: 'paperwork',
		urgency: 'high',
		where: ponte
	},
	form: {
		title: "Compilare la domanda dell'assegno unico",
		category: 'paperwork',
		urgency: 'normal',
		where: mulino
	},
	walk: {
		title: 'Compagnia per una passeggiata lungo il fiume',
		category: 'company',
		urgency: 'low',
		where: ponte
	},
	// Taken on by Nadia: in progress, off the default board.
	fruit: {
		title: 'Frutta e verdura per la signora Elda',
		category: 'food',
		urgency: 'critical',
		where: ponte
	}
};
const organisations = {
	friends: { name: 'Amici del Mulino', kind: 'ngo', where: mulino },
	neighbours: { name: 'Vicini del Ponte', kind: 'group', where: ponte },
	service: { name: 'Sportello sociale del Ponte', kind: 'public_service', where: ponte }
};
const queueNeed = 'Bollette, moduli e "solleciti" di Pina';
const ids: Record<string, string> = {};

/** A JSON call to the API with the page's session, from our own origin as a browser's would be. */
async function call(page: Page, method: string, path: string, data?: unknown) {
	const origin = test.info().project.use.baseURL!;
	const res = await page.request.fetch(path, { method, data, headers: { origin } });
	expect(res.ok(), await res.text()).toBe(true);
	return res.json();
}

test.beforeAll(async ({ browser }) => {
	const admin = await asAdmin(browser);
	for (const name of [ponte, mulino])
		ids[name] = (await call(admin, 'POST', '/api/v1/territories', { name })).territory.id;
	await admin.context().close();

	const elda = await signUp(browser, resident);
	for (const [key, r] of Object.entries(requests)) {
		const { need } = await call(elda, 'POST', '/api/v1/needs', {
			title: r.title,
			description: 'Per una vicina del quartiere.',
			category: r.category,
			urgency: r.urgency,
			territoryId: ids[r.where],
			allowDuplicate: true
		});
		ids[key] = need.id;
	}
	await elda.context().close();

	const helper = await signUp(browser, nadia);
	await call(helper, 'POST', `/api/v1/needs/${ids.fruit}/claims`, {});
	for (const [key, o] of Object.entries(organisations)) {
		const { organisation } = await call(helper, 'POST', '/api/v1/organisations', {
			name: o.name,
			kind: o.kind,
			territoryIds: [ids[o.where]]
		});
		ids[key] = organisation.id;
	}
	await call(helper, 'POST', '/api/v1/needs', {
		title: queueNeed,
		description: 'Da rivedere insieme a casa sua.',
		category: 'paperwork',
		organisationId: ids.neighbours,
		visibility: 'organisation',
		allowDuplicate: true
	});
	await helper.context().close();
});

/** The titles of this journey's requests the board lists, in its order. */
async function listed(page: Page) {
	const mine = new Set(Object.values(requests).map((r) => r.title));
	const titles = await page
		.getByRole('list', { name: 'Richieste' })
		.getByRole('heading')
		.allInnerTexts();
	return titles.filter((t) => mine.has(t));
}

const filters = (page: Page) => page.getByRole('form', { name: 'Filtri' });

/** Nadia at the board, ready to use its form. */
async function board(browser: Browser, query = '') {
	const page = await logIn(browser, nadia);
	await page.goto(`/needs${query}`);
	await ready(page);
	return page;
}

async function apply(page: Page, expectedQuery: RegExp) {
	await filters(page).getByRole('button', { name: 'Cerca' }).click();
	await expect(page).toHaveURL(expectedQuery);
}

test('search on the board finds the words, and the box keeps them', async ({ browser }) => {
	const page = await board(browser);
	await filters(page).getByLabel('Cerca').fill('assegno');
	// The form sends its empty selects too: they must not undo the search.
	await apply(page, /q=assegno&status=open&category=&territoryId=&urgency=&sort=urgency/);
	expect(await listed(page)).toEqual([requests.pension.title, requests.form.title]);
	await expect(filters(page).getByLabel('Cerca')).toHaveValue('assegno');
	await expect(filters(page).getByRole('link', { name: 'Cancella i filtri' })).toBeVisible();
	await checkPage(page, 'board-search');
});

test('each filter of the board narrows it, "Tutte" included', async ({ browser }) => {
	const page = await board(browser);
	const form = filters(page);

	await form.getByLabel('Territorio').selectOption({ label: ponte });
	await apply(page, new RegExp(`territoryId=${ids[ponte]}`));
	expect(await listed(page)).toEqual([requests.pension.title, requests.walk.title]);

	await form.getByLabel('Stato').selectOption({ label: 'In corso' });
	await apply(page, /status=in_progress/);
	expect(await listed(page)).toEqual([requests.fruit.title]);

	await form.getByLabel('Stato').selectOption({ label: 'Tutte' });
	await apply(page, /status=all/);
	expect(await listed(page)).toEqual([
		requests.fruit.title,
		requests.pension.title,
		requests.walk.title
	]);
	await expect(form.getByLabel('Stato')).toHaveValue('all');
	await expect(form.getByLabel('Territorio')).toHaveValue(ids[ponte]);

	await form.getByLabel("Di che cosa c'è bisogno").selectOption({ label: 'Compagnia' });
	await apply(page, /category=company/);
	expect(await listed(page)).toEqual([requests.walk.title]);
	await checkPage(page, 'board-filtered');
});

test('urgency and the order of the board', async ({ browser }) => {
	const page = await board(browser, '?q=assegno');
	const form = filters(page);
	expect(await listed(page)).toEqual([requests.pension.title, requests.form.title]);

	await form.getByLabel('Urgenza').selectOption({ label: 'Normale' });
	await apply(page, /urgency=normal/);
	expect(await listed(page)).toEqual([requests.form.title]);

	await form.getByLabel('Urgenza').selectOption({ label: 'Qualsiasi urgenza' });
	await form.getByLabel('Ordina per').selectOption({ label: 'Più recenti' });
	await apply(page, /urgency=&sort=newest/);
	expect(await listed(page)).toEqual([requests.form.title, requests.pension.title]);

	await form.getByLabel('Ordina per').selectOption({ label: 'Meno recenti' });
	await apply(page, /sort=oldest/);
	expect(await listed(page)).toEqual([requests.pension.title, requests.form.title]);
	await expect(form.getByLabel('Cerca')).toHaveValue('assegno');
});

test('nothing found says which filters gave nothing; clearing them shows the open board', async ({
	browser
}) => {
	const page = await board(browser);
	const form = filters(page);
	await form.getByLabel('Cerca').fill('assegno');
	await form.getByLabel('Urgenza').selectOption({ label: 'Urgentissima' });
	await apply(page, /urgency=critical/);
	const empty = page.getByRole('status').filter({ hasText: 'Nessuna richiesta corrisponde' });
	await expect(empty).toBeVisible();
	for (const used of ['Parole cercate: assegno', 'Stato: Aperta', 'Urgenza: Urgentissima'])
		await expect(empty.getByRole('listitem').filter({ hasText: used })).toBeVisible();
	await checkPage(page, 'board-empty-filters');

	await empty.getByRole('link', { name: 'Cancella i filtri' }).click();
	await expect(page).toHaveURL('/needs');
	await expect(form.getByLabel('Cerca')).toHaveValue('');
	await expect(form.getByLabel('Urgenza')).toHaveValue('');
	await expect(form.getByLabel('Stato')).toHaveValue('open');
	await expect(form.getByRole('link', { name: 'Cancella i filtri' })).toHaveCount(0);
	expect(await listed(page)).toEqual(
		expect.arrayContaining([requests.pension.title, requests.form.title, requests.walk.title])
	);
	// An edited address: the bad value alone is dropped, the rest still filters.
	await page.goto(`/needs?q=assegno&territoryId=nowhere&urgency=high`);
	expect(await listed(page)).toEqual([requests.pension.title]);
});

test('the directory: search by name and each filter, from its form', async ({ browser }) => {
	const page = await newPerson(browser);
	await page.goto('/organisations');
	await ready(page);
	const form = filters(page);
	const names = async () => {
		const mine = new Set(Object.values(organisations).map((o) => o.name));
		const shown = await page.getByRole('article').getByRole('heading').allInnerTexts();
		return shown.filter((n) => mine.has(n));
	};

	await form.getByLabel('Nome').fill('Ponte');
	await apply(page, /q=Ponte&territoryId=&kind=/);
	expect(await names()).toEqual([organisations.service.name, organisations.neighbours.name]);
	await expect(form.getByLabel('Nome')).toHaveValue('Ponte');

	await form.getByLabel('Tipo').selectOption({ label: 'Gruppo informale' });
	await apply(page, /kind=group/);
	expect(await names()).toEqual([organisations.neighbours.name]);
	await checkPage(page, 'organisations-filtered');

	await form.getByRole('link', { name: 'Cancella i filtri' }).click();
	await expect(page).toHaveURL('/organisations');
	await expect(form.getByLabel('Nome')).toHaveValue('');
	await form.getByLabel('Territorio').selectOption({ label: mulino });
	await apply(page, new RegExp(`territoryId=${ids[mulino]}`));
	expect(await names()).toEqual([organisations.friends.name]);

	await form.getByLabel('Nome').fill('Ponte');
	await apply(page, /q=Ponte/);
	const empty = page.getByRole('status').filter({ hasText: 'Nessuna organizzazione' });
	await expect(
		empty.getByRole('listitem').filter({ hasText: `Territorio: ${mulino}` })
	).toBeVisible();
	await expect(empty.getByRole('listitem').filter({ hasText: 'Nome: Ponte' })).toBeVisible();
	await checkPage(page, 'organisations-empty-filters');
});

test("an organisation's people find its queue and take it away as a spreadsheet", async ({
	browser
}) => {
	const page = await logIn(browser, nadia);
	await page.goto(`/organisations/${ids.neighbours}`);
	await page.getByRole('link', { name: "Richieste dell'organizzazione" }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("Richieste dell'organizzazione");
	await expect(page.getByRole('link', { name: queueNeed })).toBeVisible();
	await checkPage(page, 'organisation-queue');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Scarica in CSV (foglio di calcolo)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^vicini-del-ponte-\d{4}-\d{2}-\d{2}\.csv$/);
	const csv = readFileSync(await download.path(), 'utf8');
	expect(csv.split('\r\n').slice(0, 1)).toEqual([
		'\uFEFFTitolo;Stato;Urgenza;Categoria;Zona;Creata il;Entro il;Persone che aiutano'
	]);
	// Semicolons: what Excel and LibreOffice in Italian split columns on.
	expect(csv).toContain('"Bollette, moduli e ""solleciti"" di Pina";Aperta;Normale;');

	// Someone outside the organisation is offered neither.
	const stranger = await logIn(browser, resident);
	await stranger.goto(`/organisations/${ids.neighbours}`);
	await expect(stranger.getByRole('heading', { level: 1 })).toHaveText(
		organisations.neighbours.name
	);
	await expect(stranger.getByRole('link', { name: "Richieste dell'organizzazione" })).toHaveCount(
		0
	);
	expect((await stranger.goto(`/organisations/${ids.neighbours}/queue`))?.status()).toBe(403);
});
