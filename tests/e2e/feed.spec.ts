// The board's third list: requests and offers together. A resident opens it from the switch,
// sees a neighbour's new request and offer arrive live, each marked for what it is, and finds
// it again from the menu's "Bacheca" after going elsewhere: the board remembers the choice.
import { expect, test } from '@playwright/test';
import { api, checkPage, openMenu, ready, signUp } from './helpers';

const run = Date.now().toString(36);
const person = (name: string, email: string) => ({
	name,
	email: `${email}.${run}@example.org`,
	password: 'una rete di quartiere'
});

test('requests and offers in one live list, remembered by the menu', async ({ browser }) => {
	const anna = await signUp(browser, person('Anna Bacheca', 'anna.bacheca'));
	await anna.goto('/needs');
	await anna
		.getByRole('navigation', { name: 'Richieste, offerte o entrambe' })
		.getByRole('link', { name: 'Tutte' })
		.click();
	await expect(anna.getByRole('heading', { level: 1 })).toHaveText('Richieste e offerte');
	await ready(anna);

	const bruno = await signUp(browser, person('Bruno Vicino', 'bruno.vicino'));
	const offerTitle = `Trapano da prestare ${run}`;
	const needTitle = `Montare una mensola ${run}`;
	await api(bruno, '/api/v1/offers', {
		kind: 'goods',
		title: offerTitle,
		description: 'Un trapano con le punte, da riportare in settimana.',
		category: 'other',
		capacity: 1
	});
	await api(bruno, '/api/v1/needs', {
		title: needTitle,
		description: 'Una mensola in cucina, sabato mattina.',
		category: 'other',
		claimRule: 'anyone',
		allowDuplicate: true
	});
	await bruno.context().close();

	// Both arrive without a reload, newest first, each saying what it is.
	const list = anna.getByRole('list', { name: 'Richieste e offerte' });
	const cards = list.getByRole('article');
	await expect(cards.nth(0).getByRole('link', { name: needTitle })).toBeVisible();
	await expect(cards.nth(0).getByText('Richiesta', { exact: true })).toBeVisible();
	await expect(cards.nth(1).getByRole('link', { name: offerTitle })).toBeVisible();
	await expect(cards.nth(1).getByText('Offerta', { exact: true })).toBeVisible();
	await checkPage(anna, 'feed');

	// Elsewhere and back: the menu's board opens on the list she chose.
	await anna.goto('/');
	await openMenu(anna);
	await anna.getByRole('link', { name: 'Bacheca' }).click();
	await expect(anna.getByRole('heading', { level: 1 })).toHaveText('Richieste e offerte');
	await expect(anna.getByRole('link', { name: offerTitle })).toBeVisible();
	await openMenu(anna);
	await expect(
		anna
			.getByRole('navigation', { name: 'Navigazione principale' })
			.getByRole('link', { name: 'Bacheca' })
	).toHaveAttribute('aria-current', 'page');
});
