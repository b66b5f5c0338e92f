/**
 * Swedish and English are complete: both catalogues have the same keys and placeholders, and no
 * template has text of its own (every word a page shows comes from a catalogue).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { transformSync } from 'esbuild';
import { loadCatalogue, translator } from '../src/i18n/i18n.ts';

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value))
      for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (text: string) =>
  // With the format, so that a unit ({{size, seats}}) is used in both languages alike.
  [...text.matchAll(/\{\{(\w+)(?:, *(\w+))?\}\}/g)].map((m) => `${m[1]}${m[2] ? `, ${m[2]}` : ''}`).sort();

test('Swedish and English catalogues have the same keys and the same placeholders', () => {
  const sv = flatten(loadCatalogue('sv'));
  const en = flatten(loadCatalogue('en'));
  assert.ok(sv.size > 100, `only ${sv.size} Swedish messages`);
  const missingInSv = [...en.keys()].filter((k) => !sv.has(k));
  const missingInEn = [...sv.keys()].filter((k) => !en.has(k));
  assert.deepEqual(missingInSv, [], 'keys missing in Swedish');
  assert.deepEqual(missingInEn, [], 'keys missing in English');
  for (const [key, text] of en) {
    assert.deepEqual(placeholders(sv.get(key)!), placeholders(text), `placeholders differ in ${key}`);
    assert.ok(text.trim() && sv.get(key)!.trim(), `empty message ${key}`);
  }
});

function templates(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) templates(path, out);
    else if (name.endsWith('.tsx') && !name.endsWith('.test.tsx')) out.push(path);
  }
  return out;
}

/** Splits the arguments of a call starting after its opening parenthesis, respecting nesting and strings. */
function callArguments(code: string, start: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = start; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < code.length && code[j] !== ch) j += code[j] === '\\' ? 2 : 1;
      current += code.slice(i, j + 1);
      i = j;
      continue;
    }
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) {
      if (depth === 0) {
        args.push(current.trim());
        return args;
      }
      depth--;
    }
    if (ch === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
    } else current += ch;
  }
  return args;
}

test('templates contain no text of their own', () => {
  const offenders: string[] = [];
  const files = templates('src/web');
  assert.ok(files.length >= 8);
  for (const file of files) {
    const { code } = transformSync(readFileSync(file, 'utf8'), {
      loader: 'tsx',
      jsx: 'transform',
      jsxFactory: '__h',
      jsxFragment: '__F',
    });
    for (const match of code.matchAll(/__h\(/g)) {
      const children = callArguments(code, match.index + 4).slice(2);
      for (const child of children) {
        const literal = /^(["'`])([\s\S]*)\1$/.exec(child);
        if (!literal) continue;
        // Interpolations in template literals are expressions, not text; the brand name is not translated.
        const text = (literal[1] === '`' ? literal[2].replace(/\$\{[^}]*\}/g, '') : literal[2]).replace(
          /\bLotta\b/g,
          '',
        );
        if (/\p{L}{2,}/u.test(text)) offenders.push(`${file}: ${JSON.stringify(literal[2])}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});

test('the check above does catch bare text', () => {
  const { code } = transformSync('const x = <p>Hej <b>{name}</b></p>;', {
    loader: 'tsx',
    jsx: 'transform',
    jsxFactory: '__h',
    jsxFragment: '__F',
  });
  const match = /__h\(/.exec(code)!;
  const children = callArguments(code, match.index + 4).slice(2);
  assert.ok(children.some((c) => c.includes('Hej')));
});

test('every audit action the commands write has a label in both languages', () => {
  const actions = new Set<string>();
  for (const file of readdirSync('src/commands')) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    for (const m of readFileSync(join('src/commands', file), 'utf8').matchAll(/action: '([\w.]+)'/g))
      actions.add(m[1]);
  }
  assert.ok(actions.size > 20);
  for (const language of ['sv', 'en'] as const) {
    const labels = flatten(loadCatalogue(language));
    const missing = [...actions].filter((a) => !labels.has(`audit.action.${a}`));
    assert.deepEqual(missing, [], `audit labels missing in ${language}`);
  }
});

test('a count followed by a word is an i18next plural, so that one of anything is singular', () => {
  for (const language of ['sv', 'en'] as const) {
    const counted = [...flatten(loadCatalogue(language))].filter(
      ([key, text]) => /\{\{count(, *\w+)?\}\} +\p{L}/u.test(text) && !/_(one|other)$/.test(key),
    );
    assert.deepEqual(
      counted.map(([key]) => key),
      [],
      `${language}: counts without _one/_other forms`,
    );
  }
  const sv = translator('sv');
  const en = translator('en');
  assert.equal(sv('audit.count', { count: 1 }), '1 händelse');
  assert.equal(sv('audit.count', { count: 2 }), '2 händelser');
  assert.equal(sv('audit.count', { count: 12345 }), '12\u00a0345 händelser');
  assert.equal(en('audit.count', { count: 1 }), '1 event');
  assert.equal(en('audit.count', { count: 12345 }), '12,345 events');
});

/** Every source file under `dir` (tests aside). */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

test('pages format numbers, dates and times only through the one formatter', () => {
  const formatter = join('src', 'web', 'views', 'time.ts');
  const own = sources(join('src', 'web'))
    .filter((path) => path !== formatter)
    .filter((path) =>
      /new Intl\.(NumberFormat|DateTimeFormat)|\.toLocale(String|DateString|TimeString)\(/.test(
        readFileSync(path, 'utf8'),
      ),
    );
  assert.deepEqual(own, [], 'these format on their own; use src/web/views/time.ts');
});

test('a number that may be 1 stands before a noun only through a unit, so "1 seat", not "1 seats"', () => {
  const nouns = {
    en: 'seats|people|volunteers|minutes|percentage points|members|panels|characters|codes|rows|lines|letters|cells|columns|households',
    sv: 'platser|personer|anmälda|minuter|procentenheter|ledamöter|medlemmar|medlemmarna|paneler|tecken|koder|rader|brev|celler|kolumner|hushåll',
  };
  for (const language of ['sv', 'en'] as const) {
    // A plural key's own count is fine, and so are fixed limits (min, max, limit: never 1); any other
    // bare placeholder before such a noun is not.
    const bare = new RegExp(
      `\\{\\{(?!(count|min|max|limit)\\b)\\w+(, *number)?\\}\\} (${nouns[language]})(?![\\p{L}])`,
      'u',
    );
    const found = [...flatten(loadCatalogue(language))].filter(
      ([key, text]) => !key.startsWith('units.') && bare.test(text),
    );
    assert.deepEqual(
      found.map(([key]) => key),
      [],
      `${language}: use {{x, seats}} and the like (src/i18n/i18n.ts units)`,
    );
  }
  const sv = translator('sv');
  const en = translator('en');
  assert.match(en('errors.too_many_logins', { minutes: 1 }), /about 1 minute and/);
  assert.match(sv('errors.too_many_logins', { minutes: 1 }), /1 minut /);
  assert.match(en('errors.too_many_logins', { minutes: 5 }), /about 5 minutes and/);
  assert.match(sv('register.rate_limited', { minutes: 1 }), /1 minut /);
  assert.match(en('findings.relax_min_suggestion', { from: 2, to: 1 }), /from 2 to 1 seat\./);
  assert.match(sv('findings.relax_min_suggestion', { from: 2, to: 1 }), /1 plats\./);
  assert.match(en('findings.minimums_above_size_suggestion', { excess: 1 }), /by 1 seat in total/);
  assert.match(sv('findings.min_above_pool', { min: 3, pool: 1 }), /1 person /);
  // Fractional seats of point targets come formatted for the page, and are plural.
  assert.match(sv('findings.relax_min', { from: '1,5' }), /1,5 platser/);
  assert.match(en('findings.relax_min', { from: 0.5 }), /0\.5 seats/);
  assert.match(sv('targets.check_ok', { pool: 1, size: 1 }), /1 anmäld, 1 plats/);
  assert.match(
    en('reader.row.too_few_cells_delimiter', { count: 1, columns: 1, delimiter: ';' }),
    /has 1 cell but the header has 1 column;/,
  );
  assert.match(en('cli.invite.read', { rows: '1', households: '1' }), /Read 1 row: 1 household\./);
  assert.match(
    en('cli.invite.read', { rows: '12,345', households: '2' }),
    /Read 12,345 rows: 2 households\./,
  );
});
