// Two people coordinate in a channel: one starts a group with the other, the other sees the
// unread count rise on the channel list, then both chat and see each other typing, live.
import { expect, test } from '@playwright/test';
import { checkPage, ready, signUp } from './helpers';

test.describe.configure({ mode: 'serial' });

const lia = {
	name: 'Lia Coordinatrice',
	email: 'lia.canali@example.org',
	password: 'coordinare la spesa'
};
const marco = {
	name: 'Marco Canali',
	email: 'marco.canali@example.org',
	password: 'portare la spesa'
};

test('two people chat in a channel, with unread counts and typing, live', async ({ browser }) => {
	const liaPage = await signUp(browser, lia);
	const marcoPage = await signUp(browser, marco);

	await marcoPage.goto('/channels');
	await expect(marcoPage.getByText('Non sei ancora in nessun canale.')).toBeVisible();

	await liaPage.goto('/channels');
	await ready(liaPage);
	await liaPage.getByLabel('Nome', { exact: true }).fill('Coordinamento spesa');
	await liaPage.getByLabel('Persone da aggiungere (indirizzi e-mail)').fill(marco.email);
	await liaPage.getByRole('button', { name: 'Crea', exact: true }).click();
	await expect(liaPage.getByRole('heading', { level: 1 })).toHaveText('Coordinamento spesa');
	await ready(liaPage);

	// Marco is told of the new channel, and its unread count follows Lia's messages.
	await expect(marcoPage.getByRole('link', { name: 'Coordinamento spesa' })).toBeVisible();
	const composer = liaPage.getByLabel('Il tuo messaggio');
	await expect(composer).toBeEnabled();
	await composer.fill('Ciao Marco, chi porta la spesa alla signora Rina?');
	await composer.press('Enter');
	await expect(liaPage.getByText('Ciao Marco, chi porta la spesa')).toBeVisible();
	await expect(marcoPage.getByLabel('1 messaggio da leggere')).toBeVisible();
	await checkPage(marcoPage, 'channels-list');

	await marcoPage.getByRole('link', { name: 'Coordinamento spesa' }).click();
	await expect(marcoPage.getByText('Ciao Marco, chi porta la spesa')).toBeVisible();
	await ready(marcoPage);

	// Typing shows on the other side; Enter sends, Shift+Enter starts a new line.
	const marcoComposer = marcoPage.getByLabel('Il tuo messaggio');
	await expect(marcoComposer).toBeEnabled();
	await marcoComposer.pressSequentially('Ci penso io');
	await expect(liaPage.getByText('Marco Canali sta scrivendo…')).toBeVisible();
	await marcoComposer.press('Shift+Enter');
	await marcoComposer.pressSequentially('giovedì mattina https://example.org/mercato');
	await marcoComposer.press('Enter');
	await expect(liaPage.getByText('Ci penso io')).toBeVisible();
	// Lia's first message showed from her send's answer; its live copy reached her before
	// Marco's message (the barrier) and did not show it twice.
	await expect(liaPage.getByText('Ciao Marco, chi porta la spesa')).toHaveCount(1);
	await expect(liaPage.getByRole('link', { name: 'https://example.org/mercato' })).toBeVisible();
	await expect(liaPage.getByText('Marco Canali sta scrivendo…')).toBeHidden();
	await expect(marcoComposer).toHaveValue('');

	// Both are here: the member list says so.
	await expect(liaPage.getByRole('complementary').getByText('in linea')).toHaveCount(2);
	await checkPage(liaPage, 'channel');

	// A mention reaches Marco wherever he is in Rete.
	await marcoPage.goto('/needs');
	await ready(marcoPage);
	await composer.fill('@Marco Canali grazie!');
	await composer.press('Enter');
	await expect(
		marcoPage.getByText('Lia Coordinatrice ti ha menzionato in Coordinamento spesa')
	).toBeVisible();
	// The bell counts it live, beside being told he was added to the group; the notification
	// centre lists both and marks them read.
	const bell = marcoPage.getByRole('link', { name: 'Notifiche da leggere: 2' });
	await expect(bell).toBeVisible();
	await bell.click();
	await expect(marcoPage.getByRole('heading', { level: 1 })).toHaveText('Notifiche');
	await expect(
		marcoPage.getByRole('link', {
			name: 'Lia Coordinatrice ti ha menzionato in Coordinamento spesa'
		})
	).toBeVisible();
	await expect(
		marcoPage.getByText('Lia Coordinatrice ti ha aggiunto al gruppo "Coordinamento spesa"')
	).toBeVisible();
	await checkPage(marcoPage, 'notifications');
	await marcoPage.getByRole('button', { name: 'Segna tutte come lette' }).click();
	await expect(marcoPage.getByRole('link', { name: 'Notifiche', exact: true })).toBeVisible();

	// Back on the list, Lia has nothing unread: she read it all on the channel.
	await liaPage.goto('/channels');
	await expect(liaPage.getByRole('link', { name: 'Coordinamento spesa' })).toBeVisible();
	await expect(liaPage.getByLabel(/da leggere/)).toHaveCount(0);
});
