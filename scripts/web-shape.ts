/**
 * Measures the shape of the code the web-layer issue set goals for: the largest module in
 * src/web, functions over 80 lines, JSON.parse outside repositories, hand-written refusal catches
 * and separate number formatters. `npx tsx scripts/web-shape.ts [root]` prints the figures;
 * test/architecture.test.ts holds the limits.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@babel/parser';

export interface LongFunction {
  file: string;
  name: string;
  lines: number;
}

export interface ShapeFigures {
  sourceLines: number;
  webLines: number;
  largestWebModule: { file: string; lines: number };
  longFunctions: LongFunction[];
  jsonParse: Record<string, number>;
  commandErrorCatches: number;
  numberFormats: number;
}

/** Every non-test TypeScript file under `dir`. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

interface Node {
  type: string;
  loc?: { start: { line: number }; end: { line: number } };
  key?: { name?: string };
  id?: { name?: string } | null;
  [field: string]: unknown;
}

const functionTypes = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
]);

/** Functions, methods and arrow functions spanning more than `limit` lines (declaration to end). */
export function longFunctions(file: string, text: string, limit = 80): LongFunction[] {
  const ast = parse(text, {
    sourceType: 'module',
    plugins: ['typescript', ...(file.endsWith('.tsx') ? (['jsx'] as const) : [])],
  }) as unknown as Node;
  const out: LongFunction[] = [];
  const visit = (node: Node, name: string) => {
    if (functionTypes.has(node.type) && node.loc) {
      const lines = node.loc.end.line - node.loc.start.line + 1;
      const own = node.id?.name ?? node.key?.name ?? name;
      if (lines > limit) out.push({ file, name: own || `(line ${node.loc.start.line})`, lines });
    }
    for (const [field, value] of Object.entries(node)) {
      if (field === 'loc' || !value || typeof value !== 'object') continue;
      // A function assigned to a name is known by it.
      const childName =
        node.type === 'VariableDeclarator' && field === 'init'
          ? ((node.id as { name?: string } | null)?.name ?? '')
          : node.type === 'ObjectProperty' && field === 'value'
            ? ((node.key as { name?: string } | undefined)?.name ?? '')
            : '';
      for (const child of Array.isArray(value) ? value : [value])
        if (child && typeof child === 'object' && typeof (child as Node).type === 'string')
          visit(child as Node, childName);
    }
  };
  visit(ast, '');
  return out;
}

export function measureShape(root: string): ShapeFigures {
  const files = sourceFiles(join(root, 'src'));
  let sourceLines = 0;
  let webLines = 0;
  let largest = { file: '', lines: 0 };
  const long: LongFunction[] = [];
  const jsonParse: Record<string, number> = {};
  let catches = 0;
  let formats = 0;
  for (const path of files) {
    const file = relative(root, path);
    const text = readFileSync(path, 'utf8');
    const lines = lineCount(text);
    sourceLines += lines;
    const inWeb = file.startsWith('src/web/');
    if (inWeb) {
      webLines += lines;
      if (lines > largest.lines) largest = { file, lines };
      catches += (text.match(/instanceof CommandError/g) ?? []).length;
    }
    long.push(...longFunctions(file, text));
    const parses = (text.match(/JSON\.parse\(/g) ?? []).length;
    if (parses > 0) {
      const area = file.split('/').slice(0, 2).join('/');
      jsonParse[area] = (jsonParse[area] ?? 0) + parses;
    }
    if (file !== 'src/i18n/format.ts') formats += (text.match(/new Intl\.NumberFormat/g) ?? []).length;
  }
  return {
    sourceLines,
    webLines,
    largestWebModule: largest,
    longFunctions: long,
    jsonParse,
    commandErrorCatches: catches,
    numberFormats: formats,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = measureShape(process.argv[2] ?? process.cwd());
  const inWeb = figures.longFunctions.filter((f) => f.file.startsWith('src/web/'));
  console.log(`source lines: ${figures.sourceLines}, of which src/web: ${figures.webLines}`);
  console.log(
    `largest module in src/web: ${figures.largestWebModule.file} (${figures.largestWebModule.lines} lines)`,
  );
  console.log(
    `functions over 80 lines: ${figures.longFunctions.length}, of which in src/web: ${inWeb.length}`,
  );
  for (const f of figures.longFunctions) console.log(`  ${f.file} ${f.name}: ${f.lines}`);
  console.log('JSON.parse by area:', JSON.stringify(figures.jsonParse));
  console.log(`hand-written CommandError catches in src/web: ${figures.commandErrorCatches}`);
  console.log(`new Intl.NumberFormat outside the formatter: ${figures.numberFormats}`);
}
