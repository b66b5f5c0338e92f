import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translator } from '../../i18n/i18n.ts';
import { GroupedBarChart, groupedBarChartSvg } from './charts.tsx';
import { findingSubject, findingText } from './findings.tsx';

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
