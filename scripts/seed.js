// `npm run seed -- --needs 100000`: fills a database with generated needs for benchmarks, fast
// (one INSERT … SELECT from generate_series), in the database the server would use: DATABASE_URL
// (PostgreSQL) or DATA_DIR (the embedded database). Migrates first. Prints what it did.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import postgres from 'postgres';

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? fallback : process.argv[i + 1];
};
const count = Number(arg('needs', '1000'));
if (!Number.isInteger(count) || count < 1 || count > 5_000_000) {
	console.error('Usage: npm run seed -- --needs <1..5000000>');
	process.exit(2);
}

if (!existsSync('build/handler.js'))
	spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
const migrated = spawnSync(process.execPath, ['server.js', '--migrate'], {
	stdio: 'inherit',
	env: process.env
});
if (migrated.status !== 0) process.exit(1);

// Words of real requests, combined into titles and descriptions that read like Italian needs.
const what = [
	'Spesa settimanale',
	'Accompagnamento',
	'Compagnia',
	'Ritiro farmaci',
	'Aiuto pratiche',
	'Piccole riparazioni',
	'Pacco alimentare',
	'Passaggio in auto',
	'Lettura del giornale',
	'Telefonata serale',
	'Cambio lampadina',
	'Trasloco di mobili',
	'Ripetizioni di matematica',
	'Domanda assegno unico',
	'Visita medica',
	'Pulizia del giardino'
];
const forWhom = [
	'per anziana sola',
	'per famiglia con bambini',
	'per persona con disabilità',
	'per signore di novant’anni',
	'per studente fuori sede',
	'per mamma sola',
	'per coppia di anziani',
	'per vicino di casa'
];
const where = [
	'in via Roma',
	'vicino al mercato',
	'in piazza Garibaldi',
	'al quartiere San Rocco',
	'alle Case Nuove',
	'lungo il fiume',
	'dietro la stazione',
	'in centro storico'
];
const detail = [
	'il giovedì mattina',
	'due volte a settimana',
	'entro venerdì',
	'una volta al mese',
	'nel fine settimana',
	'la sera dopo cena',
	'appena possibile',
	'per tutto l’inverno'
];
const rare = ['clavicembalo', 'ornitorinco', 'zampognaro', 'astrolabio'];
const categories = ['food', 'transport', 'company', 'paperwork', 'health', 'housing', 'other'];
const arr = (xs) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;
const pick = (xs) => `(${arr(xs)})[1 + floor(random() * ${xs.length})::int]`;

const sql = `
with author as (
	insert into users (email, name, password_hash)
	values ('seed-' || gen_random_uuid() || '@example.org', 'Seed', 'x')
	returning id
), places as (
	select coalesce(array_agg(id), array[null::uuid]) as ids from territories
)
insert into needs (title, description, category_id, urgency, territory_id, author_id, status, created_at, capacity)
select
	${pick(what)} || ' ' || ${pick(forWhom)},
	${pick(what)} || ' ' || ${pick(where)} || ', ' || ${pick(detail)} || case when g % 20000 = 0 then ' ' || ${pick(rare)} else '' end,
	${pick(categories)},
	(array['low','normal','normal','high','critical'])[1 + floor(random() * 5)::int],
	places.ids[1 + floor(random() * array_length(places.ids, 1))::int],
	author.id,
	(array['open','open','open','in_progress','fulfilled','closed'])[1 + floor(random() * 6)::int],
	now() - (random() * interval '180 days'),
	1
from generate_series(1, ${count}) as g, author, places;
insert into need_parts (need_id, title, capacity)
select n.id, n.title, 1 from needs n where not exists (select 1 from need_parts p where p.need_id = n.id);
analyze needs; analyze need_parts;`;

const started = Date.now();
if (process.env.DATABASE_URL) {
	const db = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
	await db.unsafe(sql);
	const [{ n }] = await db`select count(*)::int as n from needs`;
	console.log(
		`seeded ${count} needs in ${((Date.now() - started) / 1000).toFixed(1)} s; the database now holds ${n}`
	);
	await db.end();
} else {
	const db = await PGlite.create(process.env.DATA_DIR ?? './data', { extensions: { pg_trgm } });
	await db.exec(sql);
	const { rows } = await db.query('select count(*)::int as n from needs');
	console.log(
		`seeded ${count} needs in ${((Date.now() - started) / 1000).toFixed(1)} s; the database now holds ${rows[0].n}`
	);
	await db.close();
}
