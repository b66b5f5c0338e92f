import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePointTargets } from './point-targets.ts';

test('reads features in file order with fractional targets and a default weight of 1', () => {
  const features = parsePointTargets(
    '\uFEFF{"gender": {"values": {" man ": 10.5, "woman": 11.5}}, "age": {"values": {"15-24": 4}, "weight": 2.5}}',
    'c.json',
  );
  assert.deepEqual(features, [
    {
      feature: 'gender',
      weight: 1,
      values: [
        { value: 'man', target: 10.5 },
        { value: 'woman', target: 11.5 },
      ],
    },
    { feature: 'age', weight: 2.5, values: [{ value: '15-24', target: 4 }] },
  ]);
});

test('a bad target is reported by its JSON path', () => {
  assert.throws(() => parsePointTargets('{"region": {"values": {"Gotland": -1}}}', 'c.json'), {
    name: 'InputError',
    code: 'bad-point-targets',
    message:
      /^c\.json: region\.values\.Gotland: target must be a number from 0 to 100,000 \(seats\)\. Fix the JSON/,
  });
  assert.throws(() => parsePointTargets('{"region": {"values": {"Gotland": "1"}}}', 'c.json'), {
    message: /region\.values\.Gotland: target must be a number from 0 to 100,000 \(seats\)/,
  });
});

test('targets and weights far out of range are refused naming the file and the key', () => {
  const cases: [string, RegExp][] = [
    [
      '{"g": {"values": {"a": 1e308}}}',
      /^c\.json: g\.values\.a: target must be a number from 0 to 100,000 \(seats\)/,
    ],
    ['{"g": {"values": {"a": 1e309}}}', /^c\.json: g\.values\.a: target must be a number from 0 to 100,000/],
    ['{"g": {"values": {"a": 100001}}}', /^c\.json: g\.values\.a: target must be a number from 0 to 100,000/],
    [
      '{"g": {"values": {"a": 1}, "weight": 1e308}}',
      /^c\.json: g\.weight: weight must be a number from 0 to 100,000/,
    ],
  ];
  for (const [json, message] of cases)
    assert.throws(() => parsePointTargets(json, 'c.json'), { code: 'bad-point-targets', message }, json);
  const fits = parsePointTargets('{"g": {"values": {"a": 100000}, "weight": 100000}}', 'c.json');
  assert.deepEqual(fits, [{ feature: 'g', weight: 100_000, values: [{ value: 'a', target: 100_000 }] }]);
});

test('a 20 MB key is repeated in a message only by its start', () => {
  const key = 'k'.repeat(20 * 1024 * 1024);
  const cases = [
    `{"${key}": {"values": {"a": -1}}}`,
    `{"g": {"values": {"${key}": 1}, "${key}": 2}}`,
    `{"g": {"values": {"${key}": 1, "${key.toUpperCase()}": 2}}}`,
  ];
  for (const json of cases) {
    assert.throws(
      () => parsePointTargets(json, 'c.json'),
      (error: unknown) => error instanceof Error && error.name === 'InputError' && error.message.length < 500,
    );
  }
});

test('shapes that are not point targets are explained', () => {
  const cases: [string, RegExp][] = [
    ['[]', /^c\.json: the file must be one JSON object with a key per feature/],
    ['{}', /^c\.json: the file lists no features/],
    ['{"gender": 5}', /gender: each feature must be an object with "values" and an optional "weight"/],
    ['{"gender": {"weight": 1}}', /gender\.values: values must be an object of value: target/],
    ['{"gender": {"values": {}}}', /gender\.values: values must list at least one value/],
    [
      '{"gender": {"values": {"a": 1}, "weight": -2}}',
      /gender\.weight: weight must be a number from 0 to 100,000/,
    ],
    [
      '{"gender": {"values": {"a": 1}, "wieght": 2}}',
      /gender: unknown key "wieght"; a feature has only "values" and "weight"/,
    ],
  ];
  for (const [json, message] of cases)
    assert.throws(() => parsePointTargets(json, 'c.json'), { message }, json);
});

test('values or features that differ only in case are refused', () => {
  assert.throws(() => parsePointTargets('{"gender": {"values": {"Man": 1, "man": 2}}}', 'c.json'), {
    code: 'duplicate-target',
    message: /^c\.json: gender\.values: "Man" and "man" are the same when case is ignored; keep one of them/,
  });
  assert.throws(
    () => parsePointTargets('{"Kön": {"values": {"a": 1}}, "kön": {"values": {"a": 1}}}', 'c.json'),
    {
      message: /features: "Kön" and "kön" are the same/,
    },
  );
});

test('a JSON syntax error names the line', () => {
  assert.throws(
    () => parsePointTargets('{\n  "gender": {\n    "values": { "man": 35 "woman": 35 }\n  }\n}', 'c.json'),
    {
      code: 'bad-json',
      message:
        /^c\.json, line 3: the file is not valid JSON at character 27 \(.*\)\. Look for a missing comma, quote or brace there\./,
    },
  );
  assert.throws(() => parsePointTargets('', 'c.json'), {
    code: 'bad-json',
    message: /^c\.json: the file is not valid JSON/,
  });
});

test('more than 200,000 targets are refused naming the limit', () => {
  const values = Object.fromEntries(Array.from({ length: 200_001 }, (_, i) => [`v${i}`, 0]));
  assert.throws(() => parsePointTargets(JSON.stringify({ g: { values } }), 'c.json'), {
    code: 'too-many-rows',
    message: /^c\.json: the file has more than 200,000 targets, the most Lotta reads/,
  });
});
