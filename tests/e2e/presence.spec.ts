// Who is on it, right now: a coordinator and a helper open the same request and see each other;
// the helper says "I am calling", the coordinator sees it live with a countdown, on the page and
// on the board; the helper extends it, ends it, and leaves, and the coordinator sees each step.
import { expect, test } from '@playwright/test';
import { api, asAdmin, checkPage, signUp } from './helpers';

test.describe.configure({ mode: 'serial' });

const marta = {
	name: 'Marta Rossi',
	email: 'marta.rossi@example.org',
	password: 'coordinare le telefonate'
};
const luca = {
	name: 'Luca Bianchi',
	email: 'luca.bianchi@example.org',
	password: 'telefonare alla signora'
};
const organisation = 'Caritas San Rocco';
const title = 'Una telefonata alla signora Ida';

test('two people see each other on a request, and who is calling, live', async ({ browser }) => {
	const martaPage = await signUp(browser, marta);
	const lucaPage = await signUp(browser, luca);

	// Marta coordinates for her organisation, which posts the request; Luca takes it on.
	const { organisation: org } = await api(martaPage, '/api/v1/organisations', {
		name: organisation,
		kind: 'ngo'
	});
	// Verified by the network: its requests go to trusted helpers, and Luca, a vouched
	// volunteer, is one.
	const adminPage = await asAdmin(browser);
	await api(adminPage, `/api/v1/organisations/${org.id}/review`, { decision: 'verify' });
	const me = await (await lucaPage.request.get('/api/v1/me')).json();
	const vouched = await adminPage.request.post(`/api/v1/people/${me.user.id}/vouch`, {
		data: {},
		headers: { origin: new URL(adminPage.url()).origin }
	});
	expect(vouched.status()).toBe(204);
	await adminPage.context().close();
	const { need } = await api(martaPage, '/api/v1/needs', {
		title,
		description: 'Vive sola e aspetta una chiamata ogni giorno.',
		category: 'company',
		organisationId: org.id
	});
	await api(lucaPage, `/api/v1/needs/${need.id}/claims`, {});

	// Both open it: each sees the other looking, with their organisation when they have one.
	for (const page of [martaPage, lucaPage]) await page.goto(`/needs/${need.id}`);
	const martaBox = martaPage.getByRole('region', { name: 'Chi se ne occupa ora' });
	const lucaBox = lucaPage.getByRole('region', { name: 'Chi se ne occupa ora' });
	await expect(martaBox.getByText('Stanno guardando anche: Luca Bianchi')).toBeVisible();
	await expect(
		lucaBox.getByText(`Stanno guardando anche: Marta Rossi (${organisation})`)
	).toBeVisible();

	// Luca is calling: Marta sees it at once, with a countdown from 15 minutes.
	await lucaBox.getByLabel('Cosa stai facendo?').selectOption('calling');
	await lucaBox.getByRole('button', { name: 'Avvisa gli altri' }).click();
	await expect(lucaBox.getByText('Stai chiamando questa persona')).toBeVisible();
	const calling = martaBox.getByRole('listitem').filter({
		hasText: 'Luca Bianchi sta chiamando questa persona ora'
	});
	await expect(calling).toContainText(/ancora 1[45]:\d\d/);
	// The countdown runs.
	await expect(calling).toContainText(/ancora 14:5[0-7]/, { timeout: 6000 });
	await checkPage(martaPage, 'need-presence');

	// "15 more minutes" starts the quarter of an hour again.
	await lucaBox.getByRole('button', { name: 'Altri 15 minuti' }).click();
	await expect(calling).toContainText(/ancora (15:00|14:59|14:58)/);

	// The board shows it too, beside the request: Marta's own tab here is just a glance.
	const board = await martaPage.context().newPage();
	await board.goto('/needs?status=all');
	const card = board.getByRole('article').filter({ hasText: title });
	await expect(card.getByText('Luca Bianchi sta chiamando')).toBeVisible();
	await expect(card.getByText('2 persone stanno guardando')).toBeVisible();
	await checkPage(board, 'board-presence');

	// Done: the activity goes from both places.
	await lucaBox.getByRole('button', { name: 'Ho finito la telefonata' }).click();
	await expect(calling).toHaveCount(0);
	await expect(card.getByText('Luca Bianchi sta chiamando')).toHaveCount(0);
	await expect(lucaBox.getByRole('button', { name: 'Avvisa gli altri' })).toBeVisible();

	// Luca closes the page: he is no longer looking.
	await lucaPage.close();
	await expect(martaBox.getByText('Nessun altro sta guardando questa richiesta.')).toBeVisible();
	await expect(card.getByText('1 persona sta guardando')).toBeVisible();
});
