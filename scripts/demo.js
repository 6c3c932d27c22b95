// `npm run demo`: Rete on its own embedded database (./data-demo), filled on first start with a
// sample network: the town of Borgo Aperto, its districts, a social service, two associations,
// an informal group and people in every role (src/lib/server/demo/seed.ts; README's table).
import { launch } from './launch.js';

/** The accounts README lists, as the seed makes them (tests/integration/launch.test.ts checks). */
const DEMO_LOGINS = [
	['anna@borgoaperto.it', 'network administrator'],
	['marco@borgoaperto.it', 'coordinator of the social service'],
	['chiara@borgoaperto.it', 'operator (social worker) of the social service'],
	['giulia@borgoaperto.it', 'coordinator of Caritas'],
	['lucia@borgoaperto.it', "coordinator of the neighbours' group and Caritas volunteer"],
	['luca@borgoaperto.it', 'Caritas volunteer'],
	['rosa@borgoaperto.it', 'resident']
];
const DEMO_PASSWORD = 'rete demo 2026';

process.env.DATA_DIR ??= './data-demo';
process.env.RETE_DEMO = '1';
await launch({
	title: 'Rete demo',
	ready: [
		`Log in with any of these accounts; the password is "${DEMO_PASSWORD}" for all:`,
		...DEMO_LOGINS.map(([email, who]) => `  ${email.padEnd(24)}${who}`)
	]
});
