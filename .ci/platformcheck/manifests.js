'use strict';
// The two app manifests: Slack's (slack-app-manifest.yaml) against Slack's
// manifest schema and against the scopes the bot's calls, events and
// commands need; Teams' (made by `advisorbot teams package`) against the
// Teams manifest v1.19 schema.

const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const Ajv7 = require('ajv').default;
const Ajv4 = require('ajv-draft-04').default;
const addFormats = require('ajv-formats').default;

// Bot-token scopes each Web API method needs (the "Scopes" box of
// docs.slack.dev/reference/methods/<method>). A function picks by channel
// type: D is a DM, G a private channel; a C id may be public or private.
const byChannel = (kind) => (p) => {
  const ch = p.channel || p.channel_id || '';
  if (ch.startsWith('D')) return [[`im:${kind}`]];
  if (ch.startsWith('G')) return [[`groups:${kind}`]];
  return [[`channels:${kind}`, `groups:${kind}`]];
};
const METHOD_SCOPES = {
  'chat.postMessage': [['chat:write']],
  'chat.postEphemeral': [['chat:write']],
  'chat.update': [['chat:write']],
  'chat.delete': [['chat:write']],
  'chat.startStream': [['chat:write']],
  'chat.appendStream': [['chat:write']],
  'chat.stopStream': [['chat:write']],
  'chat.getPermalink': [],
  'assistant.threads.setStatus': [['assistant:write']],
  'assistant.threads.setSuggestedPrompts': [['assistant:write']],
  'assistant.threads.setTitle': [['assistant:write']],
  'views.open': [], 'views.push': [], 'views.update': [], 'views.publish': [],
  'users.info': [['users:read']],
  'conversations.info': byChannel('read'),
  'conversations.history': byChannel('history'),
  'conversations.replies': byChannel('history'),
  'conversations.open': (p) => [[String(p.users || '').includes(',') ? 'mpim:write' : 'im:write']],
  'files.getUploadURLExternal': [['files:write']],
  'files.completeUploadExternal': [['files:write']],
  'auth.test': [],
  // Opened with the app-level token, whose connections:write is not a bot scope.
  'apps.connections.open': [],
  'response_url': [],
};
// Scopes each event subscription needs (docs.slack.dev/reference/events).
const EVENT_SCOPES = {
  app_mention: 'app_mentions:read', 'message.im': 'im:history', 'message.channels': 'channels:history',
  'message.groups': 'groups:history', 'message.mpim': 'mpim:history', assistant_thread_started: 'assistant:write',
  assistant_thread_context_changed: 'assistant:write', app_home_opened: null,
};

function slackManifest(root, specDirs, calls, add) {
  const file = path.join(root, 'slack-app-manifest.yaml');
  const m = YAML.parse(fs.readFileSync(file, 'utf8'));
  const where = 'slack-app-manifest.yaml';
  const dir = specDirs.find((d) => fs.existsSync(path.join(d, 'slack-app-manifest.schema.json')));
  if (!dir) {
    add(where, '', 'Slack manifest schema not found');
  } else {
    const ajv = new Ajv7({ strict: false, allErrors: true });
    addFormats(ajv);
    const base = 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/';
    for (const v of ['1.0.0', '2.0.0']) {
      ajv.addSchema(JSON.parse(fs.readFileSync(path.join(dir, `slack-app-manifest-${v}.schema.json`), 'utf8')), `${base}manifest.schema.${v}.json`);
    }
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(dir, 'slack-app-manifest.schema.json'), 'utf8')));
    if (!validate(m)) for (const e of validate.errors) add(where, e.instancePath, `schema: ${e.message} ${JSON.stringify(e.params)}`);
  }

  const granted = new Set((((m.oauth_config || {}).scopes || {}).bot) || []);
  const used = new Map(); // scope -> why
  const use = (scope, why) => { if (!used.has(scope)) used.set(scope, why); };
  for (const ev of (((m.settings || {}).event_subscriptions || {}).bot_events) || []) {
    if (!(ev in EVENT_SCOPES)) { add(where, 'settings.event_subscriptions', `no scope known for event ${ev}`); continue; }
    if (EVENT_SCOPES[ev]) use(EVENT_SCOPES[ev], `event ${ev}`);
    if (EVENT_SCOPES[ev] && !granted.has(EVENT_SCOPES[ev])) add(where, 'oauth_config.scopes.bot', `event ${ev} needs ${EVENT_SCOPES[ev]}`);
  }
  if (((m.features || {}).slash_commands || []).length) use('commands', 'slash commands');
  if (((m.features || {}).slash_commands || []).length && !granted.has('commands')) add(where, 'oauth_config.scopes.bot', 'slash commands need commands');
  const missing = new Map();
  for (const c of calls) {
    let need = METHOD_SCOPES[c.method];
    if (need === undefined) { add(c.id, '', `no scope known for ${c.method}`); continue; }
    if (typeof need === 'function') need = need(c.payload);
    for (const anyOf of need) {
      const have = anyOf.find((s) => granted.has(s));
      if (have) use(have, c.method);
      else {
        const k = `${c.method} needs ${anyOf.join(' or ')}`;
        if (!missing.has(k)) missing.set(k, c.id);
      }
    }
  }
  for (const [k, id] of missing) add(where, 'oauth_config.scopes.bot', `${k} (e.g. ${id})`);
  for (const s of granted) if (!used.has(s)) add(where, 'oauth_config.scopes.bot', `${s} is granted but no call, event or command of the test run needs it`);
  return { granted: [...granted], used: Object.fromEntries(used) };
}

function teamsManifest(file, specDirs, add) {
  const where = 'Teams manifest.json (advisorbot teams package)';
  if (!fs.existsSync(file)) return add(where, '', 'not generated');
  const m = JSON.parse(fs.readFileSync(file, 'utf8'));
  const dir = specDirs.find((d) => fs.existsSync(path.join(d, 'teams-manifest-1.19.schema.json')));
  if (!dir) return add(where, '', 'Teams manifest 1.19 schema not found');
  const ajv = new Ajv4({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(dir, 'teams-manifest-1.19.schema.json'), 'utf8')));
  if (!validate(m)) for (const e of validate.errors) add(where, e.instancePath, `schema: ${e.message} ${JSON.stringify(e.params)}`);
  if (m.manifestVersion !== '1.19') add(where, 'manifestVersion', `"${m.manifestVersion}", checked against 1.19`);
  // A bot's command lists may only name scopes the bot is installed in.
  for (const [i, b] of (m.bots || []).entries()) {
    for (const [j, cl] of (b.commandLists || []).entries()) {
      for (const s of cl.scopes || []) if (!(b.scopes || []).includes(s)) add(where, `bots[${i}].commandLists[${j}].scopes`, `${s} is not one of the bot's scopes`);
    }
  }
  return m;
}

module.exports = { slackManifest, teamsManifest, METHOD_SCOPES };
