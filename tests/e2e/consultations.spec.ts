// Participatory consultations: a resident meets a proposal like their own and supports it
// instead; residents rank a poll's options with the keyboard only, and after closing the results
// show the runoff that changed the winner; an operator records an assisted ballot at the desk and
// the resident's own ballot is refused afterwards.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { codiceFiscale, phasesAround } from '../helpers/consultations';
import { api, asAdmin, checkPage, ready, signUp } from './helpers';

const run = Date.now().toString(36);
const person = (name: string, email: string) => ({
	name,
	email: `${email}.${run}@example.org`,
	password: 'una rete di quartiere'
});
const DAY = 86_400_000;

/** A coordinator with a verified organisation, in her own browser. */
async function organiser(browser: Browser, name: string) {
	const page = await signUp(browser, person(name, name.toLowerCase().replace(/\s/g, '.')));
	const { organisation } = await api(page, '/api/v1/organisations', {
		name: `Comune di Borgo ${name} ${run}`,
		kind: 'public_service'
	});
	const admin = await asAdmin(browser);
	await api(admin, `/api/v1/organisations/${organisation.id}/review`, { decision: 'verify' });
	await admin.context().close();
	return { page, organisation };
}

async function consultation(
	page: Page,
	organisationId: string,
	current: Parameters<typeof phasesAround>[0],
	settings = {}
) {
	const { consultation } = await api(page, '/api/v1/consultations', {
		title: `Il centro civico del quartiere ${run} ${current}`,
		description: 'Che cosa deve offrire? Proponete, sostenete, votate.',
		organisationId,
		phases: phasesAround(current),
		settings
	});
	return consultation;
}

/** Presses Tab until `target` has the focus, as someone without a mouse moves on a page. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>) {
	for (let i = 0; i < 80; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error('never reached by Tab');
}

test('a resident meets a proposal like theirs and supports it instead', async ({ browser }) => {
	const { page: coordinator, organisation } = await organiser(browser, 'Ada Proposte');
	const c = await consultation(coordinator, organisation.id, 'proposals');
	const first = await signUp(browser, person('Bruno Primo', 'bruno.primo'));
	const { proposal } = await api(first, `/api/v1/consultations/${c.id}/proposals`, {
		title: 'Corsi di italiano per stranieri adulti',
		body: 'La sera, due volte a settimana, nella sala del centro civico.'
	});

	const rosa = await signUp(browser, person('Rosa Seconda', 'rosa.seconda'));
	await rosa.goto(`/consultations/${c.id}`);
	await ready(rosa);
	await checkPage(rosa, 'consultation-proposals-phase');
	await rosa.getByRole('link', { name: 'Vedi tutte le proposte e proponi' }).click();
	await ready(rosa);
	await rosa.getByLabel('Titolo').fill('Corso di italiano per stranieri adulti');
	await rosa
		.getByLabel('La proposta')
		.fill('Un corso serale di lingua italiana per gli stranieri del quartiere.');
	await rosa.getByRole('button', { name: 'Pubblica la proposta' }).click();
	const similar = rosa.getByRole('alert').filter({ hasText: 'Ci sono proposte simili' });
	await expect(similar).toContainText(proposal.title);
	await checkPage(rosa, 'proposal-similar');

	await similar
		.getByRole('button', { name: `Sostieni «${proposal.title}» invece di proporre la tua` })
		.click();
	await expect(rosa.getByText('Sostegno registrato.')).toBeVisible();
	const listed = rosa.getByRole('listitem').filter({ hasText: proposal.title });
	await expect(listed).toContainText('1 sostegni');
	await expect(listed).toContainText('La sostieni');
	// Nothing else was published: her text stayed hers.
	await expect(
		rosa.getByRole('link', { name: 'Corso di italiano per stranieri adulti' })
	).toHaveCount(0);
	await checkPage(rosa, 'proposals-list');
	for (const page of [coordinator, first, rosa]) await page.context().close();
});

test('a ranked poll with the keyboard only; after closing, the runoff changes the winner', async ({
	browser
}) => {
	const { page: coordinator, organisation } = await organiser(browser, 'Ada Voto');
	const c = await consultation(coordinator, organisation.id, 'voting');
	const { poll } = await api(coordinator, `/api/v1/consultations/${c.id}/polls`, {
		question: `Dove apriamo lo sportello sociale? ${run}`,
		method: 'ranked',
		options: ['Piazza San Rocco', 'Case Nuove', 'Mulini', 'Mercato'],
		results: 'after_close',
		anonymous: true
	});
	const [rocco, caseNuove] = poll.options;
	// Five ballots through the API: San Rocco leads the first round, without a majority.
	const others = [];
	for (const [i, choices] of [[rocco], [rocco], [rocco], [caseNuove], [caseNuove]].entries()) {
		const voter = await signUp(browser, person(`Votante ${i}`, `votante.${i}`));
		await api(voter, `/api/v1/polls/${poll.id}/ballots`, {
			choices: choices.map((o: { id: string }) => o.id)
		});
		others.push(voter);
	}

	// Two residents rank with the keyboard: Mulini then Case Nuove, Mercato then Case Nuove.
	for (const [i, first] of ['Mulini', 'Mercato'].entries()) {
		const resident = await signUp(browser, person(`Tastiera ${i}`, `tastiera.${i}`));
		await resident.goto(`/consultations/${c.id}/polls/${poll.id}`);
		await ready(resident);
		if (i === 0) await checkPage(resident, 'poll-ranked-ballot');
		const firstChoice = resident.getByLabel('1ª scelta', { exact: true });
		await tabTo(resident, firstChoice);
		// A closed select takes the option whose name starts with what is typed.
		await resident.keyboard.type(first.slice(0, 3));
		await resident.keyboard.press('Tab');
		await resident.keyboard.type('Cas');
		await expect(resident.getByLabel('2ª scelta', { exact: true })).toHaveValue(caseNuove.id);
		await expect(firstChoice).toHaveValue(
			poll.options.find((o: { label: string }) => o.label === first).id
		);
		await tabTo(resident, resident.getByRole('button', { name: 'Vota' }).last());
		await resident.keyboard.press('Enter');
		await expect(resident.getByText('Voto registrato. Grazie!')).toBeVisible();
		await expect(resident.getByText('I risultati si vedono alla chiusura.')).toBeVisible();
		others.push(resident);
	}

	// The coordinator closes the vote by moving on to the results.
	await api(coordinator, `/api/v1/consultations/${c.id}/phase`, { kind: 'results' });
	const reader = others.at(-1)!;
	await reader.goto(`/consultations/${c.id}`);
	await ready(reader);
	await expect(reader.getByText('Vince: Case Nuove')).toBeVisible();
	const rounds = reader.getByRole('table', { name: /Turni del ballottaggio/ });
	await expect(rounds.getByRole('row', { name: /Piazza San Rocco/ })).toContainText('3');
	await expect(rounds.getByRole('row', { name: /Mulini/ })).toContainText('esce');
	await checkPage(reader, 'consultation-results');
	for (const page of [coordinator, ...others]) await page.context().close();
});

test('an operator records an assisted ballot; the resident’s own is refused after', async ({
	browser
}) => {
	const { page: coordinator, organisation } = await organiser(browser, 'Ada Sportello');
	const operator = await signUp(browser, person('Oscar Operatore', 'oscar.operatore'));
	const { user } = await (await operator.request.get('/api/v1/me')).json();
	await api(coordinator, `/api/v1/organisations/${organisation.id}/members`, {
		userId: user.id,
		role: 'operator'
	});
	const c = await consultation(coordinator, organisation.id, 'voting', { assistedBallots: true });
	const { poll } = await api(coordinator, `/api/v1/consultations/${c.id}/polls`, {
		question: `Quale orario per lo sportello? ${run}`,
		method: 'single',
		options: ['La mattina', 'Il pomeriggio'],
		results: 'after_close',
		anonymous: true
	});
	const code = codiceFiscale(Date.now() % 600);

	// At the desk: the operator records Maria's choice, with her consent.
	await operator.goto(`/consultations/${c.id}/polls/${poll.id}`);
	await ready(operator);
	const desk = operator.getByRole('region', { name: 'Voto assistito' });
	await desk.getByLabel('Codice fiscale della persona').fill(code);
	await desk.getByRole('radio', { name: 'Il pomeriggio' }).check();
	await desk.getByRole('button', { name: 'Registra il voto' }).click();
	await expect(desk.getByRole('alert')).toContainText('consenso');
	await desk.getByRole('radio', { name: 'Il pomeriggio' }).check();
	await desk.getByLabel('Codice fiscale della persona').fill(code);
	await desk.getByRole('checkbox', { name: /ha dato il consenso/ }).check();
	await desk.getByRole('button', { name: 'Registra il voto' }).click();
	await expect(desk.getByText('Voto assistito registrato.')).toBeVisible();
	await checkPage(operator, 'poll-assisted');

	// Later Maria signs up herself: tying her code shows that she has voted, once.
	const maria = await signUp(browser, person('Maria Sportello', 'maria.sportello'));
	await maria.goto(`/consultations/${c.id}/polls/${poll.id}`);
	await ready(maria);
	await maria.getByLabel('Il tuo codice fiscale').fill(code.toLowerCase());
	await maria.getByRole('button', { name: 'Collega e continua' }).click();
	await expect(maria.getByText('Un operatore ha già registrato il tuo voto')).toBeVisible();
	await expect(maria.getByRole('button', { name: 'Vota' })).toHaveCount(0);
	await checkPage(maria, 'poll-already-assisted');
	const refused = await maria.request.post(`/api/v1/polls/${poll.id}/ballots`, {
		data: { choices: [poll.options[0].id] },
		headers: { origin: new URL(maria.url()).origin }
	});
	expect(refused.status()).toBe(409);
	expect((await refused.json()).reason).toBe('already_voted');
	for (const page of [coordinator, operator, maria]) await page.context().close();
});

test('a coordinator opens a consultation with the form and runs it from its page', async ({
	browser
}) => {
	const { page: ada } = await organiser(browser, 'Ada Apre');
	await ada.goto('/consultations');
	await ready(ada);
	await ada.getByRole('link', { name: 'Apri una consultazione' }).first().click();
	await ready(ada);
	await ada.getByLabel('Titolo (la domanda)').fill(`Come cambiare l'assistenza domiciliare ${run}`);
	await ada.getByLabel('Descrizione').fill('Diteci che cosa funziona e che cosa no.');
	// Without dates the phases are refused, each message at its place.
	await ada.getByRole('button', { name: 'Apri una consultazione' }).click();
	await expect(ada.getByRole('alert').first()).toBeVisible();
	await checkPage(ada, 'consultation-new-refused');
	const day = (offset: number, time = '09:00') => {
		const d = new Date(Date.now() + offset * DAY);
		return `${d.toISOString().slice(0, 10)}T${time}`;
	};
	// Only proposals and voting: the others are unticked.
	for (const kind of ['Informazione', 'Sostegni', 'Risultati'])
		await ada.getByRole('checkbox', { name: kind, exact: true }).uncheck();
	await ada.getByLabel('Proposte: inizio').fill(day(-1));
	await ada.getByLabel('Proposte: fine').fill(day(10));
	await ada.getByLabel('Voto: inizio').fill(day(10));
	await ada.getByLabel('Voto: fine').fill(day(20));
	await ada.getByRole('button', { name: 'Apri una consultazione' }).click();
	await expect(ada.getByRole('heading', { level: 1 })).toHaveText(
		`Come cambiare l'assistenza domiciliare ${run}`
	);
	await expect(ada.getByText('Fase in corso')).toBeVisible();
	await checkPage(ada, 'consultation-page');

	await ada.getByRole('link', { name: 'Gestisci' }).click();
	await ready(ada);
	await ada.locator('summary', { hasText: 'Nuova votazione' }).click();
	await ada.getByLabel('Domanda').fill('Che cosa cambiamo per primo?');
	await ada.getByLabel('Come si vota').selectOption('approval');
	await ada.getByLabel('Opzioni').fill('Orari più ampi\nStesso operatore ogni volta\nMeno moduli');
	await ada.getByLabel('Quante scelte al massimo').fill('2');
	await ada.getByRole('button', { name: 'Nuova votazione' }).click();
	await expect(ada.getByText('Votazione creata.')).toBeVisible();
	await expect(ada.getByRole('link', { name: 'Che cosa cambiamo per primo?' })).toBeVisible();
	await checkPage(ada, 'consultation-manage');
	await ada.context().close();
});
