import { z } from 'zod';

/** A rate as "count/minutes", e.g. "10/15": ten events per fifteen minutes. */
const rate = (fallback: string) =>
	z
		.string()
		.regex(/^\d+\/\d+$/, 'expected "count/minutes"')
		.default(fallback)
		.transform((value) => {
			const [count, minutes] = value.split('/').map(Number);
			return { limit: count, windowMs: minutes * 60_000 };
		});

const schema = z.object({
	PORT: z.coerce.number().int().positive().default(3000),
	ORIGIN: z.string().url().optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: z.string().url().optional(),
	REDIS_URL: z.string().url().optional(),
	SMTP_URL: z.string().url().optional(),
	MAIL_FROM: z.string().min(3).default('Rete <noreply@localhost>'),
	CONTACT_EMAIL: z.string().email().optional(),
	RATE_LIMIT_DISABLED: z.string().optional(),
	EMAIL_VERIFICATION: z.enum(['on', 'off']).default('on'),
	PASSWORD_HASH: z.enum(['owasp', 'fast']).default('owasp'),
	RATE_LIMIT_LOGIN_ACCOUNT: rate('5/15'),
	RATE_LIMIT_LOGIN_IP: rate('100/15'),
	RATE_LIMIT_SIGNUP_IP: rate('20/60'),
	RATE_LIMIT_INVITE_USER: rate('30/60'),
	RATE_LIMIT_EMAIL_CHANGE_IP: rate('20/60'),
	RATE_LIMIT_VERIFY_MAIL_USER: rate('5/60'),
	RATE_LIMIT_LOOKUP_USER: rate('100/60'),
	RATE_LIMIT_CLAIMS: rate('30/60'),
	RATE_LIMIT_NEED_INVITES: rate('20/60'),
	RATE_LIMIT_PERSON_KEY: rate('50/1440'),
	SOCKETS_PER_PERSON: z.coerce.number().int().min(1).max(1000).default(20),
	SOCKET_EVENTS_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(10),
	SESSION_DAYS: z.coerce.number().int().positive().default(30),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
	RETE_DEMO: z.string().optional(),
	DUPLICATE_THRESHOLD: z.coerce.number().min(0.05).max(1).default(0.4),
	CLAIM_CAP: z.coerce.number().int().min(1).max(100).default(5),
	PERSON_KEY_SECRET: z.string().min(32).optional(),
	IDENTITY_SECRET: z.string().min(32).optional(),
	CONTACT_QUIET_HOURS: z.coerce.number().min(0).max(168).default(12),
	HANDOVER_AUTO_APPROVE_HOURS: z.coerce.number().min(1).max(720).default(36),
	STALE_CLAIM_DAYS: z.coerce.number().min(1).max(365).default(30),
	RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
	CLAIM_REMINDER_HOURS: z.coerce.number().min(1).max(168).default(12)
});

export type Config = ReturnType<typeof readConfig>;

export function readConfig(env: Record<string, string | undefined> = process.env) {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration: ${problems.join('; ')}`);
	}
	const e = parsed.data;
	return {
		port: e.PORT,
		origin: (e.ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
		dataDir: e.DATA_DIR,
		databaseUrl: e.DATABASE_URL,
		redisUrl: e.REDIS_URL,
		smtpUrl: e.SMTP_URL,
		mailFrom: e.MAIL_FROM,
		/** Where people write to the network's organisers (accessibility statement, privacy notice). */
		contactEmail: e.CONTACT_EMAIL,
		rateLimits: {
			disabled: e.RATE_LIMIT_DISABLED === '1',
			/** Failed logins without delay; after them each waits twice as long (docs/decisions/0005). */
			loginPerAccount: e.RATE_LIMIT_LOGIN_ACCOUNT,
			loginPerIp: e.RATE_LIMIT_LOGIN_IP,
			signupPerIp: e.RATE_LIMIT_SIGNUP_IP,
			invitePerUser: e.RATE_LIMIT_INVITE_USER,
			emailChangePerIp: e.RATE_LIMIT_EMAIL_CHANGE_IP,
			verifyMailPerUser: e.RATE_LIMIT_VERIFY_MAIL_USER,
			/** Addresses a person may look up in the channel form (each address counts). */
			emailLookupPerUser: e.RATE_LIMIT_LOOKUP_USER,
			/** Claims and releases together, per person: a loop of claim, read, release harvests contacts. */
			claimsPerPerson: e.RATE_LIMIT_CLAIMS,
			/** Invitations to a need a coordinator sends to suggested people, per person. */
			needInvitesPerPerson: e.RATE_LIMIT_NEED_INVITES,
			/** Needs posted with a person key, per organisation: each answer tells who else follows them. */
			personKeyPerOrganisation: e.RATE_LIMIT_PERSON_KEY,
			/** Open sockets per person, across nodes. */
			socketsPerPerson: e.SOCKETS_PER_PERSON,
			/** Events a socket may send per second on average (twice as many in a burst). */
			socketEventsPerSecond: e.SOCKET_EVENTS_PER_SECOND
		},
		/** Whether addresses must be proved before an account does anything but read (off: development only). */
		emailVerification: e.EMAIL_VERIFICATION === 'on',
		/** `fast` hashes passwords with a fraction of the work: test servers only, never production. */
		fastPasswordHash: e.PASSWORD_HASH === 'fast',
		sessionDays: e.SESSION_DAYS,
		logLevel: e.LOG_LEVEL,
		/** Fill an empty database with the sample network (`npm run demo`). */
		demo: e.RETE_DEMO === '1',
		/** How alike (0–1, trigram similarity) two needs must be to ask "is it one of these?". */
		duplicateThreshold: e.DUPLICATE_THRESHOLD,
		/** Active claims a person may hold at once; raised as they complete what they take on. */
		claimCap: e.CLAIM_CAP,
		/** The network's secret for person keys (otherwise a file beside DATA_DIR). */
		personKeySecret: e.PERSON_KEY_SECRET,
		identitySecret: e.IDENTITY_SECRET,
		/** Someone reached the person less than this long ago: a new contact is asked twice. */
		contactQuietHours: e.CONTACT_QUIET_HOURS,
		/** A handover request nobody answers is approved after this long. */
		handoverAutoApproveHours: e.HANDOVER_AUTO_APPROVE_HOURS,
		/** A claim with no activity for this long may be released by a coordinator. */
		staleClaimDays: e.STALE_CLAIM_DAYS,
		/** Days a closed need keeps its contact and description for its organisation. */
		retentionDays: e.RETENTION_DAYS,
		/** The holder is reminded this long before their claim expires. */
		claimReminderHours: e.CLAIM_REMINDER_HOURS
	};
}

let cached: Config | undefined;

/** The configuration of this process, read once from the environment. */
export function config(): Config {
	cached ??= readConfig();
	return cached;
}

/**
 * Replaces the configuration of this process with the environment's plus `overrides`, for code
 * that runs the services in-process (the tests); without overrides, goes back to the environment.
 */
export function configure(overrides?: Record<string, string | undefined>) {
	cached = overrides && readConfig({ ...process.env, ...overrides });
}
