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
    refused('kommun,vikt\nMalmö,hög\n', 'w.csv', /"hög" is not a positive number/, 2);
    refused('kommun,vikt\nMalmö,0\n', 'w.csv', /not a positive number/, 2);
    refused('kommun,vikt\nMalmö,-1\n', 'w.csv', /not a positive number/, 2);
    refused('kommun,vikt\nMalmö,2\nmalmö ,3\n', 'w.csv', /already has a weight on line 2/, 3);
    refused('Malmö,2\nLund,3\n', 'w.csv', /must be a header/, 1);
    refused('kommun,vikt,extra\nMalmö,2,x\n', 'w.csv', /two columns/, 1);
    refused('kommun,vikt\nMalmö,2,x\n', 'w.csv', /3 cells/, 2);
    refused('kommun,vikt\n,2\n', 'w.csv', /stratum is blank/, 2);
    refused('', 'w.csv', /empty/);
    refused('{"Malmö": "2"}', 'w.json', /not a positive number/);
    refused('{"Malmö": 2, "MALMÖ": 3}', 'w.json', /name the same stratum/);
    refused('[1, 2]', 'w.json', /JSON object/);
    refused('{"Malmö": 2', 'w.json', /not valid JSON/);
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

  test('weights must be positive numbers, one per stratum', () => {
    const strata = new Strata();
    strata.numberOf('Malmö');
    assert.throws(() => weightsForStrata(strata, { Malmö: 0 }), /positive number/);
    assert.throws(() => weightsForStrata(strata, { Malmö: Number.NaN }), /positive number/);
    assert.throws(() => weightsForStrata(strata, { Malmö: 2, MALMÖ: 3 }), /twice/);
  });
});
