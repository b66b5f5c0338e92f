import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from '../sortition/model.ts';
import { Strata } from './strata.ts';
import { parseWeights, weightsForStrata } from './weights.ts';

function refused(text: string, file: string, message: RegExp, line?: number) {
  assert.throws(
    () => parseWeights(text, file),
    (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, message);
      assert.ok(error.message.startsWith(file));
      if (line !== undefined) assert.equal(error.where.row, line);
      return true;
    },
  );
}

describe('weights files', () => {
  test('CSV with any delimiter and a decimal comma, and JSON', () => {
    assert.deepEqual(parseWeights('kommun,vikt\nMalmö,1.5\nLund,2\n', 'w.csv'), { Malmö: 1.5, Lund: 2 });
    assert.deepEqual(parseWeights('\uFEFFkommun;vikt\r\nMalmö;1,5\r\n"Upplands Väsby";3\r\n', 'w.csv'), {
      Malmö: 1.5,
      'Upplands Väsby': 3,
    });
    assert.deepEqual(parseWeights('{"Malmö": 1.5, "Lund": 2}', 'w.json'), { Malmö: 1.5, Lund: 2 });
    assert.deepEqual(parseWeights('  {"Kiruna": 4}', 'weights.txt'), { Kiruna: 4 });
  });

  test('mistakes are refused with file and line', () => {
    refused('kommun,vikt\nMalmö,hög\n', 'w.csv', /"hög" is not a number from 0\.001 to 1000/, 2);
    refused('kommun,vikt\nMalmö,0\n', 'w.csv', /not a number from 0\.001 to 1000/, 2);
    refused('kommun,vikt\nMalmö,-1\n', 'w.csv', /not a number from 0\.001 to 1000/, 2);
    refused('kommun,vikt\nMalmö,2\nmalmö ,3\n', 'w.csv', /already has a weight on line 2/, 3);
    refused('Malmö,2\nLund,3\n', 'w.csv', /must be a header/, 1);
    refused('kommun,vikt,extra\nMalmö,2,x\n', 'w.csv', /two columns/, 1);
    refused('kommun,vikt\nMalmö,2,x\n', 'w.csv', /3 cells/, 2);
    refused('kommun,vikt\n,2\n', 'w.csv', /stratum is blank/, 2);
    refused('', 'w.csv', /empty/);
    refused('{"Malmö": "2"}', 'w.json', /not a number from 0\.001 to 1000/);
    refused('{"Malmö": 2, "MALMÖ": 3}', 'w.json', /name the same stratum/);
    refused('[1, 2]', 'w.json', /JSON object/);
    refused('{"Malmö": 2', 'w.json', /not valid JSON/);
  });

  test('weights far out of range are refused with file, line and column', () => {
    refused(
      'kommun,vikt\nMalmö,1e308\n',
      'w.csv',
      /^w\.csv, line 2, column "vikt": the weight "1e308" is not a number/,
      2,
    );
    refused('kommun,vikt\nMalmö,100000000000000000000000\n', 'w.csv', /not a number from 0\.001 to 1000/, 2);
    refused('kommun;vikt\nMalmö;0,0000001\n', 'w.csv', /not a number from 0\.001 to 1000/, 2);
    refused(
      '{"Malmö": 1e308}',
      'w.json',
      /^w\.json, column "Malmö": the weight 1e\+308 is not a number from 0\.001/,
    );
  });

  test('more than 200,000 strata are refused naming the limit', () => {
    const many = Array.from({ length: 200_001 }, (_, i) => `s${i}`);
    refused(`kommun,vikt\n${many.map((s) => `${s},1`).join('\n')}\n`, 'w.csv', /more than 200,000 strata/);
    refused(
      JSON.stringify(Object.fromEntries(many.map((s) => [s, 1]))),
      'w.json',
      /more than 200,000 strata/,
    );
  });

  test('a 20 MB stratum name is repeated in a message only by its start', () => {
    const name = 'M'.repeat(20 * 1024 * 1024);
    for (const text of [`{"${name}": 0}`, `{"${name}": 1, "${name.toLowerCase()}": 2}`]) {
      assert.throws(
        () => parseWeights(text, 'w.json'),
        (error: unknown) => error instanceof InputError && error.message.length < 400,
      );
    }
  });
});

describe('weights for the strata of a register', () => {
  test('match strata ignoring case and spacing; strata without a weight get 1; unknown names are reported', () => {
    const strata = new Strata();
    for (const value of ['Malmö', 'Lund', ' MALMÖ ', 'Upplands  Väsby']) strata.numberOf(value);
    assert.deepEqual(strata.labels, ['Malmö', 'Lund', 'Upplands  Väsby']);
    const { perStratum, unknown } = weightsForStrata(strata, { malmö: 2, 'upplands väsby': 1.5, Kiruna: 3 });
    assert.deepEqual(perStratum, [2, 1, 1.5]);
    assert.deepEqual(unknown, ['Kiruna']);
  });

  test('weights must be numbers from 0.001 to 1000, one per stratum', () => {
    const strata = new Strata();
    strata.numberOf('Malmö');
    assert.throws(() => weightsForStrata(strata, { Malmö: 0 }), /must be a number from 0\.001 to 1000/);
    assert.throws(
      () => weightsForStrata(strata, { Malmö: Number.NaN }),
      /must be a number from 0\.001 to 1000/,
    );
    assert.throws(() => weightsForStrata(strata, { Malmö: 1e308 }), /must be a number from 0\.001 to 1000/);
    assert.throws(() => weightsForStrata(strata, { Malmö: 2, MALMÖ: 3 }), /twice/);
  });
});
