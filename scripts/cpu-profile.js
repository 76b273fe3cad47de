#!/usr/bin/env node
// Summarises a V8 CPU profile (node --cpu-prof; BENCH_CPU_PROF=<dir> npm run bench ...):
// self time by package (node_modules/<name>, our own code by app or lib, node internals),
// then the heaviest functions.   node scripts/cpu-profile.js FILE.cpuprofile [TOP]
'use strict';
const { readFileSync } = require('node:fs');

const [file, top = '15'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/cpu-profile.js FILE.cpuprofile [TOP]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));

// Sample i lasted timeDeltas[i + 1]; each sample is charged to the node it landed in.
const selfMicros = new Map();
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index + 1] ?? 0;
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
});

const where = (url) => {
  if (!url) return '(native, GC, idle)';
  const pkg = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const ours = url.match(/\/(apps|libs)\/([^/]+)\//);
  if (ours) return `ours: ${ours[1]}/${ours[2]}`;
  return url.startsWith('node:') ? 'node internals' : url;
};

const byPackage = new Map();
const byFunction = new Map();
let total = 0;
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  if (micros === 0) continue;
  total += micros;
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (name === '(idle)') continue;
  const group = where(url);
  byPackage.set(group, (byPackage.get(group) ?? 0) + micros);
  const key = `${name}  ${group}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
}

const busy = [...byPackage.values()].reduce((sum, micros) => sum + micros, 0);
const print = (title, entries) => {
  console.log(`\n${title}`);
  for (const [key, micros] of [...entries].sort(([, a], [, b]) => b - a).slice(0, Number(top))) {
    const share = ((100 * micros) / busy).toFixed(1).padStart(5);
    console.log(`${share}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
};
console.log(
  `${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (not idle)`,
);
print('self time by package (share of busy time)', byPackage);
print('heaviest functions (self time)', byFunction);
