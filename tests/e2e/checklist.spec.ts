// A new administrator's first steps: the home's set-up checklist leads to each task, and each
// task ticks itself once done, up to a first verified organisation. Other journeys fill the same
// network side by side, so each task's state is checked after doing it, never before.
import { expect, test } from '@playwright/test';
import { asAdmin, checkPage } from './helpers';

const run = Date.now().toString(36);

test('a new administrator follows the set-up checklist to a first verified organisation', async ({
	browser
}) => {
	const page = await asAdmin(browser);
	const checklist = page.getByRole('region', { name: 'Prepara la rete' });
	const task = (name: string) => checklist.getByRole('listitem').filter({ hasText: name });
	await expect(checklist.getByRole('list').getByRole('listitem')).toHaveCount(4);
	await checkPage(page, 'home-administrator');

	await task('Disegna i territori').getByRole('link').click();
	await expect(page).toHaveURL('/admin/territories');
	const add = page.getByRole('region', { name: 'Aggiungi territorio' });
	await add.getByLabel('Nome').fill(`Quartiere ${run}`);
	await add.getByRole('button', { name: 'Aggiungi territorio' }).click();
	await expect(add.getByRole('status')).toHaveText(`Quartiere ${run} aggiunto.`);
	await page.goto('/');
	await expect(task('Disegna i territori')).toContainText('Completato');

	await task('Controlla categorie e competenze').getByRole('link').click();
	await expect(page).toHaveURL('/admin/lists');
	await page.getByLabel('Nuova competenza').fill(`Cucinare ${run}`);
	await page.getByRole('button', { name: 'Aggiungi' }).first().click();
	// Listed once with the skills, and once under each category that may call for it.
	await expect(page.getByText(`Cucinare ${run}`).first()).toBeVisible();
	await page.goto('/');
	await expect(task('Controlla categorie e competenze')).toContainText('Completato');

	const name = `Pro Loco ${run}`;
	await task('Registra le prime organizzazioni').getByRole('link').click();
	await expect(page).toHaveURL('/organisations/new');
	await page.getByLabel("Nome dell'organizzazione").fill(name);
	await page.getByLabel('Tipo').selectOption('group');
	await page.getByRole('button', { name: "Registra un'organizzazione" }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	await page.goto('/');
	await expect(task('Registra le prime organizzazioni')).toContainText('Completato');

	await task('Verifica le organizzazioni').getByRole('link').click();
	await expect(page).toHaveURL('/admin/organisations');
	await page
		.getByRole('listitem')
		.filter({ hasText: name })
		.getByRole('button', { name: 'Verifica' })
		.click();
	await expect(page.getByRole('status').first()).toHaveText(`${name} è stata verificata.`);
	await page.goto('/');
	// Every task done: the checklist steps aside, below what the administrator does every day.
	await expect(task('Verifica le organizzazioni')).toContainText('Completato');
	await expect(checklist).toContainText('Completati: 4 su 4');
});
