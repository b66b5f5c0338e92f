import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sharedData } from '../../test/support/shared-data.ts';
import { readPool } from './pool.ts';
import { parseTable, readTable } from './table.ts';

const shared = (name: string) => sharedData('sortition', name);
const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/io/${name}`, import.meta.url));
const examples = 'sortition-algorithms/committee_generation_examples';

const scottishFeatures = ['Gender', 'age_bracket', 'geo_bucket', 'edu_level'];

describe('readPool on the shared data', () => {
  test('candidates.csv: 150 people p0..p149 with their four features and nothing else', async () => {
    const { people } = readPool(await readTable(shared('sortition-algorithms/candidates.csv')), {
      features: scottishFeatures,
      householdColumns: ['primary_address1', 'primary_zip'],
    });
    assert.equal(people.length, 150);
    assert.deepEqual(
      people.map((person) => person.id),
      Array.from({ length: 150 }, (_, i) => `p${i}`),
    );
    assert.deepEqual(people[0], {
      id: 'p0',
      features: {
        Gender: 'Male',
        age_bracket: '30-44',
        geo_bucket: 'South Scotland',
        edu_level: 'Level 4 and above',
      },
    });
    assert.equal(people.filter((person) => person.features.Gender === 'Female').length, 77);
    // every address is different, so nobody gets a household
    assert.ok(people.every((person) => person.household === undefined));
    // names, e-mails and addresses never reach the engine
    const text = JSON.stringify(people);
    assert.doesNotMatch(text, /first_name|last_name|email|mobile|primary_address|primary_zip/);
  });

  test('candidates_lower.csv reads the same as candidates.csv except for case', async () => {
    const options = { features: scottishFeatures };
    const upper = readPool(await readTable(shared('sortition-algorithms/candidates.csv')), options);
    const lower = readPool(await readTable(shared('sortition-algorithms/candidates_lower.csv')), options);
    // features are keyed by the names the targets use, whatever the header's case
    assert.deepEqual(Object.keys(lower.people[0].features), scottishFeatures);
    const lowered = upper.people.map((person) => ({
      id: person.id,
      features: Object.fromEntries(Object.entries(person.features).map(([k, v]) => [k, v.toLowerCase()])),
    }));
    assert.deepEqual(lower.people, lowered);
    assert.notDeepEqual(lower.people, upper.people);
  });

  test('OpenDLP respondents: unique_id is the id; the empty address column makes nobody a household', async () => {
    const { people } = readPool(await readTable(shared('opendlp/Respondents_csv_example.csv')), {
      features: ['gender', 'age_bucket', 'ethnicity', 'disability', 'colour_bucket'],
      householdColumns: ['address_check_aus'],
    });
    assert.equal(people.length, 100);
    assert.equal(people[0].id, '1');
    assert.equal(people[99].id, '100');
    assert.deepEqual(people[1], {
      id: '2',
      features: {
        gender: 'Non-binary or other',
        age_bucket: '45-54',
        ethnicity: 'White',
        disability: 'No',
        colour_bucket: 'Green',
      },
    });
    assert.ok(people.every((person) => person.household === undefined));
    assert.doesNotMatch(JSON.stringify(people), /Amina|gmail|045263723777/);
  });

  test('example_large_200 has no id column: respondents get ids "0".."1999"', async () => {
    const { people } = readPool(await readTable(shared('replication/example_large_200/respondents.csv')), {
      features: ['gender', 'leaning'],
    });
    assert.equal(people.length, 2000);
    assert.deepEqual(
      people.map((person) => person.id),
      Array.from({ length: 2000 }, (_, i) => String(i)),
    );
    assert.deepEqual(people[0], { id: '0', features: { gender: 'female', leaning: 'conservative' } });
    const femaleConservative = people.filter(
      (person) => person.features.gender === 'female' && person.features.leaning === 'conservative',
    );
    assert.equal(femaleConservative.length, 1);
  });

  test('example_small_20 and unconstrained-20 pools', async () => {
    const small = readPool(await readTable(shared('replication/example_small_20/respondents.csv')), {
      features: ['gender', 'leaning'],
    });
    assert.equal(small.people.length, 200);
    assert.equal(small.people[199].id, '199');
    const twenty = readPool(await readTable(shared('unconstrained-20/respondents.csv')), {
      features: ['gender'],
    });
    assert.equal(twenty.people.length, 20);
    assert.deepEqual([...new Set(twenty.people.map((person) => person.features.gender))].sort(), [
      'female',
      'male',
    ]);
  });

  test('committee example 1: lisa and scrooge share a household, and so do louie and dewey', async () => {
    const { people } = readPool(await readTable(shared(`${examples}/example1/people.csv`)), {
      features: ['age', 'franchise'],
      householdColumns: ['home', 'street'],
    });
    assert.deepEqual(people, [
      { id: 'lisa', features: { age: 'child', franchise: 'simpsons' }, household: 'h1' },
      { id: 'marge', features: { age: 'adult', franchise: 'simpsons' } },
      { id: 'louie', features: { age: 'child', franchise: 'ducktales' }, household: 'h2' },
      { id: 'dewey', features: { age: 'child', franchise: 'ducktales' }, household: 'h2' },
      { id: 'scrooge', features: { age: 'adult', franchise: 'ducktales' }, household: 'h1' },
    ]);
  });

  test('committee example 2: lisa, louie and scrooge share one household', async () => {
    const { people } = readPool(await readTable(shared(`${examples}/example2/people.csv`)), {
      features: ['age', 'franchise'],
      householdColumns: ['home', 'street'],
    });
    assert.deepEqual(
      people.map((person) => [person.id, person.household]),
      [
        ['lisa', 'h1'],
        ['marge', undefined],
        ['louie', 'h1'],
        ['dewey', undefined],
        ['scrooge', 'h1'],
      ],
    );
  });

  test('committee examples 3 to 6 read with their features', async () => {
    const sizes: Record<string, number> = { example3: 4, example4_infeasible: 4, example5: 7, example6: 61 };
    for (const [example, size] of Object.entries(sizes)) {
      const table = await readTable(shared(`${examples}/${example}/people.csv`));
      const features = example === 'example5' ? ['gender', 'political'] : ['f1', 'f2', 'f3'];
      const { people } = readPool(table, { features, householdColumns: ['home', 'street'] });
      assert.equal(people.length, size, example);
    }
    const example6 = readPool(await readTable(shared(`${examples}/example6/people.csv`)), {
      features: ['f1', 'f2', 'f3'],
      householdColumns: ['home', 'street'],
    });
    // seven people live at home 0, street A
    assert.equal(example6.people.filter((person) => person.household === 'h1').length, 7);
  });
});

describe('readPool on small tables', () => {
  test('the semicolon fixture with åäö', async () => {
    const { people } = readPool(await readTable(fixture('pool-semicolon-bom.csv')), {
      features: ['Kön', 'LÄN'],
    });
    assert.deepEqual(people[0], { id: '1', features: { Kön: 'kvinna', LÄN: 'Västra Götaland' } });
    assert.equal(people.length, 4);
  });

  test('the id column may be named; otherwise the first id-like header wins', () => {
    const table = parseTable('code,Unique_ID,id,g\nA,u1,i1,x\nB,u2,i2,y\n', 'p.csv');
    assert.deepEqual(
      readPool(table, { features: ['g'] }).people.map((person) => person.id),
      ['u1', 'u2'],
    );
    assert.deepEqual(
      readPool(table, { idColumn: 'CODE', features: ['g'] }).people.map((person) => person.id),
      ['A', 'B'],
    );
    assert.throws(() => readPool(table, { idColumn: 'person', features: ['g'] }), {
      code: 'missing-column',
      message:
        /^p\.csv: there is no column "person" \(given as the id column\)\. The columns are: code, Unique_ID, id, g\./,
    });
  });

  test('row numbers count data rows only, skipping blank lines', () => {
    const table = parseTable('g\nx\n\ny\n', 'p.csv');
    assert.deepEqual(
      readPool(table, { features: ['g'] }).people.map((person) => person.id),
      ['0', '1'],
    );
  });

  test('values are trimmed', () => {
    const { people } = readPool(parseTable('id,g\n" p1 ","  x "\n', 'p.csv'), { features: ['g'] });
    assert.deepEqual(people, [{ id: 'p1', features: { g: 'x' } }]);
  });

  test('household columns are matched loosely and blanks stay alone', () => {
    const table = parseTable(
      'id,g,Street,Zip\n1,x,"12 Main St.",AB1\n2,x,,\n3,x,12 main st,ab1\n4,x,,\n5,x,1 Elm,AB1\n',
      'p.csv',
    );
    const { people } = readPool(table, { features: ['g'], householdColumns: ['street', 'ZIP'] });
    assert.deepEqual(
      people.map((person) => person.household),
      ['h1', undefined, 'h1', undefined, undefined],
    );
  });

  test('a missing household column is an error', () => {
    const table = parseTable('id,g\n1,x\n', 'p.csv');
    assert.throws(() => readPool(table, { features: ['g'], householdColumns: ['street'] }), {
      code: 'missing-column',
      message:
        /^p\.csv: there is no column "street" \(given as a household column\)\. The columns are: id, g\./,
    });
  });

  test('duplicate ids name both lines', async () => {
    await assert.rejects(
      readTable(fixture('pool-duplicate-ids.csv')).then((table) => readPool(table, { features: ['gender'] })),
      {
        code: 'duplicate-id',
        message:
          /pool-duplicate-ids\.csv, line 4, column "id": the id "p1" is also on line 2; ids must be unique/,
      },
    );
  });

  test('a missing feature column names the file and the feature and lists the columns', async () => {
    const table = await readTable(fixture('pool-missing-feature.csv'));
    assert.throws(() => readPool(table, { features: ['age', 'gender'] }), {
      code: 'missing-column',
      message:
        /pool-missing-feature\.csv: there is no column "gender" \(needed for the feature "gender"\)\. The columns are: id, sex, age\. Add the column/,
    });
  });

  test('an empty feature value names the line and the column and says what to do', async () => {
    const table = await readTable(fixture('pool-empty-value.csv'));
    assert.throws(() => readPool(table, { features: ['gender', 'age'] }), {
      code: 'empty-value',
      message:
        /pool-empty-value\.csv, line 3, column "gender": person "p2" has no value .*fill it in or remove the person/,
    });
  });

  test('an empty id is an error', () => {
    const table = parseTable('id,g\np1,x\n,y\n', 'p.csv');
    assert.throws(() => readPool(table, { features: ['g'] }), {
      code: 'empty-id',
      message: /^p\.csv, line 3, column "id": the id is empty/,
    });
  });
});
