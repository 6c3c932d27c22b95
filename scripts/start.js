// `npm start`: build the production server when needed, then run it (on PGlite in DATA_DIR
// unless DATABASE_URL is set). `node server.js` alone serves an existing build.
import { launch } from './launch.js';

await launch({ title: 'Rete' });
