import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataTable, Section } from './kit.tsx';

const rows = [
  { ref: 'P-1', votes: '12' },
  { ref: 'P-2', votes: '3' },
];

test('a data table has a header per column, a row header, and number columns marked', () => {
  const html = String(
    <DataTable
      caption="Votes"
      columns={[
        { header: 'Person', cell: (r) => r.ref, rowHeader: true },
        { header: 'Votes', cell: (r) => r.votes, numeric: true },
      ]}
      rows={rows}
      empty="Nobody yet."
    />,
  );
  assert.match(html, /<caption>Votes<\/caption>/);
  assert.match(html, /<th scope="col">Person<\/th><th scope="col" class="number">Votes<\/th>/);
  assert.match(html, /<tr><th scope="row">P-1<\/th><td class="number">12<\/td><\/tr>/);
  assert.doesNotMatch(html, /Nobody yet/);
});

test('a column can give its cells a class, such as a cell of buttons', () => {
  const html = String(
    <DataTable
      columns={[
        { header: 'Person', cell: (r) => r.ref, rowHeader: true },
        { header: 'Actions', cell: () => 'buttons', cellClass: 'actions' },
      ]}
      rows={rows.slice(0, 1)}
    />,
  );
  assert.match(html, /<th scope="col">Actions<\/th>/);
  assert.match(html, /<tr><th scope="row">P-1<\/th><td class="actions">buttons<\/td><\/tr>/);
});

test('a data table row can carry data attributes that name it', () => {
  const html = String(
    <DataTable
      columns={[{ header: 'Person', cell: (r) => r.ref, rowHeader: true }]}
      rows={rows}
      rowData={(r) => ({ 'data-ref': r.ref })}
    />,
  );
  assert.match(html, /<tr data-ref="P-1"><th scope="row">P-1<\/th><\/tr>/);
});

test('an empty data table says so instead of showing headers over nothing', () => {
  const html = String(
    <DataTable columns={[{ header: 'Person', cell: () => '' }]} rows={[]} empty="Nobody yet." />,
  );
  assert.equal(html, '<p class="empty-state">Nobody yet.</p>');
});

test('a section is labelled by its heading', () => {
  const html = String(
    <Section id="votes" title="Votes" level={3}>
      <p>x</p>
    </Section>,
  );
  assert.equal(
    html,
    '<section id="votes" aria-labelledby="votes-heading"><h3 id="votes-heading">Votes</h3><p>x</p></section>',
  );
});
