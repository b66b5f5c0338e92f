import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translator } from '../../i18n/i18n.ts';
import { GroupedBarChart, groupedBarChartSvg } from './charts.tsx';
import { findingSubject, findingText, relaxationText } from './findings.tsx';

async function html(element: unknown): Promise<string> {
  return String(await (element as { toString(): string | Promise<string> }).toString());
}

test('findings are translated by code with their numbers, and fall back to the engine text', () => {
  const sv = translator('sv');
  const relax = {
    category: 'gender',
    value: 'woman',
    code: 'relax-min',
    message: 'gender=woman: the minimum 9 cannot be met together with the other quotas.',
    params: { from: 9, to: 7, bound: 'min' },
  };
  assert.deepEqual(findingText(sv, 'sv', relax), {
    message: 'Minimum på 9 platser går inte att uppfylla samtidigt med de andra målen.',
    suggestion: 'Förslag: sänk minimum från 9 till 7 platser.',
  });
  const sum = {
    category: 'age',
    value: '*',
    code: 'minimums-above-size',
    message: '',
    params: { sum: 12, size: 10 },
  };
  assert.match(findingText(sv, 'sv', sum).suggestion!, /med sammanlagt 2 platser/);
  // Fractional seats are written the page's way.
  const missing = {
    category: 'age',
    value: '65+',
    code: 'target-without-people',
    message: '',
    params: { target: 2.25 },
  };
  assert.match(findingText(sv, 'sv', missing).message, /Målet är 2,25 platser/);
  // Person ids become whatever the page may show.
  const kept = {
    category: '*',
    value: '*',
    code: 'kept-share-household',
    message: '',
    params: { first: 'id-1', second: 'id-2' },
  };
  assert.match(
    findingText(sv, 'sv', kept, (id) => (id === 'id-1' ? 'P-00001' : 'P-00002')).message,
    /P-00001 och P-00002/,
  );
  const unknown = {
    category: '*',
    value: '*',
    code: 'something-new',
    message: 'As the engine says.',
    suggestion: 'Do this.',
  };
  assert.deepEqual(findingText(sv, 'sv', unknown), {
    message: 'As the engine says.',
    suggestion: 'Do this.',
  });
  const en = translator('en');
  assert.equal(findingSubject(en, 'en', [], unknown), '');
  assert.equal(
    findingSubject(en, 'en', [], { ...relax, value: 'prefer_not_to_say' }),
    'gender – Prefer not to say',
  );
});

test('a point target above the pool and advice in percent are translated, with the plural of people', () => {
  const en = translator('en');
  const sv = translator('sv');
  const above = {
    category: 'age',
    value: '65+',
    code: 'target-above-pool',
    message: '',
    params: { target: 4.5, pool: 1 },
  };
  assert.deepEqual(findingText(en, 'en', above), {
    message:
      'The target is 4.5 seats, but only 1 person in the pool gave this answer, so the panel can reach at most 1 seat.',
    suggestion: 'Recruit more people with this answer, or lower its target to 1.',
  });
  assert.match(
    findingText(sv, 'sv', { ...above, params: { target: 4.5, pool: 3 } }).message,
    /Målet är 4,5 platser, men bara 3 personer i urvalspoolen .* högst 3 platser\./,
  );
  const percent = {
    category: 'gender',
    value: 'woman',
    code: 'relax-min-percent',
    message: '',
    params: { from: 45, to: 46.5, fromSeats: 18, toSeats: 14, bound: 'min' },
  };
  assert.deepEqual(findingText(sv, 'sv', percent), {
    message: 'Minimum på 45 % (18 platser) går inte att uppfylla samtidigt med de andra målen.',
    suggestion: 'Förslag: sänk minimum från 45 % till 46,5 % (14 platser).',
  });
  const tolerance = {
    ...percent,
    code: 'relax-max-tolerance',
    params: { from: 2, to: 5, fromSeats: 22, toSeats: 24, share: 55 },
  };
  assert.equal(
    findingText(en, 'en', tolerance).suggestion,
    'Suggested change: widen the tolerance of this question from 2 to 5 percentage points (the maximum becomes 24 seats).',
  );
  const gender = {
    key: 'gender',
    label: { en: 'Gender' },
    options: [{ value: 'woman', label: { en: 'Woman' } }],
  };
  const change = { feature: 'gender', value: 'woman', bound: 'min' as const, from: 18, to: 14 };
  assert.equal(
    relaxationText(en, 'en', [gender], change, { unit: 'percent', from: 45, to: 35 }),
    'Gender – Woman: lower the minimum from 45 % to 35 % (14 seats).',
  );
  assert.equal(
    relaxationText(en, 'en', [gender], change),
    'Gender – Woman: lower the minimum from 18 to 14 seats.',
  );
});

test('the grouped chart draws a bar per series and category, with a table of the same numbers', async () => {
  const out = await html(
    GroupedBarChart({
      title: 'Kön',
      category: 'Svar',
      series: ['Befolkningen', 'Urvalspoolen'],
      rows: [
        { label: 'Kvinna', values: [50, 40] },
        { label: '<b>&', values: [null, 10] },
      ],
      format: (v) => `${v} %`,
    }),
  );
  assert.match(out, /<figcaption>Kön<\/figcaption>/);
  // Two legend swatches and three bars (the missing value has none).
  assert.equal((out.match(/<rect /g) ?? []).length, 5);
  assert.match(out, /<th scope="col">Befolkningen<\/th><th scope="col">Urvalspoolen<\/th>/);
  assert.match(out, /<th scope="row">Kvinna<\/th><td class="number">50 %<\/td><td class="number">40 %<\/td>/);
  assert.match(out, /<td class="number">–<\/td>/);
  assert.doesNotMatch(out, /<b>&/);
  const svg = groupedBarChartSvg(['a'], [{ label: '"x" & <y>', values: [1] }]);
  assert.match(svg, /&quot;x&quot; &amp; &lt;y&gt;/);
  assert.doesNotMatch(svg, /style=/i);
  assert.match(svg, /aria-hidden="true"/);
});
