// `npm start`: build the production server, then run it (on PGlite in DATA_DIR unless
// DATABASE_URL is set). The build takes seconds; `node server.js` alone serves an existing one.
import { spawnSync } from 'node:child_process';

const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await import('../server.js');
