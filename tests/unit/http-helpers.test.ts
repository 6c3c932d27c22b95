import { describe, expect, it } from 'vitest';
import { opaqueKey, generateToken, hashToken } from '../../src/lib/server/auth/tokens';
import { readConfig } from '../../src/lib/server/config';
import { safeRedirectTarget } from '../../src/lib/server/http/redirect';
import { describeDevice } from '../../src/lib/server/http/request-origin';
import { translate } from '../../src/lib/server/i18n/translate';
import { scrubForLog } from '../../src/lib/server/log';
import it_messages from '../../messages/it.json';
import en_messages from '../../messages/en.json';

describe('tokens', () => {
	it('are 160 random bits in base32, stored as their SHA-256', () => {
		const a = generateToken();
		expect(a).toMatch(/^[a-z2-7]{32}$/);
		expect(generateToken()).not.toBe(a);
		expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashToken(a)).toBe(hashToken(a));
		expect(opaqueKey('login', 'a@b.it')).not.toContain('a@b.it');
	});
});

describe('redirect targets', () => {
	it.each([
		['/account', '/account'],
		['/account?x=1', '/account?x=1'],
		['//evil.example', '/'],
		['/\\evil.example', '/'],
		['https://evil.example', '/'],
		['javascript:alert(1)', '/'],
		['/\t/evil.example', '/'],
		['/\r\n/x', '/'],
		['/%09/evil.example', '/%09/evil.example'],
		[null, '/']
	])('%j → %j', (target, expected) => {
		expect(safeRedirectTarget(target)).toBe(expected);
	});
});

describe('device descriptions', () => {
	it('name a browser and a system, nothing more', () => {
		expect(
			describeDevice(
				'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36'
			)
		).toBe('Chrome · Android');
		expect(
			describeDevice('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')
		).toBe('Firefox · Linux');
		expect(describeDevice(null)).toBe('');
	});
});

describe('configuration', () => {
	it('has safe defaults', () => {
		const c = readConfig({});
		expect(c).toMatchObject({
			port: 3000,
			origin: 'http://localhost:3000',
			dataDir: './data',
			sessionDays: 30
		});
		expect(c.rateLimits.loginPerAccount).toEqual({ limit: 5, windowMs: 15 * 60_000 });
		expect(c.rateLimits.disabled).toBe(false);
	});
	it('turns rate limits off only with RATE_LIMIT_DISABLED=1', () => {
		expect(readConfig({ RATE_LIMIT_DISABLED: '1' }).rateLimits.disabled).toBe(true);
		expect(readConfig({ RATE_LIMIT_DISABLED: 'true' }).rateLimits.disabled).toBe(false);
	});
	it('refuses nonsense with a message naming the variable', () => {
		expect(() => readConfig({ PORT: 'abc' })).toThrow(/PORT/);
		expect(() => readConfig({ RATE_LIMIT_LOGIN_ACCOUNT: 'ten' })).toThrow(
			/RATE_LIMIT_LOGIN_ACCOUNT/
		);
	});
});

describe('logs', () => {
	it('redact secrets and personal data at any depth', () => {
		const scrubbed = scrubForLog({
			route: '/api/v1/auth/login',
			password: 'secret',
			body: { email: 'a@b.it', nested: { token: 't', authorization: 'Bearer x' } },
			status: 401
		});
		expect(JSON.stringify(scrubbed)).not.toMatch(/secret|a@b\.it|Bearer|"t"/);
		expect(scrubbed).toMatchObject({ route: '/api/v1/auth/login', status: 401 });
	});
});

describe('messages', () => {
	it('exist in both languages, with the same keys', () => {
		expect(Object.keys(en_messages).sort()).toEqual(Object.keys(it_messages).sort());
		for (const [key, value] of Object.entries(en_messages)) {
			expect(value, key).not.toBe('');
		}
	});
	it('translate error codes and field keys', () => {
		expect(translate('error_not_found', 'en')).toBe('We could not find what you are looking for.');
		expect(translate('error_not_found', 'it')).toBe('Non abbiamo trovato quello che cerchi.');
		expect(translate('no_such_key', 'it')).toBe('no_such_key');
	});
});

describe('logged errors', () => {
	it('keep no query parameters (a database error carries them in its message and stack)', () => {
		const error = new Error(
			'Failed query: insert into users values ($1, $2)\nparams: a@b.it,$argon2id$v=19$secret'
		);
		const scrubbed = JSON.stringify(scrubForLog({ error }));
		expect(scrubbed).toContain('Failed query');
		expect(scrubbed).not.toContain('a@b.it');
		expect(scrubbed).not.toContain('argon2id');
	});
});
