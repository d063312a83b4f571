import { benchRecords } from './scripts/bench/records';
import { timeEngine } from './scripts/bench/engine-timing';
const now = new Date('2025-07-01T12:00:00Z');
for (const r of benchRecords()) console.log(r.name, JSON.stringify(timeEngine(r, now)));
