// The accounts capability in-process, on the test database (PGlite, or PostgreSQL with DATABASE_URL).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	changePassword,
	login,
	setUpNetwork,
	signup,
	updateProfile
} from '../../src/lib/server/auth/service';
import {
	invalidateOtherSessions,
	invalidateSessionByPublicId,
	listSessions,
	validateSessionToken
} from '../../src/lib/server/auth/sessions';
import { advanceClock, resetClock } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db/client';
import { network, sessions, users } from '../../src/lib/server/db/schema';
import { DomainError } from '../../src/lib/server/errors';
import { subscribe } from '../../src/lib/server/events/bus';
import { getNetwork } from '../../src/lib/server/network/service';
import { configure } from '../../src/lib/server/config';
import { useTestDatabase } from '../helpers/in-process';
import { goodPassword, uniqueEmail } from '../helpers/server';
import { codeOf } from '../helpers/outcomes';

const DAY = 86_400_000;
const from = { ip: '127.0.0.1', device: 'Firefox · Linux' };
let database: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1' });
});
afterAll(() => database.close());
afterEach(() => resetClock());

function person(name = 'Giulia') {
	return { email: uniqueEmail(), password: goodPassword, name };
}

describe('first run', () => {
	it('the set-up founds the network once; its account is the administrator', async () => {
		expect(await getNetwork()).toBeNull();
		const admin = await setUpNetwork(
			{ ...person('Admin'), networkName: 'Rete solidale di Borgo Aperto' },
			from
		);
		expect(admin.user.isAdmin).toBe(true);
		expect(await getNetwork()).toEqual({ name: 'Rete solidale di Borgo Aperto' });
		const [row] = await db.select().from(network);
		expect(row.foundedBy).toBe(admin.user.id);

		// A second set-up creates nothing, not even the account.
		const late = person('Late');
		expect(await codeOf(setUpNetwork({ ...late, networkName: 'Altra rete' }, from))).toBe(
			'conflict'
		);
		expect(await db.select().from(users).where(eq(users.email, late.email))).toHaveLength(0);

		const next = await signup(person('Next'), from);
		expect(next.user.isAdmin).toBe(false);
	});
});

describe('sessions (Lucia design)', () => {
	it('stores only the hash of the token', async () => {
		const { token, sessionId } = await signup(person(), from);
		const all = await db.select().from(sessions);
		expect(all.some((s) => s.id === token)).toBe(false);
		expect(all.some((s) => s.id === sessionId)).toBe(true);
		expect(sessionId).toMatch(/^[0-9a-f]{64}$/);
	});

	it('slides: a session used in the second half of its life gets a full life again', async () => {
		const { token } = await signup(person(), from);
		const first = await validateSessionToken(token);
		const initialExpiry = first!.session.expiresAt.getTime();

		advanceClock(10 * DAY); // first half: not extended
		expect((await validateSessionToken(token))!.session.expiresAt.getTime()).toBe(initialExpiry);

		advanceClock(10 * DAY); // day 20 of 30: extended to day 50
		const slid = await validateSessionToken(token);
		expect(slid!.session.expiresAt.getTime()).toBeGreaterThan(initialExpiry + 19 * DAY);

		advanceClock(31 * DAY); // unused past its end: gone, and deleted
		expect(await validateSessionToken(token)).toBeNull();
		expect(await db.select().from(sessions).where(eq(sessions.id, slid!.session.id))).toHaveLength(
			0
		);
	});

	it('lists a person’s sessions; signs out one, or every other', async () => {
		const p = person();
		const a = await signup(p, from);
		const b = await login(p, { ip: '10.0.0.2', device: 'Chrome · Android' });
		const c = await login(p, from);
		const revoked: string[][] = [];
		const stop = subscribe('session.revoked', (e) => void revoked.push(e.sessionIds));

		const listed = await listSessions(a.user.id);
		expect(listed.map((s) => s.device).sort()).toEqual([
			'Chrome · Android',
			'Firefox · Linux',
			'Firefox · Linux'
		]);

		const bPublic = listed.find((s) => s.id === b.sessionId)!.publicId;
		expect(await invalidateSessionByPublicId(a.user.id, bPublic)).toBe(true);
		expect(await validateSessionToken(b.token)).toBeNull();

		// Someone else's public id does nothing.
		const stranger = await signup(person(), from);
		const cPublic = listed.find((s) => s.id === c.sessionId)!.publicId;
		expect(await invalidateSessionByPublicId(stranger.user.id, cPublic)).toBe(false);

		expect(await invalidateOtherSessions(a.user.id, a.sessionId)).toBe(1);
		expect(await validateSessionToken(c.token)).toBeNull();
		expect(await validateSessionToken(a.token)).not.toBeNull();
		expect(revoked).toEqual([[b.sessionId], [c.sessionId]]);
		stop();
	});
});

describe('account changes', () => {
	it('changing the password checks the old one and signs out the other sessions', async () => {
		const p = person();
		const a = await signup(p, from);
		const b = await login(p, from);
		const wrong = await codeOf(
			changePassword(a.user.id, a.sessionId, {
				currentPassword: 'not my password',
				newPassword: 'a new long phrase'
			})
		);
		expect(wrong).toBe('invalid_input');
		expect(await validateSessionToken(b.token)).not.toBeNull();

		await changePassword(a.user.id, a.sessionId, {
			currentPassword: p.password,
			newPassword: 'a new long phrase'
		});
		expect(await validateSessionToken(b.token)).toBeNull();
		expect(await validateSessionToken(a.token)).not.toBeNull();
		expect(await codeOf(login(p, from))).toBe('unauthenticated');
		expect(await codeOf(login({ email: p.email, password: 'a new long phrase' }, from))).toBe('ok');
	});

	it('profile updates keep e-mails unique, and a new e-mail needs the current password', async () => {
		const p = person();
		const a = await signup(p, from);
		const b = await signup(person(), from);
		const keep = {
			name: 'A',
			email: a.user.email,
			locale: 'en' as const,
			currentPassword: undefined
		};
		const updated = await updateProfile(a.user.id, { ...keep, name: 'Anna Bianchi' }, from);
		expect(updated).toMatchObject({ name: 'Anna Bianchi', locale: 'en' });

		const newEmail = uniqueEmail('new');
		expect(await codeOf(updateProfile(a.user.id, { ...keep, email: newEmail }, from))).toBe(
			'invalid_input'
		);
		expect(
			await codeOf(
				updateProfile(a.user.id, { ...keep, email: newEmail, currentPassword: 'wrong one' }, from)
			)
		).toBe('invalid_input');
		const taken = await codeOf(
			updateProfile(a.user.id, { ...keep, email: b.user.email, currentPassword: p.password }, from)
		);
		expect(taken).toBe('email_taken');
		const moved = await updateProfile(
			a.user.id,
			{ ...keep, email: newEmail, currentPassword: p.password },
			from
		);
		expect(moved.email).toBe(newEmail);
	});
});

describe('failed logins', () => {
	it('slow an attacker down with growing delays, and spare a device that signed in before', async () => {
		configure({ RATE_LIMIT_DISABLED: '' });
		try {
			const p = person();
			const owner = await signup(p, { ip: '10.1.1.1' });
			const wrong = (i: number) => ({ email: p.email, password: 'wrong password ' + i });
			// The first five (RATE_LIMIT_LOGIN_ACCOUNT 5/15) pass freely, from anywhere.
			for (let i = 0; i < 5; i++)
				expect(await codeOf(login(wrong(i), { ip: `10.9.0.${i}` }))).toBe('unauthenticated');
			// Then each waits twice as long as the one before: 1 s, 2 s, 4 s…
			const waits: number[] = [];
			for (let i = 0; i < 4; i++) {
				const refused = (await login(wrong(9), { ip: '10.9.1.1' }).catch((e) => e)) as DomainError;
				expect(refused.code).toBe('rate_limited');
				waits.push(refused.details.retryAfterSeconds!);
				advanceClock(refused.details.retryAfterSeconds! * 1000);
				expect(await codeOf(login(wrong(i), { ip: '10.9.1.1' }))).toBe('unauthenticated');
			}
			expect(waits).toEqual([1, 2, 4, 8]);

			// The owner's browser signed in before: the right password works at once.
			const fromOwner = { ip: '10.1.1.1', deviceToken: owner.deviceToken };
			expect(await codeOf(login(p, fromOwner))).toBe('ok');
			// A new device waits like the attacker, even with the right password, then gets in.
			const early = (await login(p, { ip: '10.7.7.7' }).catch((e) => e)) as DomainError;
			expect(early.code).toBe('rate_limited');
			expect(early.details.retryAfterSeconds).toBe(16);
			advanceClock(16_000);
			expect(await codeOf(login(p, { ip: '10.7.7.7' }))).toBe('ok');
			// The right password cleared the count.
			expect(await codeOf(login(wrong(1), { ip: '10.7.7.7' }))).toBe('unauthenticated');
			expect(await codeOf(login(p, { ip: '10.7.7.7' }))).toBe('ok');

			// A known device's wrong passwords are counted for that device alone.
			for (let i = 0; i < 5; i++)
				expect(await codeOf(login(wrong(i), fromOwner))).toBe('unauthenticated');
			expect(await codeOf(login(p, fromOwner))).toBe('rate_limited');
			expect(await codeOf(login(p, { ip: '10.6.6.6' }))).toBe('ok');
			// Delays stop growing at the rule's window (15 minutes), and are forgotten after two.
			advanceClock(30 * 60_000 + 1000);
			expect(await codeOf(login(p, fromOwner))).toBe('ok');
		} finally {
			configure({ RATE_LIMIT_DISABLED: '1' });
		}
	});
});
