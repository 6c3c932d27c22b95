// Joint actions: a coordinator plans a food distribution and meets a clash with another
// organisation's; she asks to take part instead, and the lead accepts. A resident signs up for
// a full session, waits, and is confirmed when a place frees up.
import { expect, test } from '@playwright/test';
import { api, asAdmin, checkPage, printedPage, ready, signUp } from './helpers';

const run = Date.now().toString(36);
const person = (name: string, email: string) => ({
	name,
	email: `${email}.${run}@example.org`,
	password: 'una rete di quartiere'
});

test('a clash before saving: ask to take part instead, and the lead accepts', async ({
	browser
}) => {
	const admin = await asAdmin(browser);
	const place = `Rione Glicine ${run}`;
	const { territory } = await api(admin, '/api/v1/territories', { name: place });
	const giulia = await signUp(browser, person('Giulia Capofila', 'giulia.capofila'));
	const marta = await signUp(browser, person('Marta Servizi', 'marta.servizi'));
	const caritas = (
		await api(giulia, '/api/v1/organisations', { name: `Caritas Glicine ${run}`, kind: 'ngo' })
	).organisation;
	const service = (
		await api(marta, '/api/v1/organisations', {
			name: `Servizio sociale Glicine ${run}`,
			kind: 'public_service'
		})
	).organisation;
	for (const org of [caritas, service])
		await api(admin, `/api/v1/organisations/${org.id}/review`, { decision: 'verify' });
	await admin.context().close();
	const existing = (
		await api(giulia, '/api/v1/actions', {
			kind: 'distribution',
			title: `Pacchi alimentari di maggio ${run}`,
			description: 'Pacchi per le famiglie del rione.',
			leadOrganisationId: caritas.id,
			territoryIds: [territory.id],
			startsAt: '2027-05-10T07:00:00Z',
			endsAt: '2027-05-12T16:00:00Z',
			visibility: 'public'
		})
	).action;

	// Marta plans the same thing on the same days: nothing is saved, the clash is named.
	await marta.goto('/actions/new');
	await ready(marta);
	await marta.getByLabel('Tipo di azione').selectOption('distribution');
	await marta.getByLabel('Titolo').fill('Distribuzione alimentare del rione');
	await marta.getByLabel('Descrizione').fill('Pacchi alimentari per chi ne ha bisogno.');
	await marta.getByRole('checkbox', { name: place }).check();
	await marta.getByLabel('Inizio').fill('2027-05-11T09:00');
	await marta.getByLabel('Fine').fill('2027-05-11T13:00');
	await marta.getByRole('button', { name: "Salva l'azione" }).click();
	const clash = marta.getByRole('alert').filter({ hasText: 'ha già in programma' });
	await expect(clash).toContainText(`${caritas.name} ha già in programma «${existing.title}»`);
	await checkPage(marta, 'action-clash');

	// One click: she asks to take part in Caritas's action instead.
	await clash.getByRole('button', { name: `Chiedi di partecipare a «${existing.title}»` }).click();
	await expect(marta.getByRole('heading', { level: 1 })).toHaveText(existing.title);
	await expect(marta.getByRole('status')).toContainText('Richiesta inviata');

	// Giulia answers from the action's page.
	await giulia.goto(`/actions/${existing.id}`);
	await ready(giulia);
	await expect(
		giulia.getByText(`${service.name} chiede di partecipare a questa azione.`)
	).toBeVisible();
	await checkPage(giulia, 'action-partner-asks');
	await giulia.getByRole('button', { name: 'Accetta' }).click();
	await expect(giulia.getByText('Hai accettato')).toBeVisible();
	await expect(giulia.getByRole('definition').filter({ hasText: service.name })).toBeVisible();
});

test('a full session: a resident waits, and is confirmed when a place frees up', async ({
	browser
}) => {
	const admin = await asAdmin(browser);
	const lead = await signUp(browser, person('Lia Biblioteca', 'lia.biblioteca'));
	const org = (
		await api(lead, '/api/v1/organisations', { name: `Amici del libro ${run}`, kind: 'group' })
	).organisation;
	await api(admin, `/api/v1/organisations/${org.id}/review`, { decision: 'verify' });
	const { territory } = await api(admin, '/api/v1/territories', { name: `Borgo Libri ${run}` });
	await admin.context().close();
	const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
	const action = (
		await api(lead, '/api/v1/actions', {
			kind: 'event',
			title: `Truffe agli anziani: come difendersi ${run}`,
			description: 'Un incontro in biblioteca con i Carabinieri.',
			leadOrganisationId: org.id,
			territoryIds: [territory.id],
			startsAt: soon(5),
			endsAt: soon(6),
			visibility: 'public',
			goal: 'Raggiungere 100 persone anziane',
			goalCount: 100,
			targetGroupIds: ['elderly']
		})
	).action;
	const session = (
		await api(lead, `/api/v1/actions/${action.id}/sessions`, {
			startsAt: soon(5),
			endsAt: soon(5.1),
			place: 'Biblioteca civica',
			capacity: 1
		})
	).session;
	const first = await signUp(browser, person('Primo Iscritto', 'primo.iscritto'));
	await api(first, `/api/v1/sessions/${session.id}/signups`, {});

	const rosa = await signUp(browser, person('Rosa Attende', 'rosa.attende'));
	await rosa.goto(`/actions/${action.id}`);
	await ready(rosa);
	await expect(rosa.getByText('1 iscritti su 1 posti')).toBeVisible();
	await rosa.getByRole('button', { name: "Mettiti in lista d'attesa" }).click();
	await expect(rosa.getByText("Sei in lista d'attesa: posizione 1.")).toBeVisible();
	await checkPage(rosa, 'action-session-waiting');

	// The first one leaves: Rosa is confirmed at once, and told.
	await api(first, `/api/v1/sessions/${session.id}/signups/mine`, undefined, 'DELETE');
	await rosa.reload();
	await expect(rosa.getByText('Sei iscritto.')).toBeVisible();
	await rosa.goto('/notifications');
	await expect(rosa.getByText('Si è liberato un posto')).toBeVisible();

	// The organiser checks people in on the sign-up sheet, and prints it.
	await lead.goto(`/actions/${action.id}`);
	await lead.getByRole('link', { name: 'Elenco iscritti e presenze' }).click();
	await ready(lead);
	await expect(lead.getByRole('rowheader', { name: 'Rosa Attende' })).toBeVisible();
	await lead.getByRole('button', { name: 'Rosa Attende: presente' }).click();
	await expect(lead.getByRole('status').filter({ hasText: 'Presenti: 1 su 1' })).toBeVisible();
	await expect(lead.getByRole('button', { name: 'Rosa Attende: presente' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await checkPage(lead, 'session-sheet');
	expect((await printedPage(lead, 'session-sheet')).controls).toBe(0);

	// The reach is drawn against the goal, with its table, on the action's page.
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
	await api(lead, `/api/v1/actions/${action.id}/reach`, {
		date: today,
		peopleReached: 40,
		territoryId: territory.id
	});
	await lead.goto(`/actions/${action.id}`);
	const reach = lead.getByRole('region', { name: 'Persone raggiunte' });
	await expect(reach.getByText('40 su 100')).toBeVisible();
	await expect(reach.locator('svg.lc-layout-svg')).toContainText('Obiettivo: 100');
	await expect(reach.getByRole('cell', { name: '40' })).toBeVisible();
	await checkPage(lead, 'action-reach');
	expect((await printedPage(lead, 'action-reach')).controls).toBe(0);

	// Signed out, the network's calendar and its who-does-what page show the public action.
	const visitor = await browser.newPage();
	const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' })
		.format(new Date(session.startsAt))
		.slice(0, 7);
	await visitor.goto(`/actions/calendar?month=${month}`);
	await expect(visitor.getByRole('link', { name: action.title }).first()).toBeVisible();
	await checkPage(visitor, 'actions-calendar');
	await visitor.getByRole('link', { name: 'Vista elenco' }).click();
	await expect(visitor.getByRole('link', { name: 'Vista elenco' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(visitor.getByRole('link', { name: action.title }).first()).toBeVisible();
	await checkPage(visitor, 'actions-calendar-list');
	await visitor.goto(`/actions/overview?territoryId=${territory.id}`);
	await expect(visitor.getByRole('cell', { name: org.name })).toBeVisible();
	await expect(
		visitor.getByRole('region', { name: 'Persone raggiunte' }).getByText('40 persone raggiunte')
	).toBeVisible();
	await checkPage(visitor, 'actions-overview');
});

test('two partners see the checklist change live', async ({ browser }) => {
	const admin = await asAdmin(browser);
	const lead = await signUp(browser, person('Teo Capofila', 'teo.capofila'));
	const partner = await signUp(browser, person('Pia Partner', 'pia.partner'));
	const leadOrg = (
		await api(lead, '/api/v1/organisations', { name: `Ondata di calore ${run}`, kind: 'ngo' })
	).organisation;
	const partnerOrg = (
		await api(partner, '/api/v1/organisations', { name: `Vicini attenti ${run}`, kind: 'group' })
	).organisation;
	for (const org of [leadOrg, partnerOrg])
		await api(admin, `/api/v1/organisations/${org.id}/review`, { decision: 'verify' });
	const { territory } = await api(admin, '/api/v1/territories', { name: `Borgo Caldo ${run}` });
	await admin.context().close();
	const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
	const action = (
		await api(lead, '/api/v1/actions', {
			kind: 'campaign',
			title: `Ondata di calore: telefonate agli anziani soli ${run}`,
			description: 'Una telefonata al giorno a chi vive solo.',
			leadOrganisationId: leadOrg.id,
			territoryIds: [territory.id],
			startsAt: soon(2),
			endsAt: soon(20),
			visibility: 'partners'
		})
	).action;
	await api(lead, `/api/v1/actions/${action.id}/partners`, { organisationId: partnerOrg.id });
	await api(partner, `/api/v1/actions/${action.id}/partners/${partnerOrg.id}`, {
		decision: 'accept'
	});
	const title = 'Preparare l’elenco delle persone da chiamare';
	await api(lead, `/api/v1/actions/${action.id}/tasks`, { title, organisationId: leadOrg.id });

	await lead.goto(`/actions/${action.id}`);
	await partner.goto(`/actions/${action.id}`);
	await ready(lead);
	await ready(partner);
	const checklist = (page: typeof lead) => page.getByRole('region', { name: 'Cose da fare' });
	await checklist(partner)
		.getByRole('button', { name: `Segna «${title}» come fatto` })
		.click();
	await expect(
		checklist(partner).getByRole('button', { name: `Segna «${title}» come da fare` })
	).toBeVisible();
	// The lead's open page follows without a reload.
	await expect(
		checklist(lead).getByRole('button', { name: `Segna «${title}» come da fare` })
	).toBeVisible();
	// The lead adds a task from the page's form; the partner's page shows it.
	await checklist(lead).locator('summary', { hasText: 'Aggiungi un compito' }).click();
	await checklist(lead).getByLabel("Che cosa c'è da fare").fill('Comprare le schede telefoniche');
	await checklist(lead).getByRole('button', { name: 'Aggiungi un compito' }).click();
	await expect(checklist(lead).getByText('Compito aggiunto.')).toBeVisible();
	await expect(checklist(partner).getByText('Comprare le schede telefoniche')).toBeVisible();
	await checkPage(lead, 'action-checklist');
});
