// A handover as people live it: a volunteer holds the only slot, a second one asks to take over
// with a reason, the holder hears it at once, answers from "What I'm helping with", and the
// asker now holds the slot and is told. Then the asker chooses which notices come by e-mail.
import { expect, test } from '@playwright/test';
import { checkPage, ready, signUp } from './helpers';

const run = Date.now().toString(36);
const person = (name: string, email: string) => ({
	name,
	email: `${email}.${run}@example.org`,
	password: 'una rete di quartiere'
});
const title = `Compagnia il martedì ${run}`;

test('a slot changes hands by asking, and both sides are told', async ({ browser }) => {
	const rosa = await signUp(browser, person('Rosa Handover', 'rosa.h'));
	const piero = await signUp(browser, person('Piero Tiene', 'piero.h'));
	const lucia = await signUp(browser, person('Lucia Chiede', 'lucia.h'));

	await rosa.goto('/needs/new');
	await ready(rosa);
	await rosa.getByLabel('Titolo').fill(title);
	await rosa.getByLabel('Descrizione').fill('Una chiacchierata e una passeggiata il martedì.');
	await rosa.getByLabel("Di che cosa c'è bisogno").selectOption('company');
	await rosa.getByRole('button', { name: 'Chiedi aiuto' }).click();
	await expect(rosa.getByRole('heading', { level: 1 })).toHaveText(title);
	const needUrl = rosa.url();

	await piero.goto(needUrl);
	await piero.getByRole('button', { name: /^Me ne occupo io/ }).click();
	await expect(piero.getByRole('status').filter({ hasText: 'te ne stai occupando' })).toBeVisible();
	await piero.goto('/needs/mine');
	await ready(piero);

	// Every slot is taken: Lucia asks to take over instead.
	await lucia.goto(needUrl);
	await ready(lucia);
	await expect(lucia.getByRole('heading', { name: 'Passaggio di consegne' })).toBeVisible();
	await lucia.getByRole('button', { name: 'Chiedi di subentrare' }).click();
	await expect(lucia.getByRole('alert').filter({ hasText: 'Controlla' })).toBeVisible();
	await lucia
		.getByLabel('Perché dovreste subentrare voi')
		.fill('La conosco da anni, abito nello stesso palazzo.');
	await checkPage(lucia, 'handover-ask');
	await lucia.getByRole('button', { name: 'Chiedi di subentrare' }).click();
	await expect(lucia.getByRole('status').filter({ hasText: 'Richiesta inviata' })).toBeVisible();
	await expect(lucia.getByText('Lucia Chiede chiede di subentrare')).toBeVisible();

	// Piero's bell rings without reloading; the request waits for him on his own page.
	await expect(piero.getByRole('link', { name: /Notifiche da leggere: 1/ })).toBeVisible({
		timeout: 5000
	});
	await piero.reload();
	await expect(piero.getByRole('heading', { name: 'Aspettano la tua risposta' })).toBeVisible();
	await expect(piero.getByText('La conosco da anni')).toBeVisible();
	await checkPage(piero, 'handover-answer');
	await piero.getByLabel('Un messaggio (facoltativo)').fill('Grazie Lucia, a te!');
	await piero.getByRole('button', { name: 'Passa le consegne' }).click();
	await expect(piero.getByRole('heading', { name: 'Aspettano la tua risposta' })).toHaveCount(0);
	// The card is gone; the news of the answer has the focus.
	await expect(piero.getByRole('status').filter({ hasText: 'Risposta registrata.' })).toBeFocused();

	// Lucia holds the slot now, and is told.
	await expect(lucia.getByRole('link', { name: /Notifiche da leggere: 1/ })).toBeVisible({
		timeout: 5000
	});
	await lucia.goto(needUrl);
	await expect(lucia.getByText('accettata')).toBeVisible();
	await expect(lucia.getByRole('heading', { name: 'Chi aiuta' })).toBeVisible();
	await lucia.goto('/notifications');
	await expect(lucia.getByRole('link', { name: /è stata accettata/ })).toBeVisible();

	// What reaches her by e-mail is her choice.
	await lucia.getByRole('link', { name: 'Avvisi per e-mail' }).click();
	await ready(lucia);
	const expiring = lucia.getByLabel('Un mio impegno sta per scadere (importante)');
	await expect(expiring).toBeChecked();
	await expiring.uncheck();
	await lucia.getByLabel('Qualcuno mi menziona in un canale').check();
	await lucia.getByRole('button', { name: 'Salva le scelte' }).click();
	await expect(lucia.getByRole('status').filter({ hasText: 'Scelte salvate' })).toBeVisible();
	await lucia.reload();
	await expect(lucia.getByLabel('Un mio impegno sta per scadere (importante)')).not.toBeChecked();
	await expect(lucia.getByLabel('Qualcuno mi menziona in un canale')).toBeChecked();
	await checkPage(lucia, 'notification-settings');
});
