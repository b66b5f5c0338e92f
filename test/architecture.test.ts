/**
 * The shape the code keeps, checked on every run: layers point inwards, only repositories speak SQL
 * or decode stored JSON, pure cores do no I/O, and the web layer stays in small modules whose views
 * only render. scripts/web-shape.ts prints the same figures.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { test } from 'node:test';
import { longFunctions, sourceFiles } from '../scripts/web-shape.ts';

const root = new URL('..', import.meta.url).pathname;
const files = sourceFiles(`${root}src`).map((path) => ({
  file: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));
const inside = (prefix: string) => files.filter((f) => f.file.startsWith(prefix));
const importsOf = (text: string) => [...text.matchAll(/^import[^;]*?from '([^']+)'/gms)].map((m) => m[1]);
/** The modules a file takes values (not only types) from: a view may know a query's types. */
const valueImportsOf = (text: string) =>
  [...text.matchAll(/^import ([^;]*?) from '([^']+)'/gms)]
    .filter(([, what]) => {
      if (what.startsWith('type ')) return false;
      const names = /^\{([^}]*)\}$/s.exec(what.trim())?.[1];
      return !names || names.split(',').some((n) => n.trim() !== '' && !n.trim().startsWith('type '));
    })
    .map(([, , from]) => from);

test('only repositories and migrations build SQL', () => {
  const sql = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/;
  const outside = files.filter(
    (f) => sql.test(f.text) && !f.file.startsWith('src/repositories/') && !f.file.startsWith('src/db/'),
  );
  assert.deepEqual(
    outside.map((f) => f.file),
    [],
  );
});

test('pure cores do no I/O and know nothing of the layers around them', () => {
  const cores = ['src/sortition/', 'src/invitations/', 'src/grouping/', 'src/domain/', 'src/voting/'];
  const forbidden =
    /^(node:(fs|net|http|https|child_process|worker_threads)|kysely|pg|better-sqlite3)|\/(repositories|commands|queries|web|db|jobs)\//;
  // The register reader streams extracts of hundreds of megabytes from disk in chunks; it is the one
  // module of a core that opens a file, and says so.
  const streamsFiles = ['src/invitations/register-reader.ts'];
  const wrong: string[] = [];
  for (const core of cores)
    for (const f of inside(core).filter((f) => !streamsFiles.includes(f.file)))
      for (const spec of importsOf(f.text)) if (forbidden.test(spec)) wrong.push(`${f.file} imports ${spec}`);
  assert.deepEqual(wrong, []);
});

test('stored JSON is decoded in repositories, not in pages or commands', () => {
  const readers = ['src/web/', 'src/commands/', 'src/queries/', 'src/jobs/', 'src/mail/'];
  const parsing = readers.flatMap(inside).filter((f) => /JSON\.parse\(/.test(f.text));
  assert.deepEqual(
    parsing.map((f) => f.file),
    // The login form kept across a login is the browser's own state, not stored data.
    ['src/web/views/errors.tsx'],
  );
});

test('the web layer keeps small modules and short functions', () => {
  const big = inside('src/web/')
    .map((f) => ({ file: f.file, lines: f.text.split('\n').length - 1 }))
    .filter((m) => m.lines > 420);
  assert.deepEqual(big, [], 'modules over ~400 lines');
  const long = inside('src/web/').flatMap((f) => longFunctions(f.file, f.text));
  assert.deepEqual(long, [], 'functions over 80 lines');
});

test('route areas are folders whose views only render', () => {
  const wrong: string[] = [];
  for (const f of inside('src/web/routes/')) {
    const parts = f.file.split('/');
    if (parts.length < 5) wrong.push(`${f.file}: a route area is a folder`);
    const isView = parts.some((p) => /^views?(\.tsx?)?$/.test(p) || /^views\//.test(p));
    if (!isView) continue;
    for (const spec of valueImportsOf(f.text))
      if (/\/(repositories|commands|queries|db)\//.test(spec)) wrong.push(`${f.file} imports ${spec}`);
    if (/c\.var\.config/.test(f.text)) wrong.push(`${f.file} reads the app's configuration`);
  }
  assert.deepEqual(wrong, []);
});

test('permissions are asked of can(), never read from role names', () => {
  const comparing = inside('src/web/').filter((f) => /\brole\s*[!=]==\s*'/.test(f.text));
  assert.deepEqual(
    comparing.map((f) => f.file),
    [],
  );
});

test('numbers are formatted by the one formatter', () => {
  const own = files.filter((f) => /new Intl\.NumberFormat/.test(f.text) && f.file !== 'src/i18n/format.ts');
  assert.deepEqual(
    own.map((f) => f.file),
    [],
  );
});

test('the stylesheet closes every block it opens (a merge once left one open, and browsers dropped the rest)', () => {
  const css = readFileSync(`${root}src/web/static/app.css`, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  let depth = 0;
  const lines = css.split('\n');
  lines.forEach((line, i) => {
    for (const ch of line) {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      assert.ok(depth >= 0, `app.css line ${i + 1} closes a block that was never opened`);
    }
    // Rules sit at the top level or inside one @media/@supports block: never deeper.
    assert.ok(depth <= 2, `app.css line ${i + 1} is ${depth} blocks deep: a block above was not closed`);
  });
  assert.equal(depth, 0, 'app.css ends with a block still open');
});
