// Matching: a coordinator opens a request of her organisation and finds who could help, with
// why in words: an open offer nearby and a volunteer who lives there; she invites the volunteer,
// who is told (an invitation, never an obligation).
import { expect, test } from '@playwright/test';
import { api, asAdmin, checkPage, signUp } from './helpers';

const run = Date.now().toString(36);
const person = (name: string, email: string) => ({
	name,
	email: `${email}.${run}@example.org`,
	password: 'una rete di quartiere'
});
const place = `Quartiere Salice ${run}`;

test('a coordinator sees who could help with a request, and invites a volunteer', async ({
	browser
}) => {
	const admin = await asAdmin(browser);
	const { territory } = await api(admin, '/api/v1/territories', { name: place });
	const carla = await signUp(browser, person('Carla Coordina', 'carla.coordina'));
	const { organisation } = await api(carla, '/api/v1/organisations', {
		name: `Ascolto Salice ${run}`,
		kind: 'ngo'
	});
	await api(admin, `/api/v1/organisations/${organisation.id}/review`, { decision: 'verify' });
	await admin.context().close();

	const vera = await signUp(browser, person('Vera Vicina', 'vera.vicina'));
	await api(
		vera,
		'/api/v1/me/profile',
		{ homeTerritoryId: territory.id, languages: ['it'] },
		'PUT'
	);
	const otto = await signUp(browser, person('Otto Offre', 'otto.offre'));
	const offerTitle = `Compagnia il pomeriggio ${run}`;
	await api(otto, '/api/v1/offers', {
		kind: 'time',
		title: offerTitle,
		description: 'Due chiacchiere e una passeggiata.',
		category: 'company',
		territoryId: territory.id,
		capacity: 2
	});
	await otto.context().close();

	const { need } = await api(carla, '/api/v1/needs', {
		title: `Compagnia per la signora Ida ${run}`,
		description: 'Vive sola, le farebbe piacere una visita.',
		category: 'company',
		territoryId: territory.id,
		organisationId: organisation.id,
		// Open to anyone: for trusted helpers only, neither Otto nor Vera would be suggested.
		claimRule: 'anyone',
		allowDuplicate: true
	});
	await carla.goto(`/needs/${need.id}`);
	const suggestions = carla.getByRole('region', { name: 'Chi potrebbe aiutare' });
	await expect(suggestions.getByRole('link', { name: offerTitle })).toBeVisible();
	const veraRow = suggestions.getByRole('listitem').filter({ hasText: 'Vera Vicina' });
	await expect(veraRow.getByText(`vive a ${place}`)).toBeVisible();
	await checkPage(carla, 'need-suggestions');
	await veraRow.getByRole('button', { name: 'Invita Vera Vicina' }).click();
	await expect(carla.getByText('Invito mandato')).toBeVisible();

	// Vera is told, with the way to the request.
	await vera.goto('/notifications');
	await expect(vera.getByRole('link', { name: /Compagnia per la signora Ida/ })).toBeVisible();
	await checkPage(vera, 'notifications-invited');
});
