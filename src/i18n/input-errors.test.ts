import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTable, tableFromBytes } from '../io/table.ts';
import { decodeText } from '../io/text-file.ts';
import { InputError } from '../sortition/model.ts';
import { translator } from './i18n.ts';
import { translateInputError } from './input-errors.ts';

function errorOf(read: () => unknown): InputError {
  try {
    read();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  assert.fail('no error');
}

const cases: [string, () => unknown][] = [
  ['unclosed quote', () => parseTable('a;b\n"x;y\n', 'f.csv')],
  ['text after quote', () => parseTable('a,b\n"x"y,z\n', 'f.csv')],
  ['unnamed column', () => parseTable('a,,c\n1,2,3\n', 'f.csv')],
  ['duplicate column', () => parseTable('a,b,a\n1,2,3\n', 'f.csv')],
  ['too many cells', () => parseTable('a;b\n1;2;3\n', 'f.csv')],
  ['too many cells, tab', () => parseTable('a\tb\n1\t2\t3\n', 'f.csv')],
  ['no rows', () => parseTable('a,b\n', 'f.csv')],
  ['empty', () => parseTable('\n', 'f.csv')],
  ['not UTF-8', () => decodeText(new Uint8Array([0x61, 0x0a, 0xf6, 0x0a]), 'f.csv')],
];

test('the English catalogue words reader errors as the readers do; Swedish names the same place', () => {
  const en = translator('en');
  const sv = translator('sv');
  for (const [name, read] of cases) {
    const error = errorOf(read);
    assert.deepEqual(translateInputError(en, error), { text: error.message, translated: true }, name);
    const swedish = translateInputError(sv, error);
    assert.ok(swedish.translated, name);
    assert.notEqual(swedish.text, error.message, name);
    assert.ok(swedish.text.startsWith('f.csv'), name);
  }
});

test('an error without a translation keeps the reader English, marked as such', async () => {
  const unsupported = await tableFromBytes(new Uint8Array(), 'f.ods').then(
    () => assert.fail('no error'),
    (error: unknown) => error as InputError,
  );
  assert.equal(translateInputError(translator('sv'), unsupported).translated, true);
  const other = new InputError('f.csv: something new.', { file: 'f.csv' }, 'something-new', {});
  assert.deepEqual(translateInputError(translator('sv'), other), {
    text: 'f.csv: something new.',
    translated: false,
  });
  const noParams = new InputError(
    'f.csv: columns 1 and 2 are both called "a".',
    { file: 'f.csv' },
    'duplicate-column',
  );
  assert.equal(translateInputError(translator('sv'), noParams).translated, false);
});

test('a register row with one cell says "1 cell"', async () => {
  const { RegisterError } = await import('../invitations/register-reader.ts');
  const error = new RegisterError(
    'r.csv',
    [
      {
        line: 2,
        code: 'too_few_cells',
        params: { count: 1, columns: 3, delimiter: ';', context: 'delimiter' },
        message: 'English',
      },
    ],
    1,
  );
  assert.match(
    translateInputError(translator('en'), error).text,
    /line 2: this row has 1 cell but the header has 3 columns/,
  );
  assert.match(
    translateInputError(translator('sv'), error).text,
    /rad 2: raden har 1 cell men rubrikraden har 3 kolumner/,
  );
});

test('every error the web import can meet has its message in both catalogues', async () => {
  const { readFileSync } = await import('node:fs');
  // The files an upload goes through: tableFromBytes → parseWorkbook or decodeText + parseTable.
  const files = ['table.ts', 'workbook.ts', 'text-file.ts'];
  const codes = new Set<string>();
  for (const file of files) {
    const source = readFileSync(new URL(`../io/${file}`, import.meta.url), 'utf8');
    // A code is a one-word literal argument: on a line of its own or after the message.
    const found = [
      ...source.matchAll(/^\s*'([a-z]+(?:-[a-z0-9]+)*)',?$/gm),
      ...source.matchAll(/(?:inputError|new InputError)\(.*, '([a-z]+(?:-[a-z0-9]+)*)' *[,)]/g),
    ].map((match) => match[1] as string);
    const calls = source.match(/\b(?:inputError|new InputError)\(/g)?.length ?? 0;
    assert.equal(found.length, calls, `${file}: ${calls} errors but ${found.length} codes found`);
    for (const code of found) codes.add(code);
  }
  assert.ok(codes.size >= 20, `only ${codes.size} codes found`);
  const catalogues = await Promise.all(
    ['sv', 'en'].map(async (lang) => {
      const url = new URL(`./messages/${lang}/reader.json`, import.meta.url);
      return Object.keys(JSON.parse(readFileSync(url, 'utf8')) as object);
    }),
  );
  for (const code of codes) {
    const key = code.replaceAll('-', '_');
    for (const keys of catalogues) {
      assert.ok(
        keys.some((k) => k === key || k.startsWith(`${key}_`)),
        `reader.${key} is missing from a catalogue`,
      );
    }
  }
});

test('limit errors of a text file read in Swedish and, in English, as the reader words them', () => {
  const wide = `${Array.from({ length: 201 }, (_, i) => `c${i}`).join(';')}\n1;2\n`;
  const longCell = `a;b\n${'x'.repeat(10_001)};1\n`;
  for (const [name, read] of [
    ['too many columns', () => parseTable(wide, 'f.csv')],
    ['cell too long', () => parseTable(longCell, 'f.csv')],
  ] as const) {
    const error = errorOf(read);
    assert.deepEqual(
      translateInputError(translator('en'), error),
      { text: error.message, translated: true },
      name,
    );
    const swedish = translateInputError(translator('sv'), error);
    assert.ok(swedish.translated, name);
    assert.match(swedish.text, /Lotta läser/, name);
  }
});

test('engine errors carry a code and read in Swedish; the English catalogue words them as the engine does', async () => {
  const { compileInstance } = await import('../sortition/instance.ts');
  const { translateEngineError } = await import('./input-errors.ts');
  const person = (id: string, gender: string) => ({ id, features: { gender } });
  const quotas = (min = 0, max = 2) => ({
    kind: 'quotas' as const,
    quotas: [
      { feature: 'gender', value: 'woman', min, max },
      { feature: 'gender', value: 'man', min: 0, max: 2 },
    ],
  });
  const pool = [person('a', 'woman'), person('b', 'man')];
  const cases: [string, () => unknown][] = [
    ['empty pool', () => compileInstance({ people: [], targets: quotas(), panelSize: 1 })],
    ['bad size', () => compileInstance({ people: pool, targets: quotas(), panelSize: 0 })],
    ['size above pool', () => compileInstance({ people: pool, targets: quotas(), panelSize: 3 })],
    [
      'id twice',
      () => compileInstance({ people: [...pool, person('a', 'man')], targets: quotas(), panelSize: 1 }),
    ],
    ['min above max', () => compileInstance({ people: pool, targets: quotas(2, 1), panelSize: 1 })],
    ['bad number', () => compileInstance({ people: pool, targets: quotas(-1, 1), panelSize: 1 })],
    [
      'unknown value',
      () => compileInstance({ people: [...pool, person('c', 'other')], targets: quotas(), panelSize: 1 }),
    ],
    [
      'no targets',
      () => compileInstance({ people: pool, targets: { kind: 'quotas', quotas: [] }, panelSize: 1 }),
    ],
    ['kept unknown', () => compileInstance({ people: pool, targets: quotas(), panelSize: 1, keep: ['z'] })],
    [
      'kept twice',
      () => compileInstance({ people: pool, targets: quotas(), panelSize: 1, keep: ['a', 'a'] }),
    ],
    [
      'kept above size',
      () => compileInstance({ people: pool, targets: quotas(), panelSize: 1, keep: ['a', 'b'] }),
    ],
  ];
  for (const [name, run] of cases) {
    const error = errorOf(run);
    assert.notEqual(error.code, 'bad-input', name);
    assert.deepEqual(
      translateEngineError(translator('en'), error),
      { text: error.message, translated: true },
      name,
    );
    const swedish = translateEngineError(translator('sv'), error);
    assert.ok(swedish.translated, name);
    assert.notEqual(swedish.text, error.message, name);
  }
  assert.equal(
    translateEngineError(translator('sv'), errorOf(cases[10][1])).text,
    '2 personer behålls, fler än panelstorleken 1.',
  );
});

test('every error the engine throws has a code and a message in both catalogues', async () => {
  const { readFileSync } = await import('node:fs');
  const source = readFileSync(new URL('../sortition/instance.ts', import.meta.url), 'utf8');
  const calls = source.match(/new InputError\(/g)?.length ?? 0;
  const codes = [
    ...source.matchAll(/^\s*'([a-z]+(?:-[a-z0-9]+)*)',?$/gm),
    ...source.matchAll(/new InputError\(.*, '([a-z]+(?:-[a-z0-9]+)*)'\s*,/g),
  ].map((m) => m[1] as string);
  assert.equal(codes.length, calls, `${calls} errors but ${codes.length} codes`);
  for (const lang of ['sv', 'en']) {
    const keys = Object.keys(
      JSON.parse(readFileSync(new URL(`./messages/${lang}/engine.json`, import.meta.url), 'utf8')) as object,
    );
    for (const code of codes) {
      const key = code.replaceAll('-', '_');
      assert.ok(
        keys.some((k) => k === key || k.startsWith(`${key}_`)),
        `engine.${key} missing in ${lang}`,
      );
    }
  }
});
