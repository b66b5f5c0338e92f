import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTable } from '../io/table.ts';
import { planImport, suggestMapping } from './respondent-import.ts';

const gender = {
  key: 'gender',
  label: { sv: 'Kön', en: 'Gender' },
  options: [
    { value: 'woman', label: { sv: 'Kvinna', en: 'Woman' } },
    { value: 'man', label: { sv: 'Man', en: 'Man' } },
  ],
};

test('first and family names in separate columns are joined; the guess finds both', () => {
  const table = parseTable(
    'Förnamn;Efternamn;E-post;Kön\nÅsa;Öberg;asa@example.se;kvinna\nBo;Ek;;Vill inte svara\n',
    'svar.csv',
  );
  const mapping = suggestMapping(table.headers, [gender]);
  assert.deepEqual(mapping.contact, { full_name: 'Förnamn', family_name: 'Efternamn', email: 'E-post' });
  assert.equal(mapping.answers.gender, 'Kön');
  const { rows, problems } = planImport(table, mapping, [gender], 'assembly-1');
  assert.deepEqual(problems, []);
  assert.deepEqual(
    rows.map((r) => [r.contact.full_name, r.answers.gender]),
    [
      ['Åsa Öberg', 'woman'],
      ['Bo Ek', 'prefer_not_to_say'],
    ],
  );
});

test('a full-name column is preferred to a first-name column', () => {
  const mapping = suggestMapping(['first_name', 'Namn', 'last_name'], []);
  assert.equal(mapping.contact.full_name, 'Namn');
});

test('every problem names its line and column; nothing is planned from a bad file', () => {
  const table = parseTable('id,name,email,gender\n1,Ann,ann@x.se,woman\n1,,not-an-email,alien\n', 'pool.csv');
  const { problems } = planImport(table, suggestMapping(table.headers, [gender]), [gender], 'a');
  assert.deepEqual(
    problems.map((p) => [p.line, p.column, p.code]),
    [
      [3, 'name', 'name_empty'],
      [3, 'email', 'email_invalid'],
      [3, 'gender', 'answer_unknown'],
      [3, 'id', 'id_duplicate'],
    ],
  );
});

test('the same row gets the same key in one assembly and a different key in another', () => {
  const table = parseTable('name,email\nAnn,ann@x.se\n', 'pool.csv');
  const mapping = suggestMapping(table.headers, []);
  const a1 = planImport(table, mapping, [], 'a').rows[0].externalKey;
  const a2 = planImport(table, mapping, [], 'a').rows[0].externalKey;
  const b = planImport(table, mapping, [], 'b').rows[0].externalKey;
  assert.equal(a1, a2);
  assert.notEqual(a1, b);
});
