// Rewrites a Lighthouse trace so that each task on the page's main thread lasts K times its CPU (thread)
// time instead of its wall-clock time, scaling everything nested in it to fit. On a busy machine a task
// waits for a CPU for much of its wall time, and Lighthouse's simulated phone multiplies that wall time
// by 4; this takes the neighbours out of the score. See README.md, "Lighthouse".
//
//   lighthouse URL ... -G=/tmp/lh/run                    # gather only (same flags as an ordinary run)
//   node tools/lighthouse-cpu-time.js /tmp/lh/run /tmp/lh/run-cpu 1
//   lighthouse URL ... -A=/tmp/lh/run-cpu --output=json   # audit the rewritten trace
'use strict';
const fs = require('fs');
const path = require('path');

const [inDir, outDir, kArg] = process.argv.slice(2);
if (!inDir || !outDir) {
  console.error('usage: node lighthouse-cpu-time.js GATHER_DIR OUT_DIR [K]');
  process.exit(2);
}
const k = Number(kArg || 1);
fs.mkdirSync(outDir, { recursive: true });
for (const f of fs.readdirSync(inDir)) {
  if (!f.endsWith('.trace.json')) fs.copyFileSync(path.join(inDir, f), path.join(outDir, f));
}
const trace = JSON.parse(fs.readFileSync(path.join(inDir, 'defaultPass.trace.json'), 'utf8'));
const events = trace.traceEvents;

// The page's main thread: the one that parsed the page's HTML.
const url = JSON.parse(fs.readFileSync(path.join(inDir, 'artifacts.json'), 'utf8')).URL.finalDisplayedUrl;
const counts = {};
for (const e of events) {
  if (e.name === 'ParseHTML' && JSON.stringify(e.args || {}).includes(url)) counts[e.pid + ':' + e.tid] = (counts[e.pid + ':' + e.tid] || 0) + 1;
}
const main = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
const onMain = events.filter(e => e.pid + ':' + e.tid === main && e.ph !== 'M' && e.ts !== undefined).sort((a, b) => a.ts - b.ts);

// Top-level tasks only; everything inside one is scaled with it.
const top = [];
let end = -1;
for (const t of onMain) {
  if (t.ph === 'X' && t.name === 'RunTask' && t.tdur !== undefined && t.ts >= end) { top.push(t); end = t.ts + t.dur; }
}
let wall = 0;
let cpu = 0;
for (const task of top) {
  const r = Math.min(1, k * task.tdur / task.dur);
  wall += task.dur;
  cpu += task.tdur;
  const start = task.ts;
  const stop = task.ts + task.dur;
  for (const e of onMain) {
    if (e === task || e.ts < start || e.ts > stop) continue;
    e.ts = start + (e.ts - start) * r;
    if (e.dur !== undefined) e.dur *= r;
  }
  task.dur *= r;
}
fs.writeFileSync(path.join(outDir, 'defaultPass.trace.json'), JSON.stringify(trace));
console.error(`${top.length} tasks on the main thread: ${(wall / 1000).toFixed(0)} ms wall, ${(cpu / 1000).toFixed(0)} ms CPU; written at ${k} x CPU time`);
