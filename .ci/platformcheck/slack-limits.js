'use strict';
// Slack's documented limits on what a message, a modal or the Home tab may
// hold, written from Slack's own reference pages (docs.slack.dev/reference/
// block-kit/..., /reference/methods/...) and kept apart from the Go fake's
// limits (bot/slack/slacktest), so that the two can check each other.
// Lengths count Unicode code points.

const DOCS = 'https://docs.slack.dev/reference/block-kit';

// Per surface: how many top-level blocks (blocks docs: 50 in a message,
// 100 in a modal or the Home tab).
const MAX_BLOCKS = { message: 50, modal: 100, home: 100 };

const len = (s) => [...s].length;
const CONTROL = /<(?:[@#][A-Z0-9]+(?:\|[^<>]*)?|![a-z]+(?:\^[^<>|]*)*(?:\|[^<>]*)?|(?:https?:\/\/|mailto:|slack:\/\/|tel:)[^<>|\s]+(?:\|[^<>]*)?)>/g;

class Walker {
  constructor(add) {
    this.add = add; // add(where, rule)
  }

  str(v, where, max, min = 0) {
    if (typeof v !== 'string') return;
    const n = len(v);
    if (n > max) this.add(where, `${n} characters, Slack allows at most ${max}`);
    if (n < min) this.add(where, `${n} characters, Slack needs at least ${min}`);
  }

  items(v, where, max, min = 0) {
    if (!Array.isArray(v)) return;
    if (v.length > max) this.add(where, `${v.length} items, Slack allows at most ${max}`);
    if (v.length < min) this.add(where, `${v.length} items, Slack needs at least ${min}`);
  }

  // text checks a text object (composition-objects/text-object): 1..3000
  // characters unless the field it sits in says less; emoji only on
  // plain_text, verbatim only on mrkdwn; plain only where plain is required.
  text(t, where, max = 3000, { plain = false } = {}) {
    if (t == null) return;
    if (typeof t !== 'object') return this.add(where, 'a text object is required here');
    if (t.type !== 'plain_text' && t.type !== 'mrkdwn') this.add(`${where}.type`, `"${t.type}" is not plain_text or mrkdwn`);
    if (plain && t.type !== 'plain_text') this.add(`${where}.type`, 'this field takes plain_text only');
    if ('emoji' in t && t.type !== 'plain_text') this.add(`${where}.emoji`, 'emoji is only for plain_text');
    if ('verbatim' in t && t.type !== 'mrkdwn') this.add(`${where}.verbatim`, 'verbatim is only for mrkdwn');
    this.str(t.text, `${where}.text`, max, 1);
    if (t.type === 'mrkdwn') this.escaped(t.text, `${where}.text`);
    // With emoji:false Slack shows ":+1:" as those characters, not the emoji.
    if (t.type === 'plain_text' && t.emoji === false && /:[a-z0-9_+'-]+:/.test(t.text || '')) {
      this.add(`${where}.emoji`, `emoji:false shows the shortcode in "${t.text}" literally`);
    }
  }

  // escaped checks mrkdwn for "<" and ">" outside Slack's control
  // sequences (mentions, channel links, special mentions, dates, links):
  // messaging/formatting-message-text#escaping asks for &lt; and &gt;, or
  // Slack reads them as markup.
  escaped(s, where) {
    if (typeof s !== 'string') return;
    const rest = s.replace(CONTROL, '');
    const m = rest.match(/[<>]/);
    if (m) {
      const i = rest.indexOf(m[0]);
      this.add(where, `unescaped "${m[0]}" outside a control sequence: …${rest.slice(Math.max(0, i - 30), i + 30)}…`);
    }
  }

  option(o, where) { // composition-objects/option-object
    if (!o || typeof o !== 'object') return;
    this.text(o.text, `${where}.text`, 75);
    this.str(o.value, `${where}.value`, 150);
    this.text(o.description, `${where}.description`, 75, { plain: true });
    this.str(o.url, `${where}.url`, 3000);
  }

  options(list, where, max, min = 0) {
    this.items(list, where, max, min);
    const seen = new Set();
    (list || []).forEach((o, i) => {
      this.option(o, `${where}[${i}]`);
      if (o && o.value !== undefined) {
        if (seen.has(o.value)) this.add(`${where}[${i}].value`, `duplicate option value "${o.value}"`);
        seen.add(o.value);
      }
    });
  }

  confirm(c, where) { // composition-objects/confirmation-dialog-object
    if (!c) return;
    this.text(c.title, `${where}.title`, 100, { plain: true });
    this.text(c.text, `${where}.text`, 300);
    this.text(c.confirm, `${where}.confirm`, 30, { plain: true });
    this.text(c.deny, `${where}.deny`, 30, { plain: true });
  }

  element(e, where, { inInput = false } = {}) {
    if (!e || typeof e !== 'object') return;
    this.str(e.action_id, `${where}.action_id`, 255, 1);
    this.confirm(e.confirm, `${where}.confirm`);
    if (e.placeholder !== undefined) this.text(e.placeholder, `${where}.placeholder`, 150, { plain: true });
    switch (e.type) {
      case 'button': // block-elements/button-element
        this.text(e.text, `${where}.text`, 75, { plain: true });
        this.str(e.url, `${where}.url`, 3000);
        this.str(e.value, `${where}.value`, 2000);
        this.str(e.accessibility_label, `${where}.accessibility_label`, 75);
        if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') this.add(`${where}.style`, `style "${e.style}" is not primary or danger`);
        break;
      case 'static_select':
      case 'multi_static_select': // select-menu-element
        if (e.options) this.options(e.options, `${where}.options`, 100, 1);
        if (e.option_groups) {
          this.items(e.option_groups, `${where}.option_groups`, 100, 1);
          e.option_groups.forEach((g, i) => {
            this.text(g.label, `${where}.option_groups[${i}].label`, 75, { plain: true });
            this.options(g.options, `${where}.option_groups[${i}].options`, 100, 1);
          });
        }
        if (!e.options === !e.option_groups) this.add(where, 'a static select needs options or option_groups, not both');
        if (e.max_selected_items !== undefined && e.max_selected_items < 1) this.add(`${where}.max_selected_items`, 'must be at least 1');
        break;
      case 'overflow':
        this.options(e.options, `${where}.options`, 5, 1);
        break;
      case 'checkboxes':
      case 'radio_buttons':
        this.options(e.options, `${where}.options`, 10, 1);
        break;
      case 'plain_text_input': { // block-elements/plain-text-input-element
        if (e.min_length !== undefined && !(e.min_length >= 0 && e.min_length <= 3000)) this.add(`${where}.min_length`, `${e.min_length}: Slack allows 0..3000`);
        if (e.max_length !== undefined && !(e.max_length >= 1 && e.max_length <= 3000)) this.add(`${where}.max_length`, `${e.max_length}: Slack allows 1..3000`);
        if (e.min_length !== undefined && e.max_length !== undefined && e.min_length > e.max_length) this.add(where, 'min_length is above max_length');
        if (typeof e.initial_value === 'string' && e.max_length !== undefined && len(e.initial_value) > e.max_length) this.add(`${where}.initial_value`, 'longer than max_length');
        if (!inInput) this.add(where, 'plain_text_input works only inside an input block');
        break;
      }
      case 'image': // block-elements/image-element
        this.str(e.alt_text, `${where}.alt_text`, 2000, 1);
        this.str(e.image_url, `${where}.image_url`, 3000);
        break;
      default:
        break;
    }
  }

  block(b, where, surface, seen) {
    if (!b || typeof b !== 'object') return;
    if (b.block_id !== undefined) {
      this.str(b.block_id, `${where}.block_id`, 255, 1);
      if (seen.blockIDs.has(b.block_id)) this.add(`${where}.block_id`, `duplicate block_id "${b.block_id}"`);
      seen.blockIDs.add(b.block_id);
    }
    const actionIDs = new Set();
    const element = (e, w, opts) => {
      this.element(e, w, opts);
      if (e && e.action_id !== undefined) {
        if (actionIDs.has(e.action_id)) this.add(`${w}.action_id`, `duplicate action_id "${e.action_id}" in one block`);
        actionIDs.add(e.action_id);
      }
    };
    switch (b.type) {
      case 'section': // blocks/section-block
        if (b.text === undefined && b.fields === undefined) this.add(where, 'a section needs text or fields');
        this.text(b.text, `${where}.text`, 3000);
        if (b.fields !== undefined) {
          this.items(b.fields, `${where}.fields`, 10, 1);
          b.fields.forEach((f, i) => this.text(f, `${where}.fields[${i}]`, 2000));
        }
        element(b.accessory, `${where}.accessory`);
        break;
      case 'header': // blocks/header-block
        this.text(b.text, `${where}.text`, 150, { plain: true });
        break;
      case 'context': // blocks/context-block
        this.items(b.elements, `${where}.elements`, 10, 1);
        (b.elements || []).forEach((e, i) => {
          if (e && (e.type === 'plain_text' || e.type === 'mrkdwn')) this.text(e, `${where}.elements[${i}]`);
          else if (e && e.type === 'image') element(e, `${where}.elements[${i}]`);
          else this.add(`${where}.elements[${i}]`, `a context block takes text or image elements, not ${e && e.type}`);
        });
        break;
      case 'actions': // blocks/actions-block
        this.items(b.elements, `${where}.elements`, 25, 1);
        (b.elements || []).forEach((e, i) => element(e, `${where}.elements[${i}]`));
        break;
      case 'input': // blocks/input-block
        this.text(b.label, `${where}.label`, 2000, { plain: true });
        this.text(b.hint, `${where}.hint`, 2000, { plain: true });
        if (!b.element) this.add(where, 'an input block needs an element');
        element(b.element, `${where}.element`, { inInput: true });
        seen.inputs++;
        break;
      case 'image': // blocks/image-block
        this.str(b.alt_text, `${where}.alt_text`, 2000, 1);
        this.str(b.image_url, `${where}.image_url`, 3000);
        this.text(b.title, `${where}.title`, 2000, { plain: true });
        break;
      case 'markdown': // blocks/markdown-block: 12,000 per payload, messages only
        if (surface !== 'message') this.add(where, 'the markdown block is for messages only');
        if (typeof b.text === 'string') seen.markdown += len(b.text);
        break;
      case 'table': // blocks/table-block: messages only, one per message
        if (surface !== 'message') this.add(where, 'the table block is for messages only');
        this.items(b.rows, `${where}.rows`, 100, 1);
        (b.rows || []).forEach((r, i) => this.items(r, `${where}.rows[${i}]`, 20, 1));
        seen.tables++;
        break;
      case 'divider':
      case 'rich_text':
      case 'file':
      case 'video':
        break;
      default:
        this.add(`${where}.type`, `unknown block type "${b.type}"`);
    }
  }

  blocks(list, where, surface) {
    if (list === undefined) return;
    if (!Array.isArray(list)) return this.add(where, 'blocks must be an array');
    this.items(list, where, MAX_BLOCKS[surface]);
    const seen = { blockIDs: new Set(), inputs: 0, markdown: 0, tables: 0 };
    list.forEach((b, i) => this.block(b, `${where}[${i}]`, surface, seen));
    if (seen.markdown > 12000) this.add(where, `markdown blocks hold ${seen.markdown} characters, Slack allows 12000 per payload`);
    if (seen.tables > 1) this.add(where, `${seen.tables} table blocks, Slack allows one per message`);
    return seen;
  }

  // message checks what chat.postMessage, postEphemeral, update and a
  // response_url take (methods/chat.postMessage).
  message(p, where = '') {
    const at = (k) => (where ? `${where}.${k}` : k);
    this.str(p.text, at('text'), 40000);
    if (p.mrkdwn !== false) this.escaped(p.text, at('text'));
    this.blocks(p.blocks, at('blocks'), 'message');
    if (Array.isArray(p.blocks) && p.blocks.length > 0 && !(typeof p.text === 'string' && p.text.trim() !== '')) {
      // chat.postMessage: text is the notification and screen-reader
      // fallback when blocks are sent; Slack's SDKs warn without it.
      this.add(at('text'), 'blocks without a top-level text fallback for notifications and screen readers');
    }
    if (p.attachments !== undefined) {
      this.items(p.attachments, at('attachments'), 100);
      (p.attachments || []).forEach((a, i) => this.blocks(a && a.blocks, at(`attachments[${i}].blocks`), 'message'));
    }
    if (p.metadata && typeof p.metadata === 'object') {
      if (!p.metadata.event_type) this.add(at('metadata.event_type'), 'message metadata needs event_type');
      if (p.metadata.event_payload === undefined) this.add(at('metadata.event_payload'), 'message metadata needs event_payload');
    }
  }

  // view checks a modal or Home tab (reference/views).
  view(v, where = 'view') {
    if (!v || typeof v !== 'object') return this.add(where, 'a view object is required');
    const surface = v.type === 'home' ? 'home' : 'modal';
    if (v.type !== 'home' && v.type !== 'modal') this.add(`${where}.type`, `"${v.type}" is not modal or home`);
    if (surface === 'modal') {
      if (!v.title) this.add(`${where}.title`, 'a modal needs a title');
      this.text(v.title, `${where}.title`, 24, { plain: true });
      this.text(v.submit, `${where}.submit`, 24, { plain: true });
      this.text(v.close, `${where}.close`, 24, { plain: true });
    }
    const bytes = Buffer.byteLength(JSON.stringify(v));
    if (bytes > 250 * 1024) this.add(where, `${bytes} bytes: views.* answer view_too_large over 250 kB`);
    this.str(v.private_metadata, `${where}.private_metadata`, 3000);
    this.str(v.callback_id, `${where}.callback_id`, 255);
    this.str(v.external_id, `${where}.external_id`, 255);
    const seen = this.blocks(v.blocks, `${where}.blocks`, surface);
    if (surface === 'modal' && seen && seen.inputs > 0 && !v.submit) this.add(`${where}.submit`, 'a modal with input blocks needs a submit button');
  }
}

const isDM = (channel) => typeof channel === 'string' && channel.startsWith('D');

// checkCall applies the method's documented rules to one decoded payload.
function checkCall(method, p, add) {
  const w = new Walker(add);
  switch (method) {
    case 'chat.postMessage':
    case 'chat.postEphemeral':
    case 'chat.update':
    case 'response_url':
      w.message(p);
      if (method === 'response_url' && p.response_type !== undefined && !['in_channel', 'ephemeral'].includes(p.response_type)) {
        add('response_type', `"${p.response_type}" is not in_channel or ephemeral`);
      }
      break;
    case 'chat.startStream': // methods/chat.startStream
      if (!p.thread_ts) add('thread_ts', 'chat.startStream needs thread_ts: a streamed message is a reply');
      if (!isDM(p.channel) && !(p.recipient_user_id && p.recipient_team_id)) {
        add('recipient_user_id', 'outside a DM chat.startStream needs recipient_user_id and recipient_team_id');
      }
      w.str(p.markdown_text, 'markdown_text', 12000);
      break;
    case 'chat.appendStream': // methods/chat.appendStream
      if (p.markdown_text === undefined && p.chunks === undefined) add('markdown_text', 'chat.appendStream needs markdown_text or chunks');
      w.str(p.markdown_text, 'markdown_text', 12000);
      break;
    case 'chat.stopStream':
      w.str(p.markdown_text, 'markdown_text', 12000);
      w.blocks(p.blocks, 'blocks', 'message');
      break;
    case 'views.open':
    case 'views.push':
    case 'views.update':
    case 'views.publish':
      w.view(p.view);
      if (method === 'views.publish' && p.view && p.view.type !== 'home') add('view.type', 'views.publish takes a home view');
      break;
    case 'assistant.threads.setSuggestedPrompts': // up to 4 prompts
      w.items(p.prompts, 'prompts', 4, 1);
      break;
    case 'files.getUploadURLExternal':
      w.str(p.alt_txt, 'alt_txt', 1000); // alt_txt_too_large
      if (!(Number.isInteger(p.length) && p.length > 0)) add('length', 'length must be a positive byte count');
      break;
    case 'golden:blocks': // a golden file holding only a message's blocks
      w.blocks(p.blocks, 'blocks', 'message');
      break;
    case 'files.completeUploadExternal':
      w.items(p.files, 'files', 100, 1);
      w.blocks(p.blocks, 'blocks', 'message');
      break;
    default:
      break;
  }
}

module.exports = { checkCall, Walker, DOCS };
