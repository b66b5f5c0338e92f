/**
 * The selection file `lotta select` writes: the engine's result plus what `lotta commit` and
 * `lotta draw` need to commit to (LotterySelection in src/sortition/commitment.ts): the engine's name
 * and version, and the input exactly as the engine saw it.
 */
import type { LotterySelection } from './commitment.ts';
import type { Finding, Panel, Person, SelectionInput, SelectionResult, Targets } from './model.ts';

export const ENGINE_NAME = 'lotta';

/** A person as the selection file records them: no `row`, which says where they were in a local file. */
export type RecordedPerson = Omit<Person, 'row'>;

export interface SelectionFile extends Omit<SelectionResult, 'stats' | 'levels' | 'tradeOff'> {
  engine: { name: string; version: string };
  input: { people: RecordedPerson[]; targets: Targets; panelSize: number; keep: string[] };
  /**
   * Facts about this run rather than about the selection. The seconds differ between two runs on the
   * same input, so they live here, where neither the commitment nor the transcript looks.
   */
  run: {
    stats: SelectionResult['stats'];
    levels?: SelectionResult['levels'];
    /** The point-target trade-off, when it was asked for (how the chances change with the deviation). */
    tradeOff?: SelectionResult['tradeOff'];
  };
  /**
   * Files written before the distribution was kept as type panels (up to 2026-12) list it as panels
   * of named people here instead, with empty `types` and `typePanels` once read.
   */
  panels?: Panel[];
}

/**
 * Reads a stored selection file, old or new. Files from before type panels have `panels` of named
 * people and no `types`/`typePanels`; they read with an empty type distribution, and everything that
 * reads a file (the result page, the public draw, `lotta commit/draw/verify`) needs neither.
 */
export function parseSelectionFile(text: string): SelectionFile {
  const file = JSON.parse(text) as SelectionFile;
  if (!Array.isArray(file.types)) file.types = [];
  if (!Array.isArray(file.typePanels)) file.typePanels = [];
  return file;
}

/** Code of the warnings that come from reading the files (skipped lines, percentages not adding up). */
export const INPUT_FILE_WARNING = 'input-file';

/** A reader's warning (plain English text) as a Finding, so that the file lists all warnings in one place. */
export function fileWarning(message: string): Finding {
  return { category: '*', value: '*', code: INPUT_FILE_WARNING, message };
}

export function toSelectionFile(
  result: SelectionResult,
  input: SelectionInput,
  engineVersion: string,
  readerWarnings: readonly string[],
): SelectionFile {
  const { stats, levels, tradeOff, ...selection } = result;
  return {
    status: selection.status,
    algorithm: selection.algorithm,
    engine: { name: ENGINE_NAME, version: engineVersion },
    diagnostics: selection.diagnostics,
    warnings: [...readerWarnings.map(fileWarning), ...selection.warnings],
    ...(selection.relaxation === undefined ? {} : { relaxation: selection.relaxation }),
    ...(selection.deviation === undefined ? {} : { deviation: selection.deviation }),
    excluded: selection.excluded,
    probabilities: selection.probabilities,
    types: selection.types,
    typePanels: selection.typePanels,
    ...(selection.lottery === undefined ? {} : { lottery: selection.lottery }),
    input: {
      people: input.people.map((person) => ({
        id: person.id,
        features: person.features,
        ...(person.household === undefined ? {} : { household: person.household }),
      })),
      targets: input.targets,
      panelSize: input.panelSize,
      keep: [...(input.keep ?? [])],
    },
    run: {
      stats,
      ...(levels === undefined ? {} : { levels }),
      ...(tradeOff === undefined ? {} : { tradeOff }),
    },
  };
}

/** The file as `lotta commit` and `lotta draw` read it, when it holds a lottery. */
export function asLotterySelection(file: SelectionFile): LotterySelection | undefined {
  if (file.status !== 'ok' || file.lottery === undefined) return undefined;
  return { ...file, status: 'ok', lottery: file.lottery };
}

/** Pieces of text up to about this size: large enough to write efficiently, small enough to stay cheap. */
const CHUNK_CHARS = 1 << 16;

/**
 * The text of `JSON.stringify(value, null, 2)` (or of `JSON.stringify(value)` with `compact`), in
 * pieces of about 64 KiB. A selection file over a large pool may not fit in one string (V8 caps
 * strings at 2^29 characters, and building one holds it in memory twice), so writers take it piece
 * by piece; the largest single piece is one number or string of the file plus a piece's worth.
 */
export function* jsonTextChunks(value: unknown, options: { compact?: boolean } = {}): Generator<string> {
  let buffer = '';
  for (const part of jsonParts(value, options.compact ? null : '')) {
    buffer += part;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer.length > 0) yield buffer;
}

/**
 * The text of `JSON.stringify(JSON.parse(text), null, 2)`, in pieces like jsonTextChunks, for
 * compact JSON as `JSON.stringify` (or jsonTextChunks with `compact`) writes it — without parsing
 * it. A stored selection file of hundreds of megabytes is re-indented as it is sent instead of being
 * built as objects first, which would take several times its size in memory.
 */
export function* indentedJsonChunks(text: string): Generator<string> {
  let out = '';
  let indent = '';
  let inString = false;
  /** Where the text not yet copied to `out` begins. */
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      // An empty object or array stays on its line, as JSON.stringify writes it.
      if (text.charCodeAt(i + 1) === (ch === 0x7b ? 0x7d : 0x5d)) {
        i++;
        continue;
      }
      indent += '  ';
      out += `${text.slice(from, i + 1)}\n${indent}`;
      from = i + 1;
    } else if (ch === 0x7d || ch === 0x5d) {
      indent = indent.slice(2);
      out += `${text.slice(from, i)}\n${indent}`;
      from = i;
    } else if (ch === 0x2c) {
      out += `${text.slice(from, i + 1)}\n${indent}`;
      from = i + 1;
    } else if (ch === 0x3a) {
      out += `${text.slice(from, i + 1)} `;
      from = i + 1;
    } else continue;
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  out += text.slice(from);
  if (out.length > 0) yield out;
}

/** `indent` is the current line's indentation, or null for compact text. */
function* jsonParts(value: unknown, indent: string | null): Generator<string> {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  const inner = indent === null ? null : `${indent}  `;
  const open = inner === null ? '' : `\n${inner}`;
  const close = indent === null ? '' : `\n${indent}`;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}${open}`;
      const item = value[i];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* jsonParts(item, inner);
    }
    yield `${close}]`;
    return;
  }
  if (value !== null && typeof value === 'object') {
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      yield `${first ? '{' : ','}${open}${JSON.stringify(key)}:${inner === null ? '' : ' '}`;
      first = false;
      yield* jsonParts(item, inner);
    }
    yield first ? '{}' : `${close}}`;
    return;
  }
  yield JSON.stringify(value) ?? 'null';
}
