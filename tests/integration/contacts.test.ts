// The contact log of a need: helpers and the organisation log their attempts to reach the
// person; anyone else is refused; a contact soon after someone reached the person is asked twice
// (the quiet hours move with an injected clock).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock, resetClock } from '../../src/lib/server/clock';
import { DomainError } from '../../src/lib/server/errors';
import { claimNeed } from '../../src/lib/server/needs/claims';
import { listContacts, logContact } from '../../src/lib/server/needs/contacts';
import { createNeed, getNeedHistory } from '../../src/lib/server/needs/service';
import { logContactSchema } from '../../src/lib/shared/schemas/contacts';
import { createNeedSchema } from '../../src/lib/shared/schemas/needs';
import { useTestDatabase } from '../helpers/in-process';
import { postNeed } from '../helpers/needs';
import { codeOf, signedUpActor } from '../helpers/outcomes';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
const HOUR = 3_600_000;

beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1', LOG_LEVEL: 'silent' });
});
afterAll(() => database.close());
afterEach(() => resetClock());

const person = signedUpActor;

const attempt = (fields: Record<string, unknown>) =>
	logContactSchema.parse({ means: 'call', result: 'no_answer', ...fields });

describe('contact log', () => {
	it('is written and read by the author and the helpers, and by nobody else', async () => {
		const author = await person('Autore');
		const helper = await person('Aiutante');
		const stranger = await person('Estraneo');
		const need = await postNeed(author);
		expect(await codeOf(logContact(helper, need.id, attempt({})))).toBe('forbidden');
		await claimNeed(helper, need.id);
		const logged = await logContact(helper, need.id, attempt({ note: 'Riprovo alle 18' }));
		expect(logged).toMatchObject({ means: 'call', result: 'no_answer', userName: 'Aiutante' });
		for (const [who, expected] of [
			[author, 'ok'],
			[helper, 'ok'],
			[stranger, 'forbidden']
		] as const) {
			expect(await codeOf(listContacts(who, need.id)), who.name).toBe(expected);
		}
		const history = await getNeedHistory(author, need.id);
		expect(history.map((h) => h.action)).toContain('contact_logged');
		// The note stays in the log; the history says only how it went.
		expect(JSON.stringify(history)).not.toContain('Riprovo');
	});

	it('asks twice within 12 hours of someone reaching the person', async () => {
		const author = await person('Autrice');
		const first = await person('Prima');
		const second = await person('Seconda');
		const need = await createNeed(
			author,
			createNeedSchema.parse({
				title: `Compagnia ${crypto.randomUUID()}`,
				description: 'Una telefonata',
				category: 'company',
				capacity: 2,
				allowDuplicate: true
			})
		);
		await claimNeed(first, need.id);
		await claimNeed(second, need.id);
		await logContact(first, need.id, attempt({ result: 'reached' }));
		const warned = await logContact(second, need.id, attempt({})).catch((e) => e);
		expect(warned).toBeInstanceOf(DomainError);
		expect(warned.code).toBe('conflict');
		expect(warned.details.extra).toMatchObject({
			reason: 'recently_reached',
			recentlyReached: { userName: 'Prima', result: 'reached' }
		});
		expect((await listContacts(second, need.id)).items).toHaveLength(1);
		await logContact(second, need.id, attempt({ confirm: true }));
		expect((await listContacts(second, need.id)).items).toHaveLength(2);
		// Thirteen hours later the person may be contacted again without a warning.
		advanceClock(13 * HOUR);
		expect((await listContacts(second, need.id)).recentlyReached).toBeNull();
		expect(await codeOf(logContact(second, need.id, attempt({})))).toBe('ok');
	});

	it('refuses what it does not know, listing every field', () => {
		const parsed = logContactSchema.safeParse({
			means: 'fax',
			result: 'maybe',
			note: 'x'.repeat(501)
		});
		expect(parsed.success).toBe(false);
		expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
			'means',
			'note',
			'result'
		]);
	});
});
