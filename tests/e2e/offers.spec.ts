// Offers of help: a volunteer offers lifts from the real form (a mistake first); a resident finds
// the offer on the board's other list and asks for it for her request; the volunteer, whose
// page is already open, sees the request arrive live and accepts; the resident's page follows,
// and the two talk in their private channel.
import { expect, test } from '@playwright/test';
import { api, checkPage, ready, signUp } from './helpers';

const run = Date.now().toString(36);
const person = (name: string, email: string) => ({
	name,
	email: `${email}.${run}@example.org`,
	password: 'una rete di quartiere'
});

test('a resident asks for an offer, its author accepts live, and they talk in their channel', async ({
	browser
}) => {
	const piero = await signUp(browser, person('Piero Passaggi', 'piero.passaggi'));
	const title = `Passaggi in auto per visite ${run}`;

	// The form says what is missing, in the app's words.
	await piero.goto('/offers/new');
	await ready(piero);
	await piero.getByRole('button', { name: 'Offri aiuto' }).last().click();
	await expect(piero.getByRole('alert')).toContainText('Controlla i campi segnalati');
	await checkPage(piero, 'offer-new-errors');
	await piero.getByLabel('Tipo di aiuto').selectOption('transport');
	await piero.getByLabel('Titolo').fill(title);
	await piero.getByLabel('Descrizione').fill('Accompagno a visite mediche, il martedì mattina.');
	await piero.getByLabel('Per quale bisogno').selectOption('health');
	await piero.getByLabel('Quante richieste puoi accogliere').fill('2');
	await piero.getByRole('button', { name: 'Offri aiuto' }).last().click();
	await expect(piero.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(piero.getByRole('status').filter({ hasText: 'Offerta pubblicata' })).toBeVisible();
	await checkPage(piero, 'offer-posted');
	const offerUrl = new URL(piero.url()).pathname;

	// He edits it: one more lift a week, and when he is free.
	await piero.goto(offerUrl);
	await piero.getByRole('link', { name: "Modifica l'offerta" }).click();
	await expect(piero.getByRole('heading', { level: 1 })).toHaveText("Modifica l'offerta");
	await expect(piero.getByLabel('Titolo')).toHaveValue(title);
	await piero.getByLabel('Quante richieste puoi accogliere').fill('3');
	await piero.getByText('Altre opzioni').click();
	await piero.getByRole('checkbox', { name: 'Martedì, Mattina' }).check();
	await checkPage(piero, 'offer-edit');
	await piero.getByRole('button', { name: 'Salva' }).click();
	await expect(piero.getByText('Offerta aggiornata.')).toBeVisible();
	await expect(piero.getByText('0 richieste accettate su 3')).toBeVisible();
	await ready(piero);

	// The resident has a request of her own, and finds the offer on the board's other list.
	const nina = await signUp(browser, person('Nina Visite', 'nina.visite'));
	const { need } = await api(nina, '/api/v1/needs', {
		title: `Visita cardiologica ${run}`,
		description: 'Giovedì alle 10 in ospedale.',
		category: 'health',
		claimRule: 'anyone',
		allowDuplicate: true
	});
	await nina.goto('/needs');
	await nina
		.getByRole('navigation', { name: 'Richieste, offerte o entrambe' })
		.getByRole('link', { name: 'Offerte' })
		.click();
	await expect(nina.getByRole('heading', { level: 1 })).toHaveText('Offerte di aiuto');
	await checkPage(nina, 'offers');
	await nina.getByRole('link', { name: title }).click();
	await expect(nina.getByRole('heading', { level: 1 })).toHaveText(title);
	await nina.getByLabel('Per quale tua richiesta').selectOption(need.id);
	await nina.getByLabel('Messaggio').fill('Mi servirebbe un passaggio giovedì mattina.');
	await nina.getByRole('button', { name: 'Chiedi', exact: true }).click();
	await expect(nina.getByText('La tua richiesta: In attesa di risposta.')).toBeVisible();
	await checkPage(nina, 'offer-asked');

	// Piero's open page shows the request without a reload; he accepts.
	const requests = piero.getByRole('region', { name: 'Richieste ricevute' });
	await expect(requests.getByText('Nina Visite')).toBeVisible();
	await expect(requests.getByText('Mi servirebbe un passaggio giovedì mattina.')).toBeVisible();
	await checkPage(piero, 'offer-requests');
	await requests.getByRole('button', { name: 'Accetta la richiesta di Nina Visite' }).click();
	await expect(piero.getByText('Richiesta accettata')).toBeVisible();

	// Nina's page follows live; the accepted request took Piero onto her request for help.
	await expect(nina.getByText('La tua richiesta: Accettata.')).toBeVisible();
	const detail = await api(nina, `/api/v1/needs/${need.id}`, undefined, 'GET');
	expect(detail.need.claims.map((c: { userName: string }) => c.userName)).toEqual([
		'Piero Passaggi'
	]);
	await nina.getByRole('link', { name: 'Apri il canale privato' }).click();
	const composer = nina.getByLabel('Il tuo messaggio');
	await composer.fill('Grazie! Ci vediamo giovedì alle 9:30?');
	await composer.press('Enter');
	await piero
		.getByRole('region', { name: 'Richieste ricevute' })
		.getByRole('link', { name: 'Apri il canale privato' })
		.click();
	await expect(piero.getByText('Grazie! Ci vediamo giovedì alle 9:30?')).toBeVisible();
});
