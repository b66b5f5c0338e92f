/**
 * Every code the voting core hands out (refusals, reasons, paper mismatches, settings problems,
 * channels) has words in both languages, so the pages built on it never show a bare code.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languages, translator } from '../i18n/i18n.ts';
import { refusalCodes } from './ballots.ts';
import { channels, settingsProblemCodes } from './model.ts';
import { paperMismatchKinds } from './paper.ts';
import { tallyReasons } from './tally.ts';

const keys = [
  ...refusalCodes.map((c) => `voting.refusal.${c}`),
  ...tallyReasons.map((c) => `voting.reason.${c}`),
  ...paperMismatchKinds.map((c) => `voting.paper.${c}`),
  ...settingsProblemCodes.map((c) => `voting.settings.${c}`),
  ...channels.map((c) => `voting.channel.${c}`),
];

test('every code of the voting core has a message in Swedish and English', () => {
  const missing: string[] = [];
  for (const language of languages) {
    const t = translator(language);
    for (const key of keys) {
      const text = t(key, { count: 2, sheet: '7', support: 1, base: 2, needed: 2, ballots: 1 });
      if (typeof text !== 'string' || text === key || text.includes('{{'))
        missing.push(`${language}: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
});
