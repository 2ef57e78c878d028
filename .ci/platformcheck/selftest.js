'use strict';
// The checker's own test: payloads that break one documented rule each
// must each be reported, and a payload that breaks none must not be. A
// check that finds nothing is only worth something if it can find.
//
//   node selftest.js

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const form = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
const slack = (method, payload, encoding = 'form') => ({ method, encoding, payload: encoding === 'form' ? form(payload) : payload, status: 200, binary: 'selftest' });
const button = (text, i = 0) => ({ type: 'button', text: { type: 'plain_text', text }, action_id: `a${i}`, value: 'v' });
const card = (extra) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hi', wrap: true }], ...extra });
const teams = (content, extra = {}) => ({
  kind: 'post', binary: 'selftest',
  activity: { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }], ...extra },
});

function streamChunk(type, info, text) {
  return { kind: 'post', host: 'h', path: '/v3/conversations/a:1/activities', binary: 'selftest',
    activity: { type, text, conversation: { id: 'a:1', conversationType: 'personal' }, entities: [{ type: 'streaminfo', ...info }] } };
}

// [file, payload, substring the report must contain; null: must be clean]
const cases = [
  ['good-message', slack('chat.postMessage', { channel: 'C1', text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }, { type: 'actions', elements: [button('Yes')] }] }), null],
  ['good-card', teams(card({ actions: [{ type: 'Action.Submit', title: 'Yes', data: { x: 1 } }] })), null],
  ['max-length', slack('views.open', { trigger_id: 't', view: { type: 'modal', title: { type: 'plain_text', text: 'New' }, submit: { type: 'plain_text', text: 'Go' }, blocks: [{ type: 'input', label: { type: 'plain_text', text: 'What' }, element: { type: 'plain_text_input', action_id: 'd', max_length: 4000 } }] } }, 'json'), 'max_length: 4000: Slack allows 1..3000'],
  ['header', slack('chat.postMessage', { channel: 'C1', text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }), '151 characters, Slack allows at most 150'],
  ['button', slack('chat.postMessage', { channel: 'C1', text: 'x', blocks: [{ type: 'actions', elements: [button('b'.repeat(76))] }] }), '76 characters, Slack allows at most 75'],
  ['emoji', slack('chat.postMessage', { channel: 'C1', text: 'x', blocks: [{ type: 'actions', elements: [{ ...button(':+1: Yes'), text: { type: 'plain_text', text: ':+1: Yes', emoji: false } }] }] }), 'emoji:false shows the shortcode'],
  ['blocks', slack('chat.postMessage', { channel: 'C1', text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }), '51 items, Slack allows at most 50'],
  ['no-fallback', slack('chat.postMessage', { channel: 'C1', blocks: [{ type: 'divider' }] }), 'without a top-level text fallback'],
  ['stream', slack('chat.startStream', { channel: 'D1' }), "Property 'thread_ts' is missing"],
  ['stream-limit', slack('chat.startStream', { channel: 'D1' }), 'chat.startStream needs thread_ts'],
  ['stream-recipient', slack('chat.startStream', { channel: 'C1', thread_ts: '1.2' }), 'needs recipient_user_id and recipient_team_id'],
  ['excess', slack('chat.postMessage', { channel: 'C1', text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' }, colour: 'red' }] }), `"colour"' does not exist in type 'SectionBlock'`],
  ['escape', slack('chat.postMessage', { channel: 'C1', text: 'see <@U1> and <https://x.example|x>', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a <b> c' } }] }), 'unescaped "<" outside a control sequence'],
  ['boolean', slack('chat.postMessage', { channel: 'C1', text: 'x', unfurl_links: 'yes' }), '"yes" is not a boolean'],
  ['actions', teams(card({ actions: Array.from({ length: 7 }, (_, i) => ({ type: 'Action.Submit', title: `a${i}` })) })), 'TooManyActions'],
  ['label', teams(card({ body: [{ type: 'Input.ChoiceSet', id: 'c', isRequired: true, errorMessage: 'pick', choices: [{ title: 'a', value: 'a' }] }] })), 'RequiredInputsShouldHaveLabel'],
  ['schema', teams(card({ body: [{ type: 'TextBlock', text: 'x', size: 'Huge' }] })), 'Adaptive Cards 1.5 schema'],
  ['version', teams(card({ version: '1.6' })), 'Teams renders up to 1.5'],
  ['size', teams(card({ body: [{ type: 'TextBlock', text: 'é'.repeat(52000) }] })), 'Teams refuses over 102400'],
  ['mention', teams(card({}), { text: 'hello', entities: [{ type: 'mention', text: '<at>Ann</at>', mentioned: { id: '29:1' } }] }), 'the mention text is not in the activity text'],
  ['teams-9-000001', streamChunk('typing', { streamType: 'streaming', streamSequence: 1 }, 'Hello wor'), null],
  ['teams-9-000002', streamChunk('typing', { streamType: 'streaming', streamSequence: 3, streamId: 's1' }, 'Hello world'), '3 after 1'],
  ['teams-9-000003', streamChunk('typing', { streamType: 'streaming', streamSequence: 4, streamId: 's1' }, 'Goodbye'), 'must repeat all the text streamed before it'],
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'platformcheck-selftest-'));
try {
  // Streams are followed in file-name order within one process, so the
  // stream cases are named as the fake names a process's dump files.
  for (const [name, d] of cases) fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(d));
  const r = spawnSync(process.execPath, [path.join(__dirname, 'check.js'), '--dump', dir, '--payloads-only', '--verbose'], { encoding: 'utf8' });
  const out = r.stdout + r.stderr;
  const failed = [];
  for (const [name, , want] of cases) {
    // Each problem is printed with the files it was found in.
    const lines = out.split('\n- ').filter((block) => block.includes(`${name}.json`));
    if (want === null && lines.length) failed.push(`${name}: expected no problem, got:\n- ${lines.join('\n- ')}`);
    if (want !== null && !lines.some((l) => l.includes(want))) failed.push(`${name}: expected a problem containing ${JSON.stringify(want)}`);
  }
  if (r.status !== 1) failed.push(`check.js exited ${r.status}, expected 1`);
  if (failed.length) {
    console.log(out);
    console.log(`selftest: ${failed.length} failed:\n  ${failed.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`selftest: ${cases.length} passed, 0 failed`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
