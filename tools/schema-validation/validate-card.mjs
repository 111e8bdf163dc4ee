#!/usr/bin/env node
// Validates Teams Workflows messages carrying an Adaptive Card with Microsoft's Adaptive Cards SDK: the envelope
// (type "message", one attachment of contentType application/vnd.microsoft.card.adaptive), then the card parsed by
// the SDK with the card's own version as the target version, so unknown elements, invalid property values, missing
// required properties and features newer than the declared version are all reported.
//
//   node validate-card.mjs <message.json>...     (a file may hold one message or an array of messages)
//
// Prints { "valid": bool, "errors": [ { "document", "item", "event", "message" } ] }.
// Exit codes: 0 valid, 1 invalid, 2 bad usage or an unreadable document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js');

function fail(message) {
  process.stderr.write(`validate-card: ${message}\n`);
  process.exit(2);
}

const documents = process.argv.slice(2);
if (documents.length === 0) fail('usage: validate-card.mjs <message.json>...');

function validateCard(card, report) {
  if (card === null || typeof card !== 'object' || Array.isArray(card)) return report('Envelope', 'the attachment content is not an object');
  if (card.type !== 'AdaptiveCard') return report('Envelope', `the attachment content has type '${card.type}', not 'AdaptiveCard'`);
  const version = AC.Version.parse(card.version, new AC.SerializationContext());
  if (!version || !version.isValid) return report('InvalidPropertyValue', `the card version '${card.version}' is not a version`);
  const context = new AC.SerializationContext(version);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    report(AC.ValidationEvent[event.event], event.message);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    report(AC.ValidationEvent[event.event], event.message);
  }
}

function validateMessage(message, report) {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return report('Envelope', 'the message is not an object');
  if (message.type !== 'message') return report('Envelope', `the message type is '${message.type}', not 'message'`);
  if (!Array.isArray(message.attachments) || message.attachments.length !== 1) return report('Envelope', 'the message must carry exactly one attachment');
  const attachment = message.attachments[0];
  if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive') {
    return report('Envelope', `the attachment contentType is '${attachment?.contentType}', not application/vnd.microsoft.card.adaptive`);
  }
  validateCard(attachment.content, report);
}

const errors = [];
for (const path of documents) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`cannot read '${path}' as JSON: ${e.message}`);
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  items.forEach((message, index) => validateMessage(message, (event, text) => errors.push({
    document: path,
    item: Array.isArray(parsed) ? index : null,
    event,
    message: text,
  })));
}

process.stdout.write(`${JSON.stringify({ valid: errors.length === 0, sdk: `adaptivecards ${require('adaptivecards/package.json').version}`, errors }, null, 1)}\n`);
process.exit(errors.length === 0 ? 0 : 1);
