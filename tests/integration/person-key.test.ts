// The same person across organisations, without sharing their data: a person key is kept only
// as an HMAC with a secret outside the database. Two organisations post for the same person; the
// second learns that one other organisation follows them, and nothing else; then the whole
// database (every table, and PGlite's data files) is searched for the key and it is nowhere.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signUpPerson, verifiedOrganisation, type Person } from '../helpers/people';
import { apiClient, startServer, type RunningServer } from '../helpers/server';
import { createTestDatabase, type TestDatabase } from '../helpers/test-databases';

const TAX_CODE = 'RSSMRA80A01H501U';
const PHONE = '3331234567';

describe('person keys', () => {
	let server: RunningServer;
	let database: TestDatabase;
	let call: ReturnType<typeof apiClient>;
	let first: Person, second: Person, outsider: Person;
	let firstOrg: string, secondOrg: string;

	beforeAll(async () => {
		// The test's own database: it is searched after the server has stopped.
		database = await createTestDatabase(inject('templateDatabase'));
		server = await startServer({}, database);
		call = apiClient(server.url);
		const admin = await signUpPerson(call, 'Admin');
		first = await signUpPerson(call, 'Prima');
		second = await signUpPerson(call, 'Seconda');
		outsider = await signUpPerson(call, 'Esterna');
		// Only verified organisations give person keys and learn of their matches.
		firstOrg = await verifiedOrganisation(call, admin, first, 'Servizio Uno');
		secondOrg = await verifiedOrganisation(call, admin, second, 'Servizio Due');
	});
	afterAll(async () => {
		await server?.stop();
		await database?.drop();
	});

	const post = (
		who: Person,
		organisationId: string | undefined,
		personKey: string,
		title: string
	) =>
		call('POST', '/api/v1/needs', {
			token: who.token,
			body: {
				title,
				description: `Richiesta ${title}`,
				category: 'food',
				organisationId,
				personKey,
				allowDuplicate: true
			}
		});

	it('tells the second organisation that one other follows the same person, and nothing else', async () => {
		const a = await post(first, firstOrg, TAX_CODE, 'Spesa per il signor R.');
		expect(a.status, JSON.stringify(a.json)).toBe(201);
		expect(a.json.personKeyMatches).toBe(0);
		// Typed differently, the same tax code.
		const b = await post(
			second,
			secondOrg,
			` ${TAX_CODE.toLowerCase().slice(0, 8)} ${TAX_CODE.slice(8).toLowerCase()} `,
			'Pacco alimentare'
		);
		expect(b.status, JSON.stringify(b.json)).toBe(201);
		expect(b.json.personKeyMatches).toBe(1);
		expect(b.json.need.personKeyMatches).toBe(1);
		// The answer holds a count and no trace of the key or of the other organisation.
		const text = JSON.stringify(b.json);
		expect(text).not.toContain(TAX_CODE);
		expect(text.toLowerCase()).not.toContain(TAX_CODE.toLowerCase());
		expect(text).not.toContain(firstOrg);
		// The first organisation sees the count too; people outside see no count at all.
		const seen = await call('GET', `/api/v1/needs/${a.json.need.id}`, { token: first.token });
		expect(seen.json.need.personKeyMatches).toBe(1);
		const outside = await call('GET', `/api/v1/needs/${a.json.need.id}`, { token: outsider.token });
		expect(outside.json.need.personKeyMatches).toBeUndefined();
		// Phones match whatever the prefix and spacing.
		await post(first, firstOrg, `+39 333 123 4567`, 'Telefonata serale');
		const phone = await post(second, secondOrg, `0039${PHONE}`, 'Compagnia al telefono');
		expect(phone.json.personKeyMatches).toBe(1);
	});

	it('opens a joint channel with the organisations that follow the same person', async () => {
		const mine = await post(second, secondOrg, TAX_CODE, 'Visita a domicilio');
		const res = await call('POST', `/api/v1/needs/${mine.json.need.id}/person-channel`, {
			token: second.token
		});
		expect(res.status, JSON.stringify(res.json)).toBe(200);
		expect(res.json.channel.kind).toBe('joint');
		expect(res.json.channel.name).not.toContain('Visita');
		const members = await call('GET', `/api/v1/channels/${res.json.channel.id}/members`, {
			token: first.token
		});
		expect(members.json.items.map((m: { id: string }) => m.id).sort()).toEqual(
			[first.id, second.id].sort()
		);
		const again = await call('POST', `/api/v1/needs/${mine.json.need.id}/person-channel`, {
			token: second.token
		});
		expect(again.json.channel.id).toBe(res.json.channel.id);
		const refused = await call('POST', `/api/v1/needs/${mine.json.need.id}/person-channel`, {
			token: outsider.token
		});
		expect(refused.status).toBe(404);
	});

	it('asks the other organisations to hand the person over, in their joint channel', async () => {
		const mine = await post(second, secondOrg, PHONE, 'Compagnia il martedì');
		const path = `/api/v1/needs/${mine.json.need.id}/person-handover`;
		const empty = await call('POST', path, { token: second.token, body: { reason: '' } });
		expect(empty.status).toBe(400);
		expect(empty.json.error.fields.reason).toBeTruthy();
		expect(
			(
				await call('POST', path, {
					token: outsider.token,
					body: { reason: 'Vorrei saperne di più' }
				})
			).status
		).toBe(404);
		// A person nobody else follows: there is no one to ask.
		const alone = await post(second, secondOrg, '3470001122', 'Solo noi');
		const nobody = await call('POST', `/api/v1/needs/${alone.json.need.id}/person-handover`, {
			token: second.token,
			body: { reason: 'La seguiamo noi da anni' }
		});
		expect(nobody.status).toBe(409);
		expect(nobody.json.reason).toBe('no_person_key_matches');
		const asked = await call('POST', path, {
			token: second.token,
			body: { reason: 'La vediamo ogni giorno al centro diurno' }
		});
		expect(asked.status, JSON.stringify(asked.json)).toBe(201);
		const channelId = asked.json.channel.id;
		const messages = await call('GET', `/api/v1/channels/${channelId}/messages`, {
			token: first.token
		});
		expect(messages.json.items.at(-1).body).toContain('La vediamo ogni giorno al centro diurno');
		// The other organisation's coordinator is told, and led to the channel, not to a record.
		let told: { kind: string; data: Record<string, string> } | undefined;
		for (let i = 0; i < 50 && !told; i++) {
			const list = await call('GET', '/api/v1/notifications', { token: first.token });
			told = list.json.items.find(
				(n: { kind: string; data: Record<string, string> }) =>
					n.kind === 'handover_requested' && n.data.channelId === channelId
			);
			if (!told) await new Promise((r) => setTimeout(r, 50));
		}
		expect(told?.data).toEqual({
			channelId,
			who: 'Servizio Due',
			categoryIt: 'Spesa e cibo',
			categoryEn: 'Food and shopping'
		});
		expect(JSON.stringify(told)).not.toContain('Compagnia il martedì');
	});

	it('takes a key only from an organisation, and only a tax code or a phone number', async () => {
		const personal = await post(outsider, undefined, TAX_CODE, 'Per me stessa');
		expect(personal.status).toBe(400);
		expect(personal.json.error.fields.personKey).toBeTruthy();
		const nonsense = await post(first, firstOrg, 'non è un codice', 'Altro');
		expect(nonsense.status).toBe(400);
		expect(nonsense.json.error.fields.personKey).toBeTruthy();
		const notMember = await post(outsider, firstOrg, TAX_CODE, 'Intrusa');
		expect(notMember.status).toBe(403);
	});

	it('leaves the key nowhere: not in any table, data file or log', async () => {
		const needles = [TAX_CODE, TAX_CODE.toLowerCase(), PHONE];
		// A title posted above must be found: the search itself works.
		const control = 'Telefonata serale';
		let controlFound = false;
		await server.stop();
		const found: string[] = [];
		if (database.databaseUrl) {
			const sql = postgres(database.databaseUrl, { max: 1, onnotice: () => {} });
			const tables = await sql<{ name: string }[]>`
				select table_schema || '.' || table_name as name from information_schema.tables
				where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`;
			expect(tables.length).toBeGreaterThan(10);
			for (const { name } of tables) {
				const rows = await sql.unsafe(`select t::text as row from ${name} t`);
				for (const { row } of rows) {
					if (row.includes(control)) controlFound = true;
					for (const needle of needles) if (row.includes(needle)) found.push(`${name}: ${needle}`);
				}
			}
			await sql.end();
		} else {
			const files = await readdir(database.dataDir, { recursive: true, withFileTypes: true });
			expect(files.length).toBeGreaterThan(10);
			for (const f of files.filter((f) => f.isFile())) {
				const file = path.join(f.parentPath, f.name);
				const bytes = await readFile(file);
				if (bytes.includes(control)) controlFound = true;
				for (const needle of needles) if (bytes.includes(needle)) found.push(`${file}: ${needle}`);
			}
		}
		for (const needle of needles)
			if (server.output().includes(needle)) found.push(`log: ${needle}`);
		expect(controlFound).toBe(true);
		expect(found).toEqual([]);
	});
});
