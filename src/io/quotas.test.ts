import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { sharedData } from '../../test/support/shared-data.ts';
import type { PointFeature, Quota, Targets } from '../sortition/model.ts';
import { readKeep, readTargets, targetsFromTable } from './quotas.ts';
import { parseTable } from './table.ts';

const shared = (name: string) => sharedData('sortition', name);
const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/io/${name}`, import.meta.url));
const examples = 'sortition-algorithms/committee_generation_examples';

function quotasOf(targets: Targets): Quota[] {
  assert.equal(targets.kind, 'quotas');
  return targets.kind === 'quotas' ? targets.quotas : [];
}

function pointsOf(targets: Targets): PointFeature[] {
  assert.equal(targets.kind, 'points');
  return targets.kind === 'points' ? targets.features : [];
}

const find = (quotas: Quota[], feature: string, value: string) =>
  quotas.find((quota) => quota.feature === feature && quota.value === value);

describe('readTargets on the shared data', () => {
  test('features.csv (Sortition Foundation): 20 quotas with flex, 0-15 has max 0', async () => {
    const path = shared('sortition-algorithms/features.csv');
    const { targets, warnings } = await readTargets(path, { panelSize: 22 });
    const quotas = quotasOf(targets);
    assert.equal(quotas.length, 20);
    assert.deepEqual(warnings, []);
    assert.deepEqual(find(quotas, 'age_bracket', '0-15'), {
      feature: 'age_bracket',
      value: '0-15',
      min: 0,
      max: 0,
      minFlex: 0,
      maxFlex: 0,
      source: { file: path, row: 5 },
    });
    assert.deepEqual(quotas[0], {
      feature: 'Gender',
      value: 'Female',
      min: 11,
      max: 12,
      minFlex: 0,
      maxFlex: 12,
      source: { file: path, row: 2 },
    });
    assert.deepEqual(
      [...new Set(quotas.map((quota) => quota.feature))],
      ['Gender', 'age_bracket', 'edu_level', 'geo_bucket'],
    );
  });

  test('Categories_csv_example.csv (OpenDLP): 21 quotas, the 2 junk rows skipped with warnings', async () => {
    const path = shared('opendlp/Categories_csv_example.csv');
    const { targets, warnings } = await readTargets(path, { panelSize: 20 });
    const quotas = quotasOf(targets);
    assert.equal(quotas.length, 21);
    assert.deepEqual(find(quotas, 'age_bucket', '0-17'), {
      feature: 'age_bucket',
      value: '0-17',
      min: 0,
      max: 0,
      source: { file: path, row: 5 },
    });
    assert.equal(find(quotas, 'colour_bucket', 'Other')?.max, 20);
    assert.equal(warnings.length, 2);
    assert.match(
      warnings[0],
      /Categories_csv_example\.csv, line 24: skipped "Socio-economic target\?" because it has no category/,
    );
    assert.match(warnings[1], /Categories_csv_example\.csv, line 25: skipped "Geographical target\?"/);
  });

  test('Nature 2021 replication: "category" is the feature and "feature" the value', async () => {
    const { targets } = await readTargets(shared('replication/example_large_200/categories.csv'), {
      panelSize: 200,
    });
    const quotas = quotasOf(targets);
    assert.deepEqual(
      quotas.map(({ feature, value, min, max }) => [feature, value, min, max]),
      [
        ['gender', 'female', 99, 200],
        ['gender', 'male', 99, 200],
        ['leaning', 'liberal', 99, 200],
        ['leaning', 'conservative', 99, 200],
      ],
    );
    const small = quotasOf(
      (await readTargets(shared('replication/example_small_20/categories.csv'), { panelSize: 20 })).targets,
    );
    assert.deepEqual(find(small, 'leaning', 'conservative')?.min, 9);
    const twenty = quotasOf(
      (await readTargets(shared('unconstrained-20/categories.csv'), { panelSize: 2 })).targets,
    );
    assert.deepEqual(
      twenty.map(({ value, min, max }) => [value, min, max]),
      [
        ['female', 0, 2],
        ['male', 0, 2],
      ],
    );
  });

  test('committee examples: counts and flex bounds', async () => {
    const example1 = quotasOf(
      (await readTargets(shared(`${examples}/example1/features.csv`), { panelSize: 2 })).targets,
    );
    assert.equal(example1.length, 4);
    assert.deepEqual(find(example1, 'franchise', 'ducktales'), {
      feature: 'franchise',
      value: 'ducktales',
      min: 1,
      max: 2,
      source: { file: shared(`${examples}/example1/features.csv`), row: 5 },
    });
    // example4's max_flex 0 lies below max 1: read as "the maximum may not be raised", with a warning.
    const example4 = await readTargets(shared(`${examples}/example4_infeasible/features.csv`), {
      panelSize: 2,
    });
    assert.equal(find(quotasOf(example4.targets), 'f1', 'v1')?.maxFlex, 1);
    assert.match(
      example4.warnings.join('\n'),
      /example4_infeasible\/features\.csv, line 2, column "max_flex": max_flex 0 is below max 1 for f1=v1; the maximum will not be raised/,
    );
    const example5 = quotasOf(
      (await readTargets(shared(`${examples}/example5/features.csv`), { panelSize: 5 })).targets,
    );
    assert.deepEqual(find(example5, 'gender', 'male'), {
      feature: 'gender',
      value: 'male',
      min: 4,
      max: 4,
      source: { file: shared(`${examples}/example5/features.csv`), row: 3 },
    });
    for (const example of ['example2', 'example3', 'example6']) {
      const { targets } = await readTargets(shared(`${examples}/${example}/features.csv`), { panelSize: 46 });
      assert.ok(quotasOf(targets).length >= 4, example);
    }
  });

  test('Swedish point targets: 5 features, region weight 4, everything adds up to 70', async () => {
    const path = shared('swedish-point-targets/criteria.json.example');
    const { targets, warnings } = await readTargets(path, { panelSize: 70 });
    const features = pointsOf(targets);
    assert.deepEqual(
      features.map(({ feature, weight }) => [feature, weight]),
      [
        ['gender', 1],
        ['age_group', 3],
        ['education', 1],
        ['region', 4],
        ['housing_type', 1],
      ],
    );
    const region = features[3];
    assert.equal(region.values.length, 21);
    assert.deepEqual(region.values[0], { value: 'Stockholm', target: 16 });
    assert.ok(region.values.some(({ value, target }) => value === 'Västra Götaland' && target === 11));
    assert.deepEqual(warnings, []);
    // against a panel of another size every feature's sum is off
    const other = await readTargets(path, { panelSize: 30 });
    assert.equal(other.warnings.length, 5);
    assert.match(
      other.warnings[0],
      /criteria\.json\.example: the targets for "gender" add up to 70 but the panel has 30 seats/,
    );
  });
});

describe('readTargets on bad input', () => {
  test('min above max names the line and says to swap', async () => {
    await assert.rejects(readTargets(fixture('quotas-min-above-max.csv'), { panelSize: 10 }), {
      name: 'InputError',
      code: 'min-above-max',
      message:
        /quotas-min-above-max\.csv, line 4: min 5 is above max 3 for gender=Female; swap them or fix the numbers/,
    });
  });

  test('a decimal count names the line and the column', async () => {
    await assert.rejects(readTargets(fixture('quotas-decimal.csv'), { panelSize: 10 }), {
      code: 'not-a-count',
      message: /quotas-decimal\.csv, line 3, column "min": "2\.5" is not a whole number; min counts people/,
    });
  });

  test('text, negative numbers and empty counts are refused; "3.0" is 3', () => {
    const read = (row: string) =>
      targetsFromTable(parseTable(`feature,value,min,max\n${row}\n`, 'q.csv'), { panelSize: 9 });
    assert.throws(() => read('g,a,two,3'), {
      code: 'not-a-count',
      message: /^q\.csv, line 2, column "min": "two"/,
    });
    assert.throws(() => read('g,a,1,-3'), { code: 'not-a-count', message: /column "max": "-3"/ });
    assert.throws(() => read('g,a,1,'), {
      code: 'empty-count',
      message: /^q\.csv, line 2, column "max": max is empty; fill in a whole number/,
    });
    assert.deepEqual(
      quotasOf(read('g,a,3.0,4').targets).map(({ min, max }) => [min, max]),
      [[3, 4]],
    );
  });

  test('counts beyond any panel (up to 1e308) are refused with file, line and column; 1,000,000 is read', () => {
    const read = (row: string) =>
      targetsFromTable(parseTable(`feature,value,min,max,min_flex,max_flex\n${row}\n`, 'q.csv'), {
        panelSize: 9,
      });
    const huge = '1'.padEnd(309, '0');
    assert.throws(() => read(`g,a,0,${huge},,`), {
      code: 'count-out-of-range',
      message: /^q\.csv, line 2, column "max": 1[0]{58}… is more seats than any panel has/,
    });
    assert.throws(() => read('g,a,1000001,1000001,,'), {
      code: 'count-out-of-range',
      message:
        /^q\.csv, line 2, column "min": 1000001 is more seats than any panel has; write a whole number from 0 to 1,000,000/,
    });
    assert.throws(() => read('g,a,1,2,,99999999999999999999'), {
      code: 'count-out-of-range',
      message: /column "max_flex"/,
    });
    assert.deepEqual(
      quotasOf(read('g,a,0,1000000,,').targets).map(({ min, max }) => [min, max]),
      [[0, 1_000_000]],
    );
  });

  test('the same feature and value twice names both lines, ignoring case', async () => {
    await assert.rejects(readTargets(fixture('quotas-duplicate.csv'), { panelSize: 10 }), {
      code: 'duplicate-quota',
      message:
        /quotas-duplicate\.csv, line 5: gender=female is already on line 2 \(case is ignored\); keep one of the two lines/,
    });
  });

  test('a flex bound inside min..max means that bound may not be relaxed, with a warning', async () => {
    const read = await readTargets(fixture('quotas-bad-flex.csv'), { panelSize: 10 });
    assert.equal(find(quotasOf(read.targets), 'gender', 'Male')?.minFlex, 3);
    assert.match(
      read.warnings.join('\n'),
      /quotas-bad-flex\.csv, line 3, column "min_flex": min_flex 4 is above min 3 for gender=Male; the minimum will not be lowered/,
    );
    const table = parseTable('feature,value,min,max,max_flex\ng,a,1,3,2\n', 'q.csv');
    const fromTable = targetsFromTable(table, { panelSize: 5 });
    assert.equal(quotasOf(fromTable.targets)[0].maxFlex, 3);
    assert.match(
      fromTable.warnings.join('\n'),
      /^q\.csv, line 2, column "max_flex": max_flex 2 is below max 3 for g=a/,
    );
    const blank = parseTable('feature,value,min,max,min_flex,max_flex\ng,a,1,3,,\n', 'q.csv');
    assert.deepEqual(quotasOf(targetsFromTable(blank, { panelSize: 5 }).targets)[0], {
      feature: 'g',
      value: 'a',
      min: 1,
      max: 3,
      source: { file: 'q.csv', row: 2 },
    });
  });

  test('junk rows are skipped with warnings, never a crash', async () => {
    const path = fixture('quotas-junk-rows.csv');
    const { targets, warnings } = await readTargets(path, { panelSize: 8 });
    assert.deepEqual(
      quotasOf(targets).map(({ feature, value, source }) => [feature, value, source?.row]),
      [
        ['gender', 'Female', 2],
        ['gender', 'Male', 3],
      ],
    );
    assert.equal(warnings.length, 2);
    assert.match(
      warnings[0],
      /quotas-junk-rows\.csv, line 5: skipped "Remember the rural areas" because it has no category and no numbers/,
    );
    assert.match(
      warnings[1],
      /quotas-junk-rows\.csv, line 6: skipped "age Heading only" because it has no name and no numbers/,
    );
  });

  test('a row with numbers but no feature is an error, and so is a file of only notes', () => {
    assert.throws(
      () =>
        targetsFromTable(parseTable('feature,value,min,max\ng,a,1,2\n,b,1,2\n', 'q.csv'), { panelSize: 5 }),
      {
        code: 'empty-target-name',
        message: /^q\.csv, line 3, column "feature": the feature is empty but the line has numbers/,
      },
    );
    assert.throws(
      () =>
        targetsFromTable(parseTable('category,name,min,max,Notes\n,note,,,\n', 'q.csv'), { panelSize: 5 }),
      { code: 'no-targets', message: /^q\.csv: the file has no targets, only notes/ },
    );
  });

  test('an unknown header lists the accepted shapes', async () => {
    await assert.rejects(readTargets(fixture('quotas-unknown-header.csv'), { panelSize: 10 }), {
      code: 'unknown-targets-format',
      message:
        /quotas-unknown-header\.csv, line 1: the header "kategori,värde,antal" is not a known targets format\. The accepted headers are: feature,value,min,max\[,min_flex,max_flex\] \(Sortition Foundation\); category,name,min,max \(OpenDLP\); category,feature,min,max \(Nature 2021 replication\); feature,value,percent .*feature,value,min_percent,max_percent.*\.json file of point targets/,
    });
    assert.throws(
      () =>
        targetsFromTable(parseTable('category,feature,value,min,max\na,b,c,1,2\n', 'q.csv'), {
          panelSize: 5,
        }),
      { code: 'ambiguous-targets-format', message: /^q\.csv, line 1: .*fits more than one targets format/ },
    );
  });

  test('headers are matched case-insensitively and trimmed; values kept as written', () => {
    const table = parseTable(' Feature ; VALUE ;Min;MAX\nKön; Kvinna ;3;4\n', 'q.csv');
    assert.deepEqual(quotasOf(targetsFromTable(table, { panelSize: 8 }).targets)[0], {
      feature: 'Kön',
      value: 'Kvinna',
      min: 3,
      max: 4,
      source: { file: 'q.csv', row: 2 },
    });
  });

  test('bad point targets report the JSON path', async () => {
    await assert.rejects(readTargets(fixture('points-bad.json'), { panelSize: 70 }), {
      code: 'bad-point-targets',
      message:
        /points-bad\.json: region\.values\.Gotland: target must be a number from 0 to 100,000 \(seats\); gender\.values\.woman: target must be a number from 0 to 100,000 \(seats\); gender: unknown key "wieght"/,
    });
    await assert.rejects(readTargets(fixture('points-syntax.json'), { panelSize: 70 }), {
      code: 'bad-json',
      message: /points-syntax\.json, line 3: the file is not valid JSON/,
    });
  });

  test('the panel size must be a whole number', async () => {
    await assert.rejects(readTargets(fixture('quotas-percent.csv'), { panelSize: 2.5 }), {
      code: 'bad-panel-size',
      message: /panel size must be a whole number/,
    });
  });
});

describe('percentages', () => {
  test('population shares become the counts around their exact share', async () => {
    const path = fixture('quotas-percent.csv');
    const { targets, warnings } = await readTargets(path, { panelSize: 22 });
    assert.deepEqual(
      quotasOf(targets).map(({ feature, value, min, max, source }) => [
        feature,
        value,
        min,
        max,
        source?.row,
      ]),
      [
        ['gender', 'Female', 11, 12, 2], // 11.11
        ['gender', 'Male', 10, 11, 3], // 10.89
        ['region', 'Stockholm', 5, 6, 4], // 5.28
        ['region', 'Rest', 16, 17, 5], // 16.72
      ],
    );
    assert.deepEqual(warnings, []);
  });

  test('the percent column has aliases, and sums far from 100 % are warned about', () => {
    for (const header of ['population_percent', 'Share_Percent']) {
      const table = parseTable(`feature,value,${header}\ng,a,50\ng,b,30\n`, 'q.csv');
      const { targets, warnings } = targetsFromTable(table, { panelSize: 10 });
      assert.deepEqual(
        quotasOf(targets).map(({ min, max }) => [min, max]),
        [
          [5, 5],
          [3, 3],
        ],
      );
      assert.deepEqual(warnings, [
        'q.csv: the percentages for "g" add up to 80 %, not 100 %; check that no value is missing.',
      ]);
    }
    assert.throws(
      () => targetsFromTable(parseTable('feature,value,percent\ng,a,120\n', 'q.csv'), { panelSize: 10 }),
      {
        code: 'not-a-percent',
        message: /^q\.csv, line 2, column "percent": "120" is not a percentage between 0 and 100/,
      },
    );
  });

  test('percentage windows keep the counts inside them', async () => {
    const { targets } = await readTargets(fixture('quotas-percent-range.csv'), { panelSize: 22 });
    assert.deepEqual(
      quotasOf(targets).map(({ value, min, max }) => [value, min, max]),
      [
        ['Female', 10, 12], // 9.9 .. 12.1
        ['Male', 10, 12],
        ['Gotland', 2, 2], // 2.2 .. 2.64 holds no whole seat: the one nearest the middle (2.42)
      ],
    );
    assert.throws(
      () =>
        targetsFromTable(parseTable('feature,value,min_percent,max_percent\ng,a,30,20\n', 'q.csv'), {
          panelSize: 10,
        }),
      {
        code: 'min-above-max',
        message:
          /^q\.csv, line 2, column "min_percent": min_percent 30 is above max_percent 20 for g=a; swap/,
      },
    );
  });
});

describe('readTargets on .xlsx', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lotta-io-quotas-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('an OpenDLP-style workbook with numbers and a notes row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Targets');
    sheet.addRow(['Category', 'Name', 'Min', 'Max', 'Notes']);
    sheet.addRow(['gender', 'Female', 10, 11]);
    sheet.addRow(['gender', 'Male', 9, { formula: 'B2-1', result: 10 }]);
    sheet.addRow([null, 'Geographical target?']);
    const path = join(dir, 'targets.xlsx');
    await workbook.xlsx.writeFile(path);
    const { targets, warnings } = await readTargets(path, { panelSize: 20 });
    assert.deepEqual(quotasOf(targets)[1], {
      feature: 'gender',
      value: 'Male',
      min: 9,
      max: 10,
      source: { file: path, row: 3 },
    });
    assert.match(warnings[0], /targets\.xlsx, line 4: skipped "Geographical target\?"/);
  });

  test('a decimal in a workbook is reported like one in a CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Targets');
    sheet.addRow(['feature', 'value', 'min', 'max']);
    sheet.addRow(['gender', 'Female', 2.5, 4]);
    const path = join(dir, 'decimal.xlsx');
    await workbook.xlsx.writeFile(path);
    await assert.rejects(readTargets(path, { panelSize: 10 }), {
      code: 'not-a-count',
      message: /decimal\.xlsx, line 2, column "min": "2\.5" is not a whole number/,
    });
  });

  test('JSON is recognised by its content whatever the extension', async () => {
    const path = join(dir, 'criteria.txt');
    await writeFile(path, '\uFEFF  {"gender": {"values": {"man": 1, "woman": 1}}}');
    assert.deepEqual(pointsOf((await readTargets(path, { panelSize: 2 })).targets)[0].values.length, 2);
  });
});

test('readKeep is exported next to readTargets', async () => {
  assert.deepEqual(await readKeep(fixture('keep.txt')), ['p3', 'p17', 'p42']);
});
