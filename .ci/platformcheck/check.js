'use strict';
// The independent platform check of issue 15: every payload the test
// suites sent to the fake Slack and fake Teams (written there when
// ADVISORBOT_PAYLOAD_DIR is set), the golden payloads, and both app
// manifests, checked with the platforms' published types, schemas and
// validators. Prints what it checked and every problem; exits 1 on any.
//
//   node check.js --dump DIR [--root REPO] [--verbose] [--keep-ts] [--payloads-only]
//
// --verbose lists every file a problem was found in; --keep-ts keeps the
// generated TypeScript in .gen/<pid>/payloads.ts.
// --payloads-only skips the golden files and the manifests (selftest.js).

const fs = require('fs');
const path = require('path');
const { decode, typeCheck } = require('./slack-types');
const { checkCall } = require('./slack-limits');
const { slackManifest, teamsManifest } = require('./manifests');
const { TeamsChecker } = require('./teams');

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const dump = opt('--dump');
const root = path.resolve(opt('--root', path.join(__dirname, '..', '..')));
const verbose = args.includes('--verbose');
const payloadsOnly = args.includes('--payloads-only');
if (!dump) { console.error('usage: node check.js --dump DIR [--root REPO]'); process.exit(2); }

// The fakes' own tests send bad payloads on purpose, to see them refused.
const SELF_TESTS = new Set(['slacktest.test', 'teamstest.test']);

const problems = []; // {id, where, msg}
const add = (id, where, msg) => problems.push({ id, where, msg });
const counts = {};
const count = (k) => { counts[k] = (counts[k] || 0) + 1; };

function readDump() {
  const slack = [];
  const teams = [];
  let skipped = 0;
  const files = fs.readdirSync(dump).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
  for (const f of files) {
    const d = JSON.parse(fs.readFileSync(path.join(dump, f), 'utf8'));
    if (SELF_TESTS.has(d.binary)) { skipped++; continue; }
    const id = `${f} [${d.binary}]`;
    if (d.method) slack.push({ ...d, id, file: f });
    else if (d.kind) teams.push({ ...d, id, file: f });
  }
  return { slack, teams, skipped };
}

// goldens lists the golden payloads: Slack messages and views, Teams
// activities, each checked like a sent one.
function goldens() {
  const out = [];
  const walk = (dir, fn) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, fn);
      else if (e.name.endsWith('.json')) fn(p, JSON.parse(fs.readFileSync(p, 'utf8')));
    }
  };
  walk(path.join(root, 'bot/slack/testdata/blocks'), (p, j) => out.push(Array.isArray(j)
    ? { platform: 'slack', method: 'golden:blocks', payload: { blocks: j }, id: path.relative(root, p) }
    : { platform: 'slack', method: 'golden:message', payload: j, id: path.relative(root, p) }));
  walk(path.join(root, 'bot/slack/testdata/views'), (p, j) => out.push({ platform: 'slack', method: 'golden:view', payload: j, id: path.relative(root, p) }));
  walk(path.join(root, 'bot/teams/testdata/cards'), (p, j) => out.push({ platform: 'teams', kind: 'golden', activity: j, id: path.relative(root, p) }));
  return out;
}

const t0 = Date.now();
const { slack, teams, skipped } = readDump();
const gold = payloadsOnly ? [] : goldens();
const specDirs = [
  path.join(root, 'bot/teams/teamstest/spec'), path.join(root, 'bot/teams/testdata/spec'), path.join(root, 'bot/slack/testdata/spec'),
  path.join(root, '..', 'shared', 'specs'), '/work/shared/specs',
];

// Slack: decode, limits, then the TypeScript types in one program.
// The Slack fake dumps its answer with each call; the Teams fake dumps
// before it answers, so only Slack problems say what the fake made of them.
const answered = new Set();
const refusedBy = new Map(); // id -> what the fake answered, when it refused
const typed = [];
for (const c of slack) {
  count(`slack ${c.method}`);
  answered.add(c.id);
  if (c.error || (c.status && c.status !== 200)) refusedBy.set(c.id, `${c.status} ${c.error || ''}`.trim());
  const p = decode(c, (w, m) => add(c.id, w, m));
  c.payload = p;
  checkCall(c.method, p, (w, m) => add(c.id, w, m));
  typed.push({ id: c.id, method: c.method, payload: p });
}
for (const g of gold.filter((x) => x.platform === 'slack')) {
  count(`slack ${g.method}`);
  if (g.method === 'golden:view') checkCall('views.open', { view: g.payload }, (w, m) => add(g.id, w.replace(/^view\.?/, ''), m));
  else if (g.method === 'golden:blocks') checkCall('golden:blocks', g.payload, (w, m) => add(g.id, w, m));
  else checkCall('chat.postMessage', g.payload, (w, m) => add(g.id, w, m));
  typed.push({ id: g.id, method: g.method, payload: g.payload });
}
// Generated beside node_modules, so the compiler finds the types; one
// directory a process, so two runs do not clash.
const gen = path.join(__dirname, '.gen', String(process.pid));
const tsStats = typeCheck(typed, gen, add);
if (!args.includes('--keep-ts')) fs.rmSync(gen, { recursive: true, force: true });
const scopes = payloadsOnly ? {} : slackManifest(root, specDirs, slack, add);

// Teams.
const tc = new TeamsChecker(specDirs, add);
for (const a of teams) { count(`teams ${a.kind}`); tc.activity(a.id, a.kind, a.activity); }
tc.streams(teams.filter((a) => a.kind === 'post'));
for (const g of gold.filter((x) => x.platform === 'teams')) { count('teams golden'); tc.activity(g.id, 'golden', g.activity); }
const manifestFile = path.join(dump, 'teams-package', 'manifest.json');
if (fs.existsSync(manifestFile)) { count('teams manifest'); teamsManifest(manifestFile, specDirs, add); }
if (!payloadsOnly) count('slack manifest');

// Report.
console.log(`payloads and files checked (${skipped} more from the fakes' own tests, which send bad payloads on purpose, not checked):`);
for (const k of Object.keys(counts).sort()) console.log(`  ${String(counts[k]).padStart(5)}  ${k}`);
console.log(`  TypeScript: ${tsStats.checks} distinct literals type-checked against @slack/web-api and @slack/types`);
console.log(`  Adaptive Cards: ${tc.cards} cards through adaptivecards with ${path.relative(root, tc.hostConfigFile)} and ${path.relative(root, tc.schemaFile)}`);
console.log(`  largest Teams activity: ${tc.largest.bytes} bytes as UTF-16 without base64 images (${tc.largest.id})`);
if (verbose && scopes.used) console.log(`  Slack scopes used: ${JSON.stringify(scopes.used)}`);

// Group identical problems so a payload sent 40 times is one line.
const groups = new Map();
for (const p of problems) {
  const key = `${p.where}\u0000${p.msg}`;
  if (!groups.has(key)) groups.set(key, { where: p.where, msg: p.msg, ids: [] });
  groups.get(key).ids.push(p.id);
}
console.log(`\n${problems.length} problems (${groups.size} distinct)${problems.length ? ':' : ''}`);
for (const g of groups.values()) {
  const ids = [...new Set(g.ids)];
  const refused = ids.filter((id) => refusedBy.has(id));
  const sent = ids.filter((id) => answered.has(id));
  console.log(`- ${g.where ? `${g.where}: ` : ''}${g.msg.replaceAll('\n', '\n    ')}`);
  const shown = verbose ? ids : ids.slice(0, 3);
  console.log(`    in ${ids.length}: ${shown.join(', ')}${ids.length > shown.length ? ', …' : ''}`);
  if (sent.length) {
    const answers = [...new Set(refused.map((id) => refusedBy.get(id)))].join(', ');
    console.log(`    the fake accepted ${sent.length - refused.length} of ${sent.length}${refused.length ? `; answered the rest: ${answers}` : ''}`);
  }
}
console.log(`\nchecked in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(problems.length ? 1 : 0);
