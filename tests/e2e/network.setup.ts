// The network every journey works in, made once before them (Playwright's setup project): the
// first run through the set-up page, which founds the network and its administrator, whose
// session is stored for the journeys that need one. Each journey then makes its own people,
// organisations and needs, so that journeys run in parallel, and any one alone.
import { expect, test } from '@playwright/test';
import { admin, adminSession, checkPage } from './helpers';

test('first run: the set-up page names the network and creates its administrator, then is gone', async ({
	page
}) => {
	await page.goto('/');
	await expect(page).toHaveURL('/setup');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Benvenuto! Prepariamo la tua rete'
	);
	await checkPage(page, 'setup');

	// An empty form says what is missing, field by field, and creates nothing.
	await page.getByRole('button', { name: 'Crea la rete' }).click();
	await expect(page.getByRole('alert')).toContainText('Controlla i campi segnalati qui sotto.');
	await expect(page.getByLabel('Nome della rete')).toHaveAttribute('aria-invalid', 'true');
	// Left empty, a field says it is required (not that it is too short), beside the field and,
	// as a link to it, in the summary.
	await expect(page.getByText('Questo campo è obbligatorio.', { exact: true })).toHaveCount(4);
	await expect(
		page.getByRole('link', { name: 'Nome della rete: Questo campo è obbligatorio.' })
	).toBeVisible();
	await checkPage(page, 'setup-errors');

	await page.getByLabel('Nome della rete').fill('Rete solidale di Borgo Aperto');
	await page.getByLabel('Nome e cognome').fill(admin.name);
	await page.getByLabel('Indirizzo e-mail').fill(admin.email);
	await page.getByLabel('Password').fill(admin.password);
	await page.getByRole('button', { name: 'Crea la rete' }).click();

	await expect(page).toHaveURL('/');
	await expect(page.getByRole('link', { name: 'Rete solidale di Borgo Aperto' })).toBeVisible();
	await expect(page.getByText(`Accesso come ${admin.name}`)).toBeVisible();
	await checkPage(page, 'home-signed-in');

	await page.goto('/setup');
	await expect(page).toHaveURL('/');
	await page.goto('/account');
	await expect(page.getByText('Amministratore della rete')).toBeVisible();
	await checkPage(page, 'account');
	await page.context().storageState({ path: adminSession });
});
