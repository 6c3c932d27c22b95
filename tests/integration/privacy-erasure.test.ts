// Export and erasure (docs/privacy.md), over the real server: the export has every table's rows
// about the person, and after erasure no table and no log line holds their name, address or
// phone, except what other people wrote. The test lists every table, so a table added without a
// decision about its personal data fails here.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/client';
import { sql } from 'drizzle-orm';
import {
	signUpPerson,
	verifiedOrganisation,
	addToOrganisation,
	type Person
} from '../helpers/people';
import { apiClient, goodPassword, startServer, type RunningServer } from '../helpers/server';
import { connectSocket } from '../helpers/sockets';
import { createTestDatabase, type TestDatabase } from '../helpers/test-databases';

/** Tables that hold rows about a person: each is in the export, under its own name. */
const ABOUT_PEOPLE = [
	'action_clash_decisions',
	'action_commitments',
	'action_partners',
	'action_reach',
	'action_sessions',
	'action_tasks',
	'actions',
	'audit_log',
	'blocks',
	'channel_members',
	'channel_reads',
	'channels',
	'claims',
	'consultation_follows',
	'consultation_participants',
	'consultations',
	'contact_attempts',
	'data_access_log',
	'email_verifications',
	'handovers',
	'identities',
	'invitations',
	'join_requests',
	'known_devices',
	'memberships',
	'messages',
	'need_activities',
	'need_consents',
	'need_history',
	'need_invitations',
	'needs',
	'network',
	'notifications',
	'offer_history',
	'offer_requests',
	'offers',
	'organisations',
	'outbox',
	'poll_voters',
	'polls',
	'profiles',
	'proposal_reports',
	'proposal_supports',
	'proposals',
	'session_signups',
	'sessions',
	'users',
	'vouches'
];

/** Tables with nothing about any person, and why. */
const NOT_ABOUT_PEOPLE: Record<string, string> = {
	action_target_groups: 'which groups an action is for',
	action_territories: 'where an action happens',
	anonymous_ballots: 'a choice tied to nobody, by design (docs/decisions/0009)',
	categories: 'the list of need categories',
	category_skills: 'which skills a category calls for',
	channel_organisations: 'which organisations share a channel',
	commitment_milestones: "the steps of an organisation's commitment",
	consultation_commitments: 'what an organisation commits to after a consultation',
	consultation_phases: 'the dates of a consultation',
	need_parts: "the pieces of a need (titles and capacities); its person is in needs' columns",
	organisation_territories: 'where an organisation works',
	poll_options: 'the options of a poll',
	rate_limit_hits: 'counters under opaque hashed keys, gone within the hour',
	skills: 'the list of skills',
	target_groups: 'the list of target groups',
	territories: 'the list of places'
};

const NAME = 'Zebedeo Quintavalle';
const PHONE = '347 765 4321';
const EMAIL = `zebedeo.quintavalle.${process.pid}.${Date.now().toString(36)}@example.org`;

let database: TestDatabase;
let server: RunningServer;
let call: ReturnType<typeof apiClient>;
let person: Person;
let coordinator: Person;
let helper: Person;
let orgId: string;
let orgNeedId: string;
let exported: { tables: Record<string, Record<string, unknown>[]>; about: Record<string, string> };

beforeAll(async () => {
	database = await createTestDatabase(inject('templateDatabase'));
	server = await startServer({}, database);
	call = apiClient(server.url);
	const admin = await signUpPerson(call, 'Admin');
	coordinator = await signUpPerson(call, 'Cora Coordinatrice');
	helper = await signUpPerson(call, 'Ugo Aiutante');
	orgId = await verifiedOrganisation(call, admin, coordinator, 'Servizio Sociale Sud');
	person = await signUpPerson(call, NAME, EMAIL);
});
afterAll(async () => {
	await server?.stop();
	await database?.drop();
});

const as = (who: Person) => ({
	get: (path: string) => call('GET', path, { token: who.token }),
	post: (path: string, body: unknown = {}) => call('POST', path, { token: who.token, body }),
	put: (path: string, body: unknown) => call('PUT', path, { token: who.token, body }),
	del: (path: string, body?: unknown) => call('DELETE', path, { token: who.token, body })
});

async function ok<T extends { status: number; json: unknown }>(res: Promise<T>, status = 200) {
	const r = await res;
	expect(r.status, JSON.stringify(r.json)).toBe(status);
	return r;
}

describe('a person who used Rete', () => {
	it('downloads every row about them, secrets withheld', async () => {
		const me = as(person);
		await ok(me.put('/api/v1/me/profile', { phone: `+39 ${PHONE}`, shareContact: true }));
		const own = (
			await ok(
				me.post('/api/v1/needs', {
					title: 'Ritiro farmaci',
					description: 'Ogni giovedì.',
					category: 'food',
					claimRule: 'anyone',
					contact: `Citofono, +39 ${PHONE}`
				}),
				201
			)
		).json.need;
		// A helper takes it on and reads the contact and the profile: both are in the access log.
		await ok(as(helper).post(`/api/v1/needs/${own.id}/claims`), 201);
		await ok(as(helper).get(`/api/v1/needs/${own.id}`));
		await ok(as(helper).get(`/api/v1/people/${person.id}`));
		// They help an organisation, write in its need's channel, and are told things.
		const theirs = (
			await ok(
				as(coordinator).post('/api/v1/needs', {
					title: 'Compagnia al sabato',
					description: 'Due ore.',
					category: 'food',
					claimRule: 'anyone',
					organisationId: orgId
				}),
				201
			)
		).json.need;
		orgNeedId = theirs.id;
		await ok(me.post(`/api/v1/needs/${theirs.id}/claims`), 201);
		const channel = (await ok(me.post(`/api/v1/needs/${theirs.id}/channel`))).json.channel;
		await ok(
			me.post(`/api/v1/channels/${channel.id}/messages`, { body: 'Ci sono io sabato.' }),
			201
		);
		await addToOrganisation(call, coordinator, orgId, person, 'volunteer');

		const res = await ok(me.get('/api/v1/me/export'));
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="rete-/);
		exported = res.json;
		expect(Object.keys(exported.tables).sort()).toEqual(ABOUT_PEOPLE);
		const rows = (t: string) => exported.tables[t];
		expect(rows('users')).toEqual([expect.objectContaining({ email: EMAIL, name: NAME })]);
		expect(rows('users')[0]).not.toHaveProperty('password_hash');
		expect(rows('sessions')[0]).not.toHaveProperty('id');
		expect(rows('profiles')[0]).toMatchObject({ phone: `+39 ${PHONE}` });
		expect(rows('needs').map((n) => n.id)).toContain(own.id);
		expect(rows('claims').map((c) => c.need_id)).toContain(theirs.id);
		expect(rows('messages')).toEqual([expect.objectContaining({ body: 'Ci sono io sabato.' })]);
		expect(rows('memberships')).toEqual([expect.objectContaining({ organisation_id: orgId })]);
		expect(rows('need_consents')).toEqual([
			expect.objectContaining({ need_id: own.id, purpose: 'own_request' })
		]);
		const seen = rows('data_access_log').filter((e) => e.viewer_id === helper.id);
		expect(seen.map((e) => e.what).sort()).toEqual(['need_contact', 'profile_contact']);
		expect(rows('notifications').length).toBeGreaterThan(0);
		expect(JSON.stringify(exported)).not.toContain('search');
		expect(exported.about.ballots).toMatch(/\w/);
	});

	it('cannot erase with a wrong password, nor as the last coordinator', async () => {
		const wrong = await as(person).del('/api/v1/me', { password: 'non è la mia' });
		expect(wrong.status).toBe(400);
		expect(wrong.json.error.fields).toHaveProperty('password');
		const bad = await as(person).del('/api/v1/me', { password: 42 });
		expect(bad.status).toBe(400);
		const last = await as(coordinator).del('/api/v1/me', { password: goodPassword });
		expect(last.status).toBe(409);
		expect(last.json).toMatchObject({
			reason: 'last_coordinator',
			organisations: [{ id: orgId, name: 'Servizio Sociale Sud' }]
		});
		await ok(as(person).get('/api/v1/me'));
	});

	it('erases the account: sessions and sockets end, the address can sign up again', async () => {
		const socket = await connectSocket(server.url, { token: person.token });
		const closed = new Promise((resolve) => socket.once('disconnect', resolve));
		const res = await as(person).del('/api/v1/me', { password: goodPassword });
		expect(res.status, JSON.stringify(res.json)).toBe(204);
		await closed;
		expect((await as(person).get('/api/v1/me')).status).toBe(401);
		// Their message stays in the channel, from nobody: the conversation still reads.
		const channel = (await ok(as(coordinator).post(`/api/v1/needs/${orgNeedId}/channel`))).json
			.channel;
		const messages = (await ok(as(coordinator).get(`/api/v1/channels/${channel.id}/messages`))).json
			.items;
		expect(messages).toEqual([
			expect.objectContaining({ authorId: null, body: 'Ci sono io sabato.' })
		]);
		const again = await signUpPerson(call, 'Zeta', EMAIL);
		expect(again.id).not.toBe(person.id);
		// Asked to, the text of their messages goes too; the message stays, deleted.
		const group = (
			await ok(
				as(again).post('/api/v1/channels', {
					kind: 'group',
					name: 'Turni',
					members: [coordinator.id]
				}),
				201
			)
		).json.channel;
		await ok(
			as(again).post(`/api/v1/channels/${group.id}/messages`, { body: 'Posso il lunedì.' }),
			201
		);
		await ok(as(again).del('/api/v1/me', { password: goodPassword, eraseMessages: true }), 204);
		const left = (await ok(as(coordinator).get(`/api/v1/channels/${group.id}/messages`))).json
			.items;
		expect(left).toEqual([expect.objectContaining({ authorId: null, body: '', deleted: true })]);
	});

	it('leaves no trace of their name, address or phone in any table or log', async () => {
		await server.stop();
		const handle: DatabaseHandle = await openDatabase({
			databaseUrl: database.databaseUrl,
			dataDir: database.dataDir
		});
		try {
			const tables = handle
				.rows<{ table_name: string }>(
					await handle.db.execute(sql`
						select table_name from information_schema.tables
						where table_schema = current_schema() and table_type = 'BASE TABLE'`)
				)
				.map((t) => t.table_name)
				.sort();
			expect(tables).toEqual([...ABOUT_PEOPLE, ...Object.keys(NOT_ABOUT_PEOPLE)].sort());

			const columns = handle.rows<{ table_name: string; column_name: string }>(
				await handle.db.execute(sql`
					select table_name, column_name from information_schema.columns
					where table_schema = current_schema()
						and data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`)
			);
			const found: string[] = [];
			// 'Ugo Aiutante' is a control: the search finds someone who is still there.
			for (const { table_name, column_name } of columns) {
				for (const needle of [NAME, EMAIL, PHONE, 'Zebedeo', 'Ugo Aiutante']) {
					const [{ n }] = handle.rows<{ n: number }>(
						await handle.db.execute(
							sql`select count(*)::int as n from ${sql.identifier(table_name)} where ${sql.identifier(column_name)}::text ilike ${'%' + needle + '%'}`
						)
					);
					if (n > 0) found.push(`${table_name}.${column_name}: ${needle}`);
				}
			}
			expect(found).toContain('users.name: Ugo Aiutante');
			expect(found.filter((f) => !f.endsWith('Ugo Aiutante'))).toEqual([]);
		} finally {
			await handle.close();
		}
		const logs = server.output();
		for (const needle of [NAME, EMAIL, PHONE, 'Zebedeo']) expect(logs).not.toContain(needle);
	});
});
