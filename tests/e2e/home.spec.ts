// The home each person finds when signed in: a resident finds her request, with who took it on,
// after it has left the open board; the volunteer who took it sees it, and what else is open
// where they live; a coordinator sees the organisation's requests, handovers and join requests.
import { expect, test } from '@playwright/test';
import { api, asAdmin, checkPage, signUp } from './helpers';

const run = Date.now().toString(36);
const person = (name: string, email: string) => ({
	name,
	email: `${email}.${run}@example.org`,
	password: 'una rete di quartiere'
});
const place = `Rione Fontana ${run}`;

test('a resident finds her request after someone takes it; the volunteer finds it too', async ({
	browser
}) => {
	const rosa = await signUp(browser, person('Rosa Casa', 'rosa.casa'));
	const vito = await signUp(browser, person('Vito Casa', 'vito.casa'));
	const admin = await asAdmin(browser);
	const { territory } = await api(admin, '/api/v1/territories', { name: place });
	await admin.context().close();
	await api(vito, '/api/v1/me/profile', { homeTerritoryId: territory.id }, 'PUT');

	const title = `Ritirare le medicine ${run}`;
	const other = `Compagnia per una passeggiata ${run}`;
	const post = (what: string) =>
		api(rosa, '/api/v1/needs', {
			title: what,
			description: 'In farmacia, la ricetta è pronta.',
			category: 'health',
			territoryId: territory.id,
			allowDuplicate: true
		});
	const { need } = await post(title);
	await post(other);
	await api(vito, `/api/v1/needs/${need.id}/claims`, {});

	// Taken on, it has left the open board; her home still shows it, with who is helping.
	await rosa.goto('/');
	const mine = rosa.getByRole('region', { name: 'Le tue richieste' });
	const card = mine.getByRole('listitem').filter({ hasText: title });
	await expect(card.getByText('In corso')).toBeVisible();
	await expect(card.getByText('Se ne occupa: Vito Casa')).toBeVisible();
	await expect(card.getByText(/Ultima novità: Vito Casa se ne occupa/)).toBeVisible();
	await checkPage(rosa, 'home-resident');
	await mine.getByRole('link', { name: 'Tutte le tue richieste' }).click();
	await expect(
		rosa.getByRole('region', { name: 'Le mie richieste' }).getByRole('link', { name: title })
	).toBeVisible();
	await checkPage(rosa, 'needs-mine-resident');

	// The volunteer: what they help with, and what is open where they live.
	await vito.goto('/');
	await expect(
		vito.getByRole('region', { name: 'Di cosa ti occupi' }).getByRole('link', { name: title })
	).toBeVisible();
	const near = vito.getByRole('region', { name: `Vicino a te: ${place}` });
	await expect(near.getByRole('link', { name: other })).toBeVisible();
	await expect(near.getByRole('link', { name: title })).toHaveCount(0);
	await checkPage(vito, 'home-volunteer');
});

test("a coordinator's home leads to the organisation's requests and who asks to join", async ({
	browser
}) => {
	const giulia = await signUp(browser, person('Giulia Casa', 'giulia.casa'));
	const ugo = await signUp(browser, person('Ugo Casa', 'ugo.casa'));
	const name = `Centro di ascolto ${run}`;
	const { organisation } = await api(giulia, '/api/v1/organisations', { name, kind: 'ngo' });
	const title = `Pacco alimentare per la famiglia Rossi ${run}`;
	await api(giulia, '/api/v1/needs', {
		title,
		description: 'Il pacco del mese, da ritirare in sede.',
		category: 'food',
		organisationId: organisation.id,
		allowDuplicate: true
	});
	await api(ugo, `/api/v1/organisations/${organisation.id}/join-requests`, {
		message: 'Posso dare una mano il sabato.'
	});

	await giulia.goto('/');
	const desk = giulia.getByRole('region', { name });
	await expect(desk.getByText('Sei coordinatore')).toBeVisible();
	await expect(desk.getByRole('link', { name: title })).toBeVisible();
	await checkPage(giulia, 'home-coordinator');
	await desk.getByRole('link', { name: 'Richieste di adesione da valutare: 1' }).click();
	await expect(giulia.getByText('Posso dare una mano il sabato.')).toBeVisible();
	await giulia.goBack();
	await giulia
		.getByRole('region', { name })
		.getByRole('link', { name: /Apri le richieste/ })
		.click();
	await expect(giulia.getByRole('heading', { level: 1 })).toHaveText(
		"Richieste dell'organizzazione"
	);
	await expect(giulia.getByRole('link', { name: title })).toBeVisible();
});
