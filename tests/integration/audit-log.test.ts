// The audit log's screen: sentences that name people and things, and filters by who, what and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { auditLogPage } from '../../src/lib/server/administration/audit-log';
import {
	addSkill,
	removeCategory,
	removeTargetGroup,
	saveCategory,
	saveTargetGroup
} from '../../src/lib/server/administration/service';
import type { Actor } from '../../src/lib/server/auth/actor';
import { signup } from '../../src/lib/server/auth/service';
import { db } from '../../src/lib/server/db/client';
import { invite } from '../../src/lib/server/orgs/invitations';
import { addMember, changeRole } from '../../src/lib/server/orgs/members';
import { createOrganisation, reviewOrganisation } from '../../src/lib/server/orgs/service';
import { createTerritory } from '../../src/lib/server/territories/service';
import { vouchFor } from '../../src/lib/server/vouches/service';
import { auditActions } from '../../src/lib/shared/audit';
import { testActor } from '../helpers/actors';
import { useTestDatabase } from '../helpers/in-process';
import { codeOf } from '../helpers/outcomes';
import { goodPassword, uniqueEmail } from '../helpers/server';

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let anna: Actor;
let marco: Actor;
let chiara: Actor;

const person = async (name: string, isAdmin = false) => {
	const { user } = await signup(
		{ email: uniqueEmail(), password: goodPassword, name },
		{ ip: 'x' }
	);
	return testActor(user.id, { isAdmin, name });
};

beforeAll(async () => {
	database = await useTestDatabase({ RATE_LIMIT_DISABLED: '1' });
	anna = await person('Anna Esposito', true);
	marco = await person('Marco Ferri');
	chiara = await person('Chiara Rossi');
	const org = await createOrganisation(marco, { ...orgFields, name: 'Caritas Borgo Aperto' });
	marco = testActor(marco.id, { roles: new Map([[org.id, 'coordinator']]), verified: [org.id] });
	await reviewOrganisation(anna, org.id, { decision: 'verify', reason: '' });
	await addMember(marco, org.id, { userId: chiara.id, role: 'operator' });
	await changeRole(marco, org.id, chiara.id, 'coordinator');
	await invite(marco, org.id, { email: 'luca@example.org', role: 'volunteer' });
	await vouchFor(anna, chiara.id, { organisationId: null, note: '' });
	await createTerritory(anna, { name: 'Quartiere Nord', parentId: null });
	await addSkill(anna, 'Cucina');
	await saveCategory(anna, {
		id: 'trasporti',
		labelIt: 'Trasporti',
		labelEn: 'Transport',
		claimHours: 24
	});
	await removeCategory(anna, 'trasporti');
	await saveTargetGroup(anna, { id: 'caregiver', labelIt: 'Caregiver', labelEn: 'Carers' });
	await saveTargetGroup(anna, {
		id: 'caregiver',
		labelIt: 'Caregiver familiari',
		labelEn: 'Family carers'
	});
	await removeTargetGroup(anna, 'caregiver');
	// One entry of last year, to filter by day.
	await db.execute(
		sql`update audit_log set created_at = '2025-03-10T10:00:00Z' where action = 'skill.added'`
	);
}, 60_000);
afterAll(() => database.close());

const orgFields = {
	kind: 'ngo' as const,
	description: '',
	contactEmail: '',
	contactPhone: '',
	website: '',
	territoryIds: []
};

const sentences = async (query: Record<string, string> = {}, locale: 'it' | 'en' = 'it') =>
	(await auditLogPage(anna, query, locale)).entries.map((e) => e.sentence);

describe('the audit log', () => {
	it('tells each action as a sentence naming people and things', async () => {
		const it_ = await sentences();
		expect(it_).toContain("Anna Esposito ha verificato l'organizzazione Caritas Borgo Aperto");
		expect(it_).toContain(
			'Marco Ferri ha aggiunto Chiara Rossi a Caritas Borgo Aperto come operatore'
		);
		expect(it_).toContain(
			'Marco Ferri ha cambiato il ruolo di Chiara Rossi in Caritas Borgo Aperto: ora è coordinatore'
		);
		expect(it_).toContain(
			'Marco Ferri ha invitato luca@example.org in Caritas Borgo Aperto come volontario'
		);
		expect(it_).toContain('Anna Esposito ha tolto la categoria Trasporti');
		expect(it_).toContain('Anna Esposito ha salvato il gruppo di destinatari Caregiver familiari');
		expect(it_).toContain('Anna Esposito ha tolto il gruppo di destinatari Caregiver familiari');
		expect(it_).toContain('Anna Esposito ha garantito per Chiara Rossi a nome della rete');
		const en = await sentences({}, 'en');
		expect(en).toContain('Anna Esposito verified the organisation Caritas Borgo Aperto');
		expect(en).toContain('Anna Esposito added the territory Quartiere Nord');
	});

	it('shows no id, action code or role code', async () => {
		for (const locale of ['it', 'en'] as const) {
			const text = (await sentences({}, locale)).join('\n');
			expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
			for (const action of auditActions) expect(text).not.toContain(action);
			expect(text).not.toMatch(/\b(operator|coordinator|volunteer)\b.*:|role:|userId|fmt_/);
		}
	});

	it('filters by who, what and when, and ignores empty filters', async () => {
		const all = await sentences();
		expect(await sentences({ who: '', what: '', from: '', to: '' })).toEqual(all);
		const byMarco = await sentences({ who: marco.id });
		expect(byMarco.length).toBe(3);
		expect(byMarco.every((s) => s.startsWith('Marco Ferri'))).toBe(true);
		expect(await sentences({ what: 'organisations' })).toEqual([
			"Anna Esposito ha verificato l'organizzazione Caritas Borgo Aperto"
		]);
		expect(await sentences({ from: '2025-03-10', to: '2025-03-10' })).toEqual([
			'Anna Esposito ha aggiunto la competenza Cucina'
		]);
		expect(await sentences({ to: '2025-03-09' })).toEqual([]);
		expect(await sentences({ from: '2025-03-11' })).not.toContain(
			'Anna Esposito ha aggiunto la competenza Cucina'
		);
	});

	it('answers filters that do not parse with field messages, not a failure', async () => {
		const page = await auditLogPage(anna, {
			who: 'nobody',
			what: 'everything',
			from: '10/03/2025'
		});
		expect(page.entries).toEqual([]);
		expect(Object.keys(page.errors).sort()).toEqual(['from', 'what', 'who']);
		const backwards = await auditLogPage(anna, { from: '2025-03-10', to: '2025-03-01' });
		expect(backwards.errors.to).toBe("Questa data viene prima di quella d'inizio.");
	});

	it('pages through the entries', async () => {
		const first = await auditLogPage(anna, { limit: '2' });
		expect(first.entries).toHaveLength(2);
		const second = await auditLogPage(anna, { limit: '2', cursor: first.nextCursor! });
		expect(second.entries[0].id).not.toBe(first.entries[1].id);
	});

	it('is for administrators only', async () => {
		expect(await codeOf(auditLogPage(marco, {}))).toBe('forbidden');
	});
});

describe('target groups', () => {
	it('only administrators keep the list', async () => {
		const group = { id: 'studenti', labelIt: 'Studenti', labelEn: 'Students' };
		expect(await codeOf(saveTargetGroup(marco, group))).toBe('forbidden');
		expect(await codeOf(removeTargetGroup(marco, 'elderly'))).toBe('forbidden');
		expect(await codeOf(removeTargetGroup(anna, 'nessuno'))).toBe('not_found');
	});
});
