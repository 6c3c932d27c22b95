// `npm run demo`: Rete on its own embedded database (./data-demo), filled on first start with a
// sample network: the town of Borgo Aperto, its districts, a social service, two associations,
// an informal group and people in every role. Log in as anna@borgoaperto.it, password
// "rete demo 2026" (README lists the others).
import { spawnSync } from 'node:child_process';

process.env.DATA_DIR ??= './data-demo';
process.env.RETE_DEMO = '1';
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await import('../server.js');
