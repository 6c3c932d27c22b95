// E-mail confirmation links last a day: in-process, with the injected clock, and verification on
// (the other in-process tests run with EMAIL_VERIFICATION=off).
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { verifyEmail } from '../../src/lib/server/auth/email-verification';
import { signup } from '../../src/lib/server/auth/service';
import { advanceClock, DAY, HOUR, resetClock } from '../../src/lib/server/clock';
import { db } from '../../src/lib/server/db/client';
import { emailVerifications, outbox } from '../../src/lib/server/db/schema';
import { useTestDatabase } from '../helpers/in-process';
import { codeWithReason } from '../helpers/outcomes';
import { goodPassword, uniqueEmail } from '../helpers/server';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
	database = await useTestDatabase({ EMAIL_VERIFICATION: 'on', RATE_LIMIT_DISABLED: '1' });
	// The founder is verified at once; the tests are about everyone after them.
	await signup({ email: uniqueEmail('founder'), password: goodPassword, name: 'F' }, { ip: 'x' });
});
afterAll(() => database.close());
afterEach(() => resetClock());

async function signedUpWithLink() {
	const email = uniqueEmail('link');
	const { user } = await signup({ email, password: goodPassword, name: 'L' }, { ip: 'x' });
	expect(user.emailVerified).toBe(false);
	const [mail] = await db.select().from(outbox).where(eq(outbox.recipient, email));
	const token = mail.body.match(/\/verify-email\/([a-z2-7]{32})/)![1];
	return { user, token };
}

it('a link works for a day, then says it expired', async () => {
	const early = await signedUpWithLink();
	const late = await signedUpWithLink();
	advanceClock(23 * HOUR);
	expect((await verifyEmail(early.token)).emailVerified).toBe(true);
	advanceClock(HOUR + 1000);
	expect(await codeWithReason(verifyEmail(late.token))).toBe('invalid_input:verification_expired');
});

it('only the hash of the token is stored', async () => {
	const { user, token } = await signedUpWithLink();
	const rows = await db
		.select()
		.from(emailVerifications)
		.where(eq(emailVerifications.userId, user.id));
	expect(rows).toHaveLength(1);
	expect(rows[0].tokenHash).not.toContain(token);
	expect(rows[0].expiresAt.getTime() - rows[0].createdAt.getTime()).toBeLessThanOrEqual(DAY + 1000);
});
