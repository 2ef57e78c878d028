'use strict';
// Checks Teams activities with Microsoft's own tools: every Adaptive Card
// through the adaptivecards library (parse and validateProperties) with the
// host config Teams renders with, and through the Adaptive Cards 1.5 JSON
// schema; the activity itself against Teams' documented message size and
// the shapes of mentions and streaming.

const fs = require('fs');
const path = require('path');
// The package's ES module build imports files without extensions, which
// Node cannot load; its UMD bundle is the same code.
const AC = require('adaptivecards/dist/adaptivecards.js');
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;

const CARD = 'application/vnd.microsoft.card.adaptive';
// learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages:
// about 100 KB, counted as UTF-16 with base64 images left out; 80 KB is
// the size Microsoft recommends staying under.
const MAX_BYTES = 100 * 1024;
const ADVISED_BYTES = 80 * 1024;
// Teams renders Adaptive Cards up to 1.5 (cards-reference).
const MAX_VERSION = 1.5;

const ValidationEvent = AC.ValidationEvent;

class TeamsChecker {
  constructor(specDirs, add) {
    this.add = add;
    const find = (name) => {
      const d = specDirs.find((x) => fs.existsSync(path.join(x, name)));
      if (!d) throw new Error(`${name} not found in ${specDirs.join(', ')}`);
      return path.join(d, name);
    };
    this.hostConfigFile = find('teams-hostconfig-light.json');
    this.hostConfig = new AC.HostConfig(JSON.parse(fs.readFileSync(this.hostConfigFile, 'utf8')));
    this.schemaFile = find('adaptive-card-1.5.schema.json');
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    addFormats(ajv);
    const schema = JSON.parse(fs.readFileSync(this.schemaFile, 'utf8'));
    delete schema.id; // draft-06 names it $id; the old "id" only confuses Ajv 8
    this.defs = schema.definitions;
    ajv.addSchema(schema, 'ac');
    this.ajv = ajv;
    this.validateCard = ajv.compile({ $ref: 'ac#' });
    this.byType = new Map();
    this.cards = 0;
    this.largest = { bytes: 0, id: '' };
  }

  // card checks one Adaptive Card; where says where it sits.
  card(id, where, card) {
    this.cards++;
    if (!card || card.type !== 'AdaptiveCard') return this.add(id, where, 'attachment content is not an AdaptiveCard');
    const v = parseFloat(card.version);
    if (!(v <= MAX_VERSION)) this.add(id, `${where}.version`, `version "${card.version}": Teams renders up to ${MAX_VERSION}`);

    const ac = new AC.AdaptiveCard();
    ac.hostConfig = this.hostConfig;
    const ctx = new AC.SerializationContext(AC.Versions.v1_5);
    ac.parse(card, ctx);
    for (let i = 0; i < ctx.eventCount; i++) {
      const e = ctx.getEventAt(i);
      this.add(id, where, `adaptivecards parse: ${ValidationEvent[e.event]}: ${e.message}`);
    }
    for (const e of ac.validateProperties().validationEvents) {
      const src = e.source && e.source.id ? ` (${e.source.getJsonTypeName()} "${e.source.id}")` : e.source ? ` (${e.source.getJsonTypeName()})` : '';
      this.add(id, where, `adaptivecards validate: ${ValidationEvent[e.event]}: ${e.message}${src}`);
    }
    if (!this.validateCard(card)) this.schema(id, where, card);
  }

  // schema explains why a card fails the schema. Elements sit in anyOf
  // lists, so Ajv reports every alternative a wrong element fails; each
  // typed object is validated against its own definition instead, leaving
  // what lies inside typed children to their own turn.
  schema(id, where, card) {
    let found = 0;
    const visit = (v, at) => {
      if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${at}[${i}]`));
      if (!v || typeof v !== 'object') return;
      if (typeof v.type === 'string') {
        const validate = this.validatorFor(v.type);
        if (!validate) {
          found++;
          this.add(id, `${at}.type`, `Adaptive Cards 1.5 schema: no type "${v.type}"`);
        } else if (!validate(v)) {
          const errs = validate.errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && !insideTypedChild(v, e.instancePath));
          for (const e of errs) {
            // A property's own alternatives (an enum, its case-insensitive
            // pattern, null) fail together; the enum says it best.
            const enumAtSamePath = errs.some((o) => o.keyword === 'enum' && o.instancePath === e.instancePath);
            if (enumAtSamePath && e.keyword !== 'enum') continue;
            found++;
            this.add(id, `${at}${e.instancePath.replaceAll('/', '.')}`, `Adaptive Cards 1.5 schema: ${e.message} ${JSON.stringify(e.params)}`);
          }
        }
      }
      for (const [k, x] of Object.entries(v)) visit(x, `${at}.${k}`);
    };
    visit(card, where);
    if (!found) {
      const errs = this.validateCard.errors.slice(0, 3).map((e) => `${e.instancePath} ${e.message}`).join('; ');
      this.add(id, where, `Adaptive Cards 1.5 schema: invalid (${errs})`);
    }
  }

  validatorFor(type) {
    if (!this.byType.has(type)) {
      const ok = Object.prototype.hasOwnProperty.call(this.defs, type);
      this.byType.set(type, ok ? this.ajv.compile({ $ref: `ac#/definitions/${type}` }) : null);
    }
    return this.byType.get(type);
  }

  // streams follows native streams across activities, in the order one
  // test process sent them (file names count up per process): Teams wants
  // streamSequence to rise by one from 1 (bots/streaming-ux), and each
  // streaming chunk carries the full text so far, as Microsoft's Teams SDKs
  // send it (TeamsStreamingWriter: "sends the full text so far on each
  // update").
  streams(items) {
    const open = new Map(); // pid|host|conversation -> stream waiting for its id
    const byID = new Map(); // pid|host|streamId -> stream
    for (const it of items) {
      const a = it.activity || {};
      const info = (a.entities || []).find((e) => e && e.type === 'streaminfo');
      if (!info) continue;
      const pid = it.file.split('-')[1];
      const conv = (a.conversation && a.conversation.id) || it.path;
      const at = `${pid}|${it.host}`;
      let st;
      if (!info.streamId) {
        st = { seq: 0, text: '', ended: false };
        open.set(`${at}|${conv}`, st);
      } else {
        st = byID.get(`${at}|${info.streamId}`) || open.get(`${at}|${conv}`);
        if (!st) { this.add(it.id, 'entities', `stream ${info.streamId} was never started`); continue; }
        open.delete(`${at}|${conv}`);
        byID.set(`${at}|${info.streamId}`, st);
      }
      if (st.ended) this.add(it.id, 'entities', 'a chunk after the final message');
      if (info.streamType === 'final') { st.ended = true; continue; }
      if (info.streamSequence !== st.seq + 1) this.add(it.id, 'entities.streamSequence', `${info.streamSequence} after ${st.seq}`);
      st.seq = info.streamSequence;
      if (info.streamType === 'streaming') {
        if (!(a.text || '').startsWith(st.text)) this.add(it.id, 'text', 'a streaming chunk must repeat all the text streamed before it');
        st.text = a.text || '';
      }
    }
  }

  activity(id, kind, a) {
    if (!a || typeof a !== 'object') return this.add(id, '', 'not an object');
    if (kind === 'response') {
      // An invoke response: {status, body}; a card body sits in value.
      const body = a.body || a;
      if (body && body.type === 'application/vnd.microsoft.card.adaptive' && body.value) this.card(id, 'body.value', body.value);
      if (body && body.type === 'application/vnd.microsoft.activity.message' && typeof body.value !== 'string') this.add(id, 'body.value', 'a message invoke response carries a string');
      return;
    }
    this.size(id, a);
    (a.attachments || []).forEach((att, i) => {
      if (att.contentType === CARD) this.card(id, `attachments[${i}].content`, att.content);
      else if (!att.contentType) this.add(id, `attachments[${i}]`, 'attachment without contentType');
    });
    this.mentions(id, a);
    this.streaming(id, a);
  }

  size(id, a) {
    const json = JSON.stringify(a, (k, v) => (typeof v === 'string' && /^data:image\/[\w.+-]+;base64,/.test(v) ? '' : v));
    const bytes = json.length * 2;
    if (bytes > this.largest.bytes) this.largest = { bytes, id };
    if (bytes > MAX_BYTES) this.add(id, '', `${bytes} bytes as UTF-16 without base64 images; Teams refuses over ${MAX_BYTES} (413 MessageSizeTooBig)`);
    else if (bytes > ADVISED_BYTES) this.add(id, '', `${bytes} bytes as UTF-16: Microsoft advises staying under ${ADVISED_BYTES}`);
  }

  // A mention entity's text must appear in the activity's text, with the
  // id of whom it names (bots/how-to/conversations/channel-and-group-conversations).
  mentions(id, a) {
    (a.entities || []).forEach((e, i) => {
      if (e.type !== 'mention') return;
      if (!e.mentioned || !e.mentioned.id) this.add(id, `entities[${i}].mentioned.id`, 'a mention names whom it mentions');
      if (typeof e.text !== 'string' || !(a.text || '').includes(e.text)) this.add(id, `entities[${i}].text`, 'the mention text is not in the activity text');
    });
  }

  // Native streaming in 1:1 chats (bots/streaming-ux): a streaminfo entity
  // on typing activities (informative, streaming) and on the final message.
  streaming(id, a) {
    (a.entities || []).forEach((e, i) => {
      if (e.type !== 'streaminfo') return;
      const w = `entities[${i}]`;
      if (!['informative', 'streaming', 'final'].includes(e.streamType)) this.add(id, `${w}.streamType`, `"${e.streamType}"`);
      if (e.streamType === 'final') {
        if (a.type !== 'message') this.add(id, w, 'the final stream chunk is a message activity');
        if (!e.streamId) this.add(id, `${w}.streamId`, 'the final message names its stream');
      } else {
        if (a.type !== 'typing') this.add(id, w, 'informative and streaming chunks are typing activities');
        if (!(Number.isInteger(e.streamSequence) && e.streamSequence >= 1)) this.add(id, `${w}.streamSequence`, 'a positive integer, rising by one');
        if (!a.text) this.add(id, 'text', 'a stream chunk carries text');
        if (e.streamType === 'informative' && [...(a.text || '')].length > 1000) this.add(id, 'text', 'an informative update holds at most 1000 characters');
      }
      if (a.conversation && a.conversation.conversationType && a.conversation.conversationType !== 'personal') {
        this.add(id, w, `streaming in a ${a.conversation.conversationType} conversation: Teams streams in 1:1 chats only`);
      }
    });
  }
}

// insideTypedChild reports whether a JSON pointer below obj passes through
// an object with its own type, which is validated on its own.
function insideTypedChild(obj, pointer) {
  const parts = pointer.split('/').slice(1);
  let v = obj;
  for (let i = 0; i < parts.length; i++) {
    v = v == null ? undefined : v[parts[i].replaceAll('~1', '/').replaceAll('~0', '~')];
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.type === 'string') return true;
  }
  return false;
}

module.exports = { TeamsChecker };
