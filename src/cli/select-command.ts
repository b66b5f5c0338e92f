/**
 * `lotta select`: from a pool file, a targets file and a panel size to every volunteer's probability of
 * being selected, written as a selection file (JSON) that `lotta commit` and `lotta draw` read, with a
 * human-readable summary beside it. The selection itself is the engine's (src/sortition); this file
 * reads the files, checks the options, runs the engine where Ctrl-C can reach it, and reports.
 */
import { z } from 'zod';
import { type EngineOptions, type EngineRun, runEngineInWorker } from '../engine/engine-thread.ts';
import { translator } from '../i18n/i18n.ts';
import { translateEngineError, translateInputError } from '../i18n/input-errors.ts';
import { describeLocation } from '../io/location.ts';
import { readPool } from '../io/pool.ts';
import { readKeep, readTargets, type TypedPercentage } from '../io/quotas.ts';
import { readTable } from '../io/table.ts';
import { DEFAULT_TRADE_OFF_STEPS, MAX_TRADE_OFF_STEPS } from '../sortition/deviationTradeOff.ts';
import { clip, shorten } from '../sortition/echo.ts';
import { normalise } from '../sortition/instance.ts';
import {
  type Algorithm,
  CancelledError,
  InputError,
  type Progress,
  type SelectionInput,
  type SelectionResult,
  type Targets,
} from '../sortition/model.ts';
import { type SelectionFile, toSelectionFile } from '../sortition/selection-file.ts';
import { ENGINE_VERSION } from '../sortition/selectPanel.ts';
import { type CommandIO, EXIT_BAD_INPUT, EXIT_OK } from './draw-commands.ts';
import { type Lang, type Messages, messagesFor } from './messages.ts';
import { jsonFileText, writeResult } from './output.ts';
import { summarize } from './summary.ts';

export const EXIT_INFEASIBLE = 2;
/** What a shell reports for a program stopped by Ctrl-C (128 + SIGINT). */
export const EXIT_CANCELLED = 130;

export const ALGORITHMS: readonly Algorithm[] = ['leximin', 'maximin', 'nash', 'legacy'];
export const FORMATS = ['json', 'text'] as const;
export type Format = (typeof FORMATS)[number];

/** Where `select` writes, and whether standard error is a terminal that can show a progress line. */
export interface SelectIO extends CommandIO {
  stderrIsTTY?: boolean;
  /** Subscribes to Ctrl-C and returns the unsubscribe; the default listens for SIGINT. Tests may replace it. */
  onInterrupt?: (listener: () => void) => () => void;
  /** Starts the engine; the default runs it in a worker thread. Tests may replace it. */
  startEngine?: (
    input: SelectionInput,
    options: EngineOptions,
    onProgress: (p: Progress) => void,
  ) => EngineRun;
}

/** The options as commander hands them over: text, not yet checked. */
export interface SelectArgs {
  pool: string;
  quotas: string;
  size: string;
  idColumn?: string;
  household?: string;
  keep?: string;
  algorithm?: string;
  samples?: string;
  seed?: string;
  tolerance?: string;
  /** `--trade-off` alone (true) or with the number of tolerances to try. */
  tradeOff?: string | boolean;
  panels?: string;
  out?: string;
  format?: string;
  lang?: Lang;
  quiet?: boolean;
}

/** The options once checked. */
export interface SelectOptions {
  pool: string;
  quotas: string;
  size: number;
  idColumn?: string;
  household?: string[];
  keep?: string;
  algorithm: Algorithm;
  samples?: number;
  seed?: string;
  tolerance?: number;
  /** Point targets: how many tolerances (0, 1, …) the trade-off tries. */
  tradeOff?: number;
  panels?: number;
  out?: string;
  format: Format;
  quiet: boolean;
}

// ---- Checking the options ---------------------------------------------------------------------------------

/**
 * The schema of the options, with messages in the chosen language. Each check names the option and
 * echoes what was given, because the usual mistake is a typo in one argument of a long command.
 */
function argsSchema(messages: Messages) {
  const { errors } = messages;
  const wholeNumber = (option: string, min: number) =>
    z.string().transform((text, ctx) => {
      const trimmed = text.trim();
      if (/^\d+$/.test(trimmed) && Number(trimmed) >= min && Number.isSafeInteger(Number(trimmed))) {
        return Number(trimmed);
      }
      ctx.addIssue({ code: 'custom', message: errors.option(option, errors.wholeNumber(min), text) });
      return z.NEVER;
    });
  const nonNegative = (option: string) =>
    z.string().transform((text, ctx) => {
      // Swedish writes a decimal comma; "0,5" means 0.5, and nothing else is ambiguous here.
      const trimmed = text.trim().replace(/^(\d+),(\d+)$/, '$1.$2');
      const value = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
      if (value >= 0 && Number.isFinite(value)) return value;
      ctx.addIssue({ code: 'custom', message: errors.option(option, errors.nonNegativeNumber, text) });
      return z.NEVER;
    });
  const oneOf = <T extends string>(option: string, choices: readonly T[], fallback: T) =>
    z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (text === undefined) return fallback;
        const found = choices.find((choice) => choice === text.trim().toLowerCase());
        if (found !== undefined) return found;
        ctx.addIssue({ code: 'custom', message: errors.option(option, errors.oneOf(choices), text) });
        return z.NEVER;
      });
  const columns = z.string().transform((text, ctx) => {
    const names = text
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (names.length > 0) return names;
    ctx.addIssue({ code: 'custom', message: errors.option('--household', errors.columnList, text) });
    return z.NEVER;
  });
  // `--trade-off` alone takes the default number of tolerances; a number must be within the limit,
  // since each tolerance is a whole MAXIMIN run.
  const tradeOff = z.union([z.boolean(), z.string()]).transform((given, ctx) => {
    if (given === true) return DEFAULT_TRADE_OFF_STEPS;
    const trimmed = typeof given === 'string' ? given.trim() : '';
    const count = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (count >= 1 && count <= MAX_TRADE_OFF_STEPS) return count;
    ctx.addIssue({
      code: 'custom',
      message: errors.option('--trade-off', errors.wholeNumberUpTo(1, MAX_TRADE_OFF_STEPS), String(given)),
    });
    return z.NEVER;
  });
  return z.object({
    pool: z.string(),
    quotas: z.string(),
    size: wholeNumber('--size', 1),
    idColumn: z.string().optional(),
    household: columns.optional(),
    keep: z.string().optional(),
    algorithm: oneOf('--algorithm', ALGORITHMS, 'leximin'),
    samples: wholeNumber('--samples', 1).optional(),
    seed: z.string().optional(),
    tolerance: nonNegative('--tolerance').optional(),
    tradeOff: tradeOff.optional(),
    panels: wholeNumber('--panels', 1).optional(),
    out: z.string().optional(),
    format: oneOf('--format', FORMATS, 'json'),
    quiet: z.boolean().default(false),
  });
}

/** Checks the options, or throws an InputError with the one message to show. */
export function checkSelectArgs(args: SelectArgs, messages: Messages): SelectOptions {
  const parsed = argsSchema(messages).safeParse(args);
  if (!parsed.success) throw new InputError(parsed.error.issues[0].message, {}, 'bad-option');
  const options = parsed.data;
  if (options.samples !== undefined && options.algorithm !== 'legacy') {
    throw new InputError(messages.errors.samplesWithoutLegacy, {}, 'bad-option');
  }
  if (options.panels !== undefined && options.algorithm === 'legacy') {
    throw new InputError(messages.errors.panelsWithLegacy, {}, 'bad-option');
  }
  return options;
}

// ---- Reading the input ---------------------------------------------------------------------------------------

/** Feature names as the targets spell them, each once (the engine ignores case and spacing). */
function featureNames(targets: Targets): string[] {
  const names =
    targets.kind === 'quotas' ? targets.quotas.map((q) => q.feature) : targets.features.map((f) => f.feature);
  const seen = new Map<string, string>();
  for (const name of names) if (!seen.has(normalise(name))) seen.set(normalise(name), name);
  return [...seen.values()];
}

/** The file being read when an InputError surfaced; it names the file when the error itself does not. */
interface Reading {
  file?: string;
}

async function readInput(
  options: SelectOptions,
  messages: Messages,
  reading: Reading,
): Promise<{ input: SelectionInput; warnings: string[]; percentages?: TypedPercentage[] }> {
  reading.file = options.quotas;
  const read = await readTargets(options.quotas, { panelSize: options.size });
  const { warnings } = read;
  let { targets } = read;
  if (options.tolerance !== undefined) {
    if (targets.kind !== 'points') {
      throw new InputError(messages.errors.toleranceWithoutPoints(options.quotas), { file: options.quotas });
    }
    targets = { ...targets, tolerance: options.tolerance };
  }
  if (options.tradeOff !== undefined && targets.kind !== 'points') {
    throw new InputError(messages.errors.tradeOffWithoutPoints(options.quotas), { file: options.quotas });
  }

  reading.file = options.pool;
  const table = await readTable(options.pool);
  const { people } = readPool(table, {
    idColumn: options.idColumn,
    features: featureNames(targets),
    householdColumns: options.household,
  });
  // readPool keeps the table's order, so the table says which line each person came from; the engine
  // names that line when it complains about a person.
  people.forEach((person, i) => {
    person.row ??= table.rows[i]?.line;
  });
  if (options.size > people.length) {
    throw new InputError(messages.errors.sizeAbovePool(options.pool, options.size, people.length), {
      file: options.pool,
    });
  }

  let keep: string[] = [];
  if (options.keep !== undefined) {
    reading.file = options.keep;
    keep = await readKeep(options.keep);
    const ids = new Set(people.map((person) => person.id));
    const missing = keep.find((id) => !ids.has(id));
    if (missing !== undefined) {
      throw new InputError(messages.errors.keepNotInPool(options.keep, shorten(missing), options.pool), {
        file: options.keep,
      });
    }
    if (keep.length > options.size) {
      throw new InputError(messages.errors.keepAboveSize(options.keep, keep.length, options.size), {
        file: options.keep,
      });
    }
  }
  reading.file = undefined;
  return {
    input: { people, targets, panelSize: options.size, keep },
    warnings,
    percentages: read.percentages,
  };
}

/**
 * One line for an InputError: the readers' messages already name their file; an engine message gets
 * the file put in front, the pool's when it points at a person's row.
 */
export function describeInputError(
  error: InputError,
  context: { file?: string; poolFile?: string },
  lang: Lang = 'en',
): string {
  // English is the readers' own wording; another language takes the catalogue's where it has one.
  const { where } = error;
  const file = where.file ?? (where.row !== undefined ? context.poolFile : context.file);
  if (lang !== 'en') {
    const t = translator(lang);
    const translated = translateInputError(t, error);
    if (translated.translated) return translated.text;
    // An engine message has no place of its own; it gets the place in front, as in English.
    const engine = translateEngineError(t, error);
    if (engine.translated) {
      if (file === undefined) return clip(engine.text);
      const { row: line, column } = where;
      const place =
        line !== undefined && column !== undefined
          ? t('reader.at_line_column', { file, line, column })
          : line !== undefined
            ? t('reader.at_line', { file, line })
            : column !== undefined
              ? t('reader.at_column', { file, column })
              : t('reader.at_file', { file });
      return clip(`${place}: ${engine.text}`);
    }
  }
  // Messages name what the person typed; clip keeps a forgotten long name from flooding the terminal.
  if (file === undefined || error.message.includes(file)) return clip(error.message);
  return clip(`${describeLocation({ file, line: where.row, column: where.column })}: ${error.message}`);
}

// ---- Running the engine ----------------------------------------------------------------------------------------

/** A one-line progress indicator, redrawn in place; only for a terminal, where `\r` means something. */
function progressLine(io: SelectIO, messages: Messages, enabled: boolean) {
  let shown = false;
  let stopped = !enabled;
  return {
    update(progress: Progress) {
      if (stopped) return;
      const percent = Math.min(100, Math.max(0, Math.floor(progress.fraction * 100)));
      io.stderr(`\r\x1b[K${messages.progress.phases[progress.phase]} ${percent}%`);
      shown = true;
    },
    /** Clears the line; it stays cleared, since messages from the engine may still be on their way. */
    clear() {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
      stopped = true;
    },
  };
}

/** While the engine runs, Ctrl-C is this command's to handle; afterwards Node's default applies again. */
function listenForSigint(listener: () => void): () => void {
  process.on('SIGINT', listener);
  return () => process.off('SIGINT', listener);
}

/**
 * Runs the engine. The first Ctrl-C asks it to stop at its next check; a second one stops the worker
 * at once, for the stretches where the engine does not check.
 */
async function runEngine(
  input: SelectionInput,
  options: SelectOptions,
  io: SelectIO,
  messages: Messages,
): Promise<SelectionResult> {
  const progress = progressLine(io, messages, io.stderrIsTTY === true && !options.quiet);
  const start = io.startEngine ?? runEngineInWorker;
  const run = start(
    input,
    {
      algorithm: options.algorithm,
      seed: options.seed,
      legacySamples: options.samples,
      lotterySize: options.panels,
      ...(options.tradeOff === undefined ? {} : { tradeOffSteps: options.tradeOff }),
    },
    (p) => progress.update(p),
  );
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts === 1) {
      progress.clear();
      io.stderr(`${messages.errors.cancelling}\n`);
      run.cancel();
    } else {
      run.stop();
    }
  };
  const unsubscribe = (io.onInterrupt ?? listenForSigint)(onInterrupt);
  try {
    return await run.result;
  } finally {
    unsubscribe();
    progress.clear();
  }
}

// ---- The command ---------------------------------------------------------------------------------------------

async function writeOutput(
  text: string | Iterable<string>,
  out: string | undefined,
  io: CommandIO,
  messages: Messages,
): Promise<void> {
  await writeResult(text, out, io.stdout, messages.errors.cannotWrite);
}

/** `lotta select`; returns the exit code: 0 done, 1 bad input, 2 no panel meets the quotas, 130 cancelled. */
export async function selectCommand(args: SelectArgs, io: SelectIO): Promise<number> {
  const messages = messagesFor(args.lang ?? 'en');
  const reading: Reading = {};
  try {
    const options = checkSelectArgs(args, messages);
    const { input, warnings, percentages } = await readInput(options, messages, reading);
    const result = await runEngine(input, options, io, messages);
    const file: SelectionFile = toSelectionFile(result, input, ENGINE_VERSION, warnings);
    const summary = summarize(file, messages, percentages);
    if (options.format === 'text') {
      await writeOutput(summary, options.out, io, messages);
    } else {
      // In pieces: over a large pool the file is longer than a string can be.
      await writeOutput(jsonFileText(file), options.out, io, messages);
      if (!options.quiet) io.stderr(summary);
    }
    return file.status === 'ok' ? EXIT_OK : EXIT_INFEASIBLE;
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${describeInputError(error, { file: reading.file, poolFile: args.pool }, messages.lang)}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof CancelledError) {
      io.stderr(`${messages.errors.cancelled}\n`);
      return EXIT_CANCELLED;
    }
    throw error;
  }
}
