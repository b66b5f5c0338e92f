/**
 * The label/value table as a screen reader meets it: each label a row header (TH, scope Row) of a
 * table row with its value, every text in the file, and a long table carried over onto new pages
 * instead of running off the bottom.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelValueTable } from './label-value-table.ts';
import { printedDocument } from './printed-document.ts';

async function render(rows: [string, string][]): Promise<{ raw: string; pages: number; lowest: number }> {
  const printed = printedDocument({ language: 'sv', title: 'Fakta', compress: false, margin: 50 });
  const { doc } = printed;
  let pages = 0;
  let lowest = 0;
  doc.on('pageAdded', () => {
    pages++;
  });
  doc.addPage();
  const root = doc.struct('Document');
  doc.addStructure(root);
  const style = {
    margin: 50,
    labelWidth: 150,
    labelFont: 'bold',
    valueFont: 'regular',
    labelSize: 10,
    valueSize: 10,
    ink: '#1a1a1a',
    text: printed.text,
  };
  for (const row of rows) {
    labelValueTable(doc, root, [row], style);
    lowest = Math.max(lowest, doc.y);
  }
  root.end();
  return { raw: (await printed.finish()).toString('latin1'), pages, lowest };
}

test('each label heads its row, and the value sits in the same row', async () => {
  const { raw } = await render([
    ['Antal ledamöter', '60'],
    ['Plats', 'Stadshuset'],
  ]);
  assert.equal((raw.match(/\/S \/TH/g) ?? []).length, 2);
  assert.equal((raw.match(/\/S \/TD/g) ?? []).length, 2);
  assert.equal((raw.match(/\/S \/TR/g) ?? []).length, 2);
  assert.ok(/\/Scope \/Row/.test(raw), 'row headers carry their scope');
});

test('a long table goes on over new pages and never below the bottom margin', async () => {
  const rows: [string, string][] = Array.from({ length: 80 }, (_, i) => [
    `Fråga ${i + 1}`,
    'Ett svar som är så långt att det bryts över två rader i kolumnen för värden.',
  ]);
  const { pages, lowest } = await render(rows);
  assert.ok(pages >= 3, `${pages} pages`);
  assert.ok(lowest <= 841.89 - 50 + 1, `a row ended at ${lowest}`);
});
