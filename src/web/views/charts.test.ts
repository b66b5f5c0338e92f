import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BarChart, barChartSvg, groupedBarChartSvg, wrapLabel } from './charts.tsx';

async function html(element: unknown): Promise<string> {
  return String(await (element as { toString(): string | Promise<string> }).toString());
}

const data = [
  { label: 'Kvinna', value: 123 },
  { label: 'Åsa Öberg äär', value: 7 },
  { label: 'Vill inte svara', value: 0 },
];

test('the chart is a figure with its caption, the bars and a table with the numbers', async () => {
  const out = await html(BarChart({ title: 'Kön – fördelning', data }));
  assert.match(out, /^<figure class="chart"/);
  assert.match(out, /<figcaption>Kön – fördelning<\/figcaption>/);
  assert.match(out, /<svg[^>]*aria-hidden="true"/);
  // Three bars, one per value.
  assert.equal((out.match(/<rect /g) ?? []).length, 3);
  // The text alternative: a table with a row header per label and its number.
  assert.match(out, /<th scope="row">Kvinna<\/th><td class="number">123<\/td>/);
  assert.match(out, /<th scope="row">Åsa Öberg äär<\/th><td class="number">7<\/td>/);
  assert.match(out, /<th scope="row">Vill inte svara<\/th><td class="number">0<\/td>/);
  // The picture carries the labels and numbers as well.
  const svg = out.slice(out.indexOf('<svg'), out.indexOf('</svg>'));
  for (const text of ['Kvinna', 'Åsa Öberg äär', '>123<', '>7<', '>0<']) assert.ok(svg.includes(text), text);
});

test('the chart has nothing the Content-Security-Policy would block', () => {
  const svg = barChartSvg(data);
  assert.doesNotMatch(svg, /style=/i);
  assert.doesNotMatch(svg, /<style/i);
  assert.doesNotMatch(svg, /<script/i);
});

test('labels are escaped', async () => {
  const out = await html(BarChart({ title: 'x', data: [{ label: '<b>&', value: 1 }] }));
  assert.doesNotMatch(out, /<b>&/);
  assert.match(out, /&lt;b&gt;&amp;/);
});

test('an empty chart shows its message instead of bars', async () => {
  const out = await html(BarChart({ title: 'Status', data: [], empty: 'Inga ännu' }));
  assert.match(out, /<p>Inga ännu<\/p>/);
  assert.doesNotMatch(out, /<svg/);
});

test('long labels wrap to fit left of the bars instead of being cut off at the edge', () => {
  const labels = ['Använda för anmälan', 'Ännu inte använda', 'Överläggningsdeltagarrepresentant', 'Man'];
  const svg = barChartSvg(labels.map((label, i) => ({ label, value: 10 * (i + 1) })));
  const barsStart = Number(/<rect[^>]* x="([\d.]+)"/.exec(svg)![1]);
  const axis =
    /<g transform="translate\((-?[\d.]+),[^"]*"[^>]*aria-label="y-axis tick label">([\s\S]*?)<\/g>/.exec(
      svg,
    )!;
  // Labels end at the bars' start shifted by the axis offset; each line must fit in the room before.
  const room = barsStart + Number(axis[1]);
  const lines = [...axis[2].matchAll(/<(?:tspan|text)[^>]*>([^<]+)</g)].map((m) => m[1]);
  for (const line of lines) {
    // 8.4 px per character at 14 px is wider than system fonts draw these letters.
    assert.ok(line.length * 8.4 <= room, `"${line}" (${line.length} characters) does not fit in ${room} px`);
  }
  // Nothing is lost: every word of every label is drawn.
  assert.equal(lines.join('').replace(/\s/g, ''), labels.join('').replace(/\s/g, ''));
});

test('a label wraps at spaces, and a word longer than a line is broken inside', () => {
  assert.deepEqual(wrapLabel('Använda för anmälan', 16), ['Använda för', 'anmälan']);
  assert.deepEqual(wrapLabel('Kvinna', 16), ['Kvinna']);
  assert.deepEqual(wrapLabel('abcdefghij klm', 4), ['abcd', 'efgh', 'ij', 'klm']);
});

test('the grouped chart wraps long group labels and legend entries within its width', () => {
  const long = 'Personer som bor i en annan kommun än den där de arbetar eller studerar';
  const svg = groupedBarChartSvg(['Befolkningen', long], [{ label: long, values: [10, 20] }]);
  const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
  const lines = [...svg.matchAll(/<tspan[^>]*>([^<]+)<\/tspan>/g)].map((m) => m[1]);
  assert.ok(lines.length >= 4, 'both long texts are on several lines');
  for (const line of lines) assert.ok(20 + line.length * 8.4 <= width, `"${line}" is wider than the chart`);
  assert.equal(
    lines.join('').replace(/\s/g, '').length,
    `Befolkningen${long}${long}`.replace(/\s/g, '').length,
  );
});
