// Starts the writer thread from the TypeScript sources (tests, tsx scripts): TypeScript is
// compiled on load by tsx. The compiled bot (dist/) starts writer-worker.js directly.
const { workerData } = require('node:worker_threads');
require('tsx/cjs/api').register();
require(workerData.entry);
