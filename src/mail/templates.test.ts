/**
 * Every template a command may queue has its subject and body in both languages, and a name in the
 * outbox's list: the outbox builds the name's key from the template, which a catalogue check of
 * literal keys does not see.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languages, translator } from '../i18n/i18n.ts';
import { templates } from './render.ts';

test('every mail template has a subject, a body and an outbox name in every language', () => {
  const missing: string[] = [];
  for (const language of languages) {
    const t = translator(language);
    for (const template of templates)
      for (const key of [`mail.${template}_subject`, `mail.${template}_body`, `outbox.template_${template}`])
        if (t(key) === key) missing.push(`${language}: ${key}`);
  }
  assert.deepEqual(missing, []);
});
