import { expect, test } from '@playwright/test';
import {
	admin,
	checkPage,
	logInOn as logIn,
	newPerson as newPage,
	openAccountMenu,
	openMenu,
	ready,
	signUp,
	volunteer,
	watchCsp
} from './helpers';

test.describe.configure({ mode: 'serial' });

test('sign up, log out, then log in with a wrong and then the right password', async ({
	browser
}) => {
	const page = await newPage(browser);
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await checkPage(page, 'home-signed-out');

	await page.getByRole('link', { name: 'Registrati' }).first().click();
	await expect(page).toHaveURL('/signup');
	await checkPage(page, 'signup');
	await page.getByLabel('Nome e cognome').fill(volunteer.name);
	await page.getByLabel('Indirizzo e-mail').fill(admin.email);
	await page.getByLabel('Password').fill('1234567890');
	await page.getByRole('button', { name: "Crea l'account" }).click();
	await expect(
		page.getByText("Questa password è tra le più usate: scegline un'altra.", { exact: true })
	).toBeVisible();
	// What was typed stays (the server never echoes a password back).
	await expect(page.getByLabel('Nome e cognome')).toHaveValue(volunteer.name);
	await checkPage(page, 'signup-errors');

	await page.getByLabel('Password').fill(volunteer.password);
	await page.getByRole('button', { name: "Crea l'account" }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Esiste già un account con questo indirizzo e-mail.'
	);
	await page.getByLabel('Indirizzo e-mail').fill(volunteer.email);
	await page.getByLabel('Password').fill(volunteer.password);
	await page.getByRole('button', { name: "Crea l'account" }).click();
	await expect(page).toHaveURL('/');
	await expect(page.getByText(`Accesso come ${volunteer.name}`)).toBeVisible();

	await openAccountMenu(page);
	await page.getByRole('button', { name: 'Esci' }).click();
	await expect(page.getByRole('link', { name: 'Accedi' }).first()).toBeVisible();
	await page.goto('/account');
	await expect(page).toHaveURL('/login?next=%2Faccount');

	await page.getByLabel('Indirizzo e-mail').fill(volunteer.email);
	await page.getByLabel('Password').fill('not the right one');
	await page.getByRole('button', { name: 'Accedi' }).last().click();
	await expect(page.getByRole('alert')).toContainText('E-mail o password non corretti.');
	await expect(page.getByLabel('Indirizzo e-mail')).toHaveValue(volunteer.email);
	await checkPage(page, 'login-failed');

	await page.getByLabel('Password').fill(volunteer.password);
	await page.getByRole('button', { name: 'Accedi' }).last().click();
	await expect(page).toHaveURL('/account');
	await expect(page.getByRole('heading', { name: 'Il mio account' })).toBeVisible();
});

test('the language switch changes every page, sets <html lang>, and is remembered on the account', async ({
	browser
}) => {
	const page = await newPage(browser);
	await logIn(page, volunteer);
	await expect(page.locator('html')).toHaveAttribute('lang', 'it');
	// On a phone the language switch is in the menu.
	await openMenu(page);
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${volunteer.name}`);
	await checkPage(page, 'home-english');
	await openMenu(page);
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await page.goto('/account');
	await expect(page.getByLabel('Interface language')).toHaveValue('en');
	await checkPage(page, 'account-english');

	// A new device (its own cookies, an Italian browser) opens in the account's language.
	const elsewhere = await newPage(browser);
	await elsewhere.goto('/login');
	await ready(elsewhere);
	await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'it');
	await logIn(elsewhere, volunteer);
	await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'en');
	await expect(elsewhere.getByText(`Signed in as ${volunteer.name}`)).toBeVisible();

	await openMenu(elsewhere);
	await elsewhere.getByRole('button', { name: 'Italiano' }).click();
	await expect(elsewhere.locator('html')).toHaveAttribute('lang', 'it');
});

test('revoking another session signs that device out at once', async ({ browser }) => {
	const traveller = {
		name: 'Sara Viaggia',
		email: 'sara.viaggia@example.org',
		password: 'tre dispositivi diversi'
	};
	await (await signUp(browser, traveller)).context().close();
	const phone = await newPage(browser);
	const laptop = await newPage(browser);
	await logIn(phone, traveller);
	await logIn(laptop, traveller);
	await expect(laptop.getByText(`Accesso come ${traveller.name}`)).toBeVisible();

	await phone.goto('/account');
	const devices = phone
		.getByRole('region', { name: 'Dispositivi collegati' })
		.getByRole('listitem');
	await expect(devices).toHaveCount(3); // the sign-up's session, and these two
	await checkPage(phone, 'account-sessions');
	await phone
		.getByRole('button', { name: /^Fai uscire/ })
		.first()
		.click();
	await expect(phone.getByRole('status')).toHaveText('Il dispositivo è stato disconnesso.');
	await expect(devices).toHaveCount(2);

	await phone.getByRole('button', { name: 'Esci da tutti gli altri dispositivi' }).click();
	await expect(phone.getByRole('status')).toHaveText(
		'Gli altri dispositivi sono stati disconnessi.'
	);
	await expect(devices).toHaveCount(1);
	await expect(
		phone.getByText('Il tuo account è aperto solo su questo dispositivo.')
	).toBeVisible();

	// The laptop, without reloading, learns over its socket that its session is gone.
	await expect(laptop.getByRole('link', { name: 'Accedi' }).first()).toBeVisible({ timeout: 3000 });
	await laptop.reload();
	await expect(laptop.getByRole('link', { name: 'Accedi' }).first()).toBeVisible();
});

test('the account page saves details and changes the password', async ({ browser }) => {
	const page = await newPage(browser);
	await logIn(page, volunteer);
	await page.goto('/account');
	const details = page.getByRole('region', { name: 'I tuoi dati' });
	await details.getByLabel('Nome e cognome').fill('');
	await details.getByRole('button', { name: 'Salva' }).click();
	await expect(details.getByText('Questo campo è obbligatorio.', { exact: true })).toBeVisible();
	await details.getByLabel('Nome e cognome').fill('Marco Ferri Bianchi');
	await details.getByRole('button', { name: 'Salva' }).click();
	await expect(details.getByRole('status')).toHaveText('Dati salvati.');
	await expect(page.getByText('Accesso come Marco Ferri Bianchi')).toBeVisible();

	const password = page.getByRole('region', { name: 'Cambia password' });
	await password.getByLabel('Password attuale').fill('wrong wrong wrong');
	await password.getByLabel('Nuova password').fill('una nuova frase lunga');
	await password.getByRole('button', { name: 'Cambia password' }).click();
	await expect(
		password.getByText('La password attuale non è corretta.', { exact: true })
	).toBeVisible();
	await checkPage(page, 'account-password-error');
	await password.getByLabel('Password attuale').fill(volunteer.password);
	await password.getByLabel('Nuova password').fill('una nuova frase lunga');
	await password.getByRole('button', { name: 'Cambia password' }).click();
	await expect(password.getByRole('status')).toHaveText(
		'Password cambiata. Gli altri dispositivi sono stati disconnessi.'
	);
});

test('unknown pages say so, in the person’s language', async ({ page }) => {
	const res = await page.goto('/nowhere');
	expect(res?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Errore 404');
	await checkPage(page, 'not-found');
});

test('what someone types before the page’s script arrives is kept', async ({ browser }) => {
	const page = await newPage(browser);
	// Hold the scripts back, as a slow phone connection would.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	// Module scripts hold back DOMContentLoaded: wait only for the server's HTML.
	await page.goto('/login', { waitUntil: 'commit' });
	await page.getByLabel('Indirizzo e-mail').fill('lenta@example.org');
	release();
	await ready(page);
	await expect(page.getByLabel('Indirizzo e-mail')).toHaveValue('lenta@example.org');
});

test('the Content Security Policy refuses a script the page did not bring', async ({ page }) => {
	watchCsp(page);
	const res = await page.goto('/login');
	expect(res?.headers()['content-security-policy']).toContain("script-src 'self' 'nonce-");
	await page.addScriptTag({ content: 'window.injected = true' }).catch(() => {});
	expect(await page.evaluate(() => 'injected' in window)).toBe(false);
});
