import { describe, expect, it } from 'vitest';
import { fieldKeys } from '../../src/lib/server/input';
import {
	loginSchema,
	newPasswordSchema,
	setupSchema,
	signupSchema
} from '../../src/lib/shared/schemas/accounts';

describe('account schemas (shared by forms, API and sockets)', () => {
	it.each([
		['short', 'v_password_short'],
		['123456789', 'v_password_short'],
		['1234567890', 'v_password_common'],
		['QwertyUiop', 'v_password_common'],
		['forzajuventus', 'v_password_common'],
		['x'.repeat(257), 'v_password_long']
	])('refuses the password %j with %s', (password, key) => {
		const result = newPasswordSchema.safeParse(password);
		expect(result.success).toBe(false);
		expect(result.error!.issues[0].message).toBe(key);
	});

	it.each(['una frase lunga e sicura', 'x'.repeat(10), 'y'.repeat(256)])(
		'accepts %j',
		(password) => {
			expect(newPasswordSchema.safeParse(password).success).toBe(true);
		}
	);

	it('normalises e-mail addresses', () => {
		const parsed = signupSchema.parse({
			email: '  Maria.Rossi@Example.IT ',
			password: 'una frase lunga',
			name: ' Maria '
		});
		expect(parsed.email).toBe('maria.rossi@example.it');
		expect(parsed.name).toBe('Maria');
	});

	it('reports every invalid field at once, as message keys', () => {
		const result = setupSchema.safeParse({
			email: 'nope',
			password: 'short',
			locale: 'de',
			networkName: 'x'
		});
		expect(fieldKeys(result.error!)).toEqual({
			email: 'v_email',
			password: 'v_password_short',
			name: 'v_required',
			locale: 'v_invalid',
			networkName: 'v_too_short'
		});
	});

	it('login does not apply the new-password rules (an answer must not hint)', () => {
		expect(loginSchema.safeParse({ email: 'a@b.it', password: 'short' }).success).toBe(true);
		expect(fieldKeys(loginSchema.safeParse({}).error!)).toEqual({
			email: 'v_required',
			password: 'v_required'
		});
	});
});
