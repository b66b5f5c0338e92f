/**
 * `lotta tables`: seats the members at tables for each round (src/grouping does the work). This file
 * reads the files, checks the options, turns the engine's problems into sentences in the chosen
 * language, writes the tables as JSON and a summary on standard error.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { allocateTables } from '../grouping/allocateTables.ts';
import {
  type FieldRule,
  type FixedPlacement,
  type RoundPlan,
  type TablesInput,
  TablesInputError,
  type TablesResult,
} from '../grouping/model.ts';
import { translator } from '../i18n/i18n.ts';
import { describeLocation } from '../io/location.ts';
import { readPool } from '../io/pool.ts';
import { findColumn, readTable, type Table } from '../io/table.ts';
import { readTextFile } from '../io/text-file.ts';
import { InputError } from '../sortition/model.ts';
import { type CommandIO, EXIT_BAD_INPUT, EXIT_OK } from './draw-commands.ts';
import type { Lang } from './messages.ts';
import { writeResult } from './output.ts';

export interface TablesArgs {
  people: string;
  size?: string;
  rounds: string;
  tables?: string;
  idColumn?: string;
  diversify?: string;
  weights?: string;
  cluster?: string;
  facilitators?: string;
  apart?: string;
  fixed?: string;
  history?: string;
  held?: string;
  present?: string;
  seed?: string;
  out?: string;
  lang?: Lang;
}

type T = ReturnType<typeof translator>;

/** A problem already phrased for the organiser. */
class Stop extends Error {}

function wholeNumber(t: T, option: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed) && Number(trimmed) >= min && Number.isSafeInteger(Number(trimmed)))
    return Number(trimmed);
  throw new Stop(
    t('tables.errors.option', { option, problem: t('tables.errors.wholeNumber', { min }), value: text }),
  );
}

function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function requireHeader(t: T, table: Table, name: string): string {
  const index = findColumn(table, name);
  if (index < 0) {
    throw new Stop(
      t('tables.errors.noColumn', { file: table.file, column: name, columns: table.headers.join(', ') }),
    );
  }
  return table.headers[index];
}

/** The id column of a side file: the people file's id column when it has one, else its first column. */
function idIndex(table: Table, idColumn: string): number {
  const index = findColumn(table, idColumn);
  return Math.max(index, 0);
}

async function buildInput(args: TablesArgs, t: T, origins: Origins): Promise<TablesInput> {
  const rounds = wholeNumber(t, '--rounds', args.rounds, 1) as number;
  const size = wholeNumber(t, '--size', args.size, 1);
  const tables = wholeNumber(t, '--tables', args.tables, 1);
  if (size === undefined && tables === undefined) throw new Stop(t('tables.errors.noSize'));
  const held = wholeNumber(t, '--held', args.held, 0);

  const table = await readTable(args.people);
  const idColumn = args.idColumn ?? 'id';
  const idHeader = findColumn(table, idColumn) >= 0 ? table.headers[findColumn(table, idColumn)] : undefined;
  if (args.idColumn !== undefined) requireHeader(t, table, args.idColumn);
  const cluster = list(args.cluster).map((name) => requireHeader(t, table, name));
  const diversify =
    args.diversify !== undefined
      ? list(args.diversify).map((name) => requireHeader(t, table, name))
      : table.headers.filter((h) => h !== idHeader && !cluster.includes(h));
  const weights = new Map<string, number>();
  for (const part of list(args.weights)) {
    const match = /^(.+?)\s*=\s*(\d+(?:[.,]\d+)?)$/.exec(part);
    if (!match) {
      throw new Stop(
        t('tables.errors.option', {
          option: '--weights',
          problem: t('tables.errors.weights'),
          value: args.weights,
        }),
      );
    }
    const field = diversify.find((d) => d.toLowerCase() === match[1].trim().toLowerCase());
    if (field === undefined) throw new Stop(t('tables.errors.weightField', { field: match[1].trim() }));
    weights.set(field, Number(match[2].replace(',', '.')));
  }
  // readPool checks the ids; the field values are read here because an empty cell is a value of its
  // own (unknown, or no interpretation needed), which readPool would refuse. It keeps the rows' order.
  const { people } = readPool(table, { idColumn: idHeader, features: [] });
  const fieldNames = [...new Set([...diversify, ...cluster])];
  const fieldAt = fieldNames.map((name) => findColumn(table, name));
  people.forEach((person, i) => {
    for (const [k, name] of fieldNames.entries()) person.features[name] = table.rows[i].cells[fieldAt[k]];
  });
  const known = new Set(people.map((p) => p.id));
  const fields: FieldRule[] = [
    ...diversify.map((name): FieldRule => ({ name, mode: 'diversify', weight: weights.get(name) ?? 1 })),
    ...cluster.map((name): FieldRule => ({ name, mode: 'cluster' })),
  ];
  const checkId = (file: string, line: number, column: string | undefined, id: string) => {
    if (!known.has(id)) {
      throw new Stop(
        t('tables.errors.unknownId', {
          place: describeLocation({ file, line, column }),
          id,
          people: args.people,
        }),
      );
    }
  };

  let facilitators: string[] | undefined;
  if (args.facilitators !== undefined) {
    const file = await readTable(args.facilitators);
    const column = idIndex(file, idColumn);
    facilitators = file.rows.map((row) => row.cells[column]).filter((id) => id !== '');
  }
  let apart: [string, string][] | undefined;
  if (args.apart !== undefined) {
    const file = await readTable(args.apart);
    if (file.headers.length < 2) throw new Stop(t('tables.errors.pairColumns', { file: file.file }));
    apart = file.rows.map((row) => {
      checkId(file.file, row.line, file.headers[0], row.cells[0]);
      checkId(file.file, row.line, file.headers[1], row.cells[1]);
      return [row.cells[0], row.cells[1]];
    });
  }
  let fixed: FixedPlacement[] | undefined;
  if (args.fixed !== undefined) {
    const file = await readTable(args.fixed);
    const idAt = findColumn(file, 'id') >= 0 ? findColumn(file, 'id') : idIndex(file, idColumn);
    const roundAt = findColumn(file, 'round') >= 0 ? findColumn(file, 'round') : findColumn(file, 'runda');
    const tableAt = findColumn(file, 'table') >= 0 ? findColumn(file, 'table') : findColumn(file, 'bord');
    if (roundAt < 0) requireHeader(t, file, 'round');
    if (tableAt < 0) requireHeader(t, file, 'table');
    fixed = file.rows.map((row) => {
      const number = (at: number) => {
        const text = row.cells[at];
        if (/^\d+$/.test(text) && Number(text) >= 1) return Number(text) - 1;
        throw new Stop(
          t('tables.errors.fixedNumber', {
            place: describeLocation({ file: file.file, line: row.line, column: file.headers[at] }),
          }),
        );
      };
      const person = row.cells[idAt];
      if (!facilitators?.includes(person)) checkId(file.file, row.line, file.headers[idAt], person);
      const round = number(roundAt);
      // Keyed as the engine reports it: the id and the round counted from 1.
      origins.fixedLine.set(`${person}\u0000${round + 1}`, row.line);
      return { person, round, table: number(tableAt) };
    });
  }
  let history: RoundPlan[] | undefined;
  if (args.history !== undefined) {
    history = parseHistory(await readFile(args.history, 'utf8').catch(() => ''), args.history, t);
    if (held !== undefined) {
      if (held > history.length) throw new Stop(t('tables.errors.held', { held, rounds: history.length }));
      history = history.slice(0, held);
    }
  }
  let present: string[] | undefined;
  if (args.present !== undefined) {
    const text = await readTextFile(args.present);
    present = [];
    for (const [i, line] of text.split(/\r?\n/).entries()) {
      const id = line.trim();
      if (id === '') continue;
      if (!facilitators?.includes(id)) checkId(args.present, i + 1, undefined, id);
      present.push(id);
    }
  }
  return {
    people: people.map((p) => ({ id: p.id, values: p.features })),
    fields,
    tables,
    tableSize: size,
    rounds,
    facilitators,
    apart,
    fixed,
    history,
    present,
    seed: args.seed ?? '',
  };
}

function parseHistory(text: string, file: string, t: T): RoundPlan[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Stop(t('tables.errors.history', { file }));
  }
  const rounds = (data as { rounds?: unknown })?.rounds;
  const ok =
    Array.isArray(rounds) &&
    rounds.every(
      (round) =>
        Array.isArray(round?.tables) &&
        round.tables.every(
          (table: { members?: unknown; facilitator?: unknown }) =>
            Array.isArray(table?.members) &&
            table.members.every((m) => typeof m === 'string') &&
            (table.facilitator === undefined ||
              table.facilitator === null ||
              typeof table.facilitator === 'string'),
        ),
    );
  if (!ok) throw new Stop(t('tables.errors.history', { file }));
  return (rounds as RoundPlan[]).map((round) => ({
    tables: round.tables.map((table) => ({ members: table.members, facilitator: table.facilitator ?? null })),
  }));
}

/** Where each file's rows came from, so that an engine problem can name the file and line to fix. */
interface Origins {
  fixedLine: Map<string, number>;
}

/** The file (and line) an engine problem is about, named by the option that gave it. */
function placeOf(error: TablesInputError, args: TablesArgs, origins: Origins): string | undefined {
  const { code, params } = error;
  if (code.startsWith('fixed-') && args.fixed !== undefined) {
    const line = origins.fixedLine.get(`${params.id ?? params.a}\u0000${params.round}`);
    return describeLocation({ file: args.fixed, line });
  }
  if (code.startsWith('apart-') && args.apart !== undefined) return args.apart;
  if (code.startsWith('history-') && args.history !== undefined) return args.history;
  if (code === 'too-many-facilitators' && args.facilitators !== undefined) return args.facilitators;
  if (['cluster-too-large', 'too-many-tables', 'no-people', 'too-many-people'].includes(code))
    return args.people;
  return undefined;
}

function engineMessage(error: TablesInputError, t: T, args: TablesArgs, origins: Origins): string {
  const key = `tables.errors.engine.${error.code}`;
  const translated = t(key, error.params);
  const text = translated === key ? error.message : translated;
  const place = placeOf(error, args, origins);
  return place === undefined ? text : `${place}: ${text}`;
}

export function tablesSummary(result: TablesResult, t: T): string[] {
  const r = result.report;
  const last = result.rounds[result.rounds.length - 1];
  const people = last.tables.reduce((sum, table) => sum + table.members.length, 0);
  const lines = [
    t('tables.summary.seated', {
      count: people,
      people,
      tables: last.tables.length,
      rounds: result.rounds.length,
    }),
    t('tables.summary.pairs', { distinct: r.distinctPairs, repeated: r.repeatedPairs, max: r.maxMeetings }),
  ];
  if (r.clusterRepeatedPairs > 0) lines.push(t('tables.summary.clusters', { count: r.clusterRepeatedPairs }));
  lines.push(
    t('tables.summary.contacts', {
      lowest: r.contacts.lowest,
      mean: r.contacts.mean.toFixed(1),
      most: r.contacts.mostPossible,
    }),
  );
  if (Object.keys(r.meanDeviationByField).length > 0) {
    lines.push(t('tables.summary.deviation', { deviation: r.meanDeviation.toFixed(3) }));
  }
  for (const bound of r.bounds) {
    if (bound.code === 'social-golfer' && bound.value < result.rounds.length) {
      lines.push(t('tables.summary.golfer', { rounds: bound.value }));
    }
    if (bound.code === 'pigeonhole' && result.rounds.length > 1) lines.push(t('tables.summary.pigeonhole'));
  }
  return lines;
}

export async function tablesCommand(args: TablesArgs, io: CommandIO): Promise<number> {
  const t = translator(args.lang ?? 'en');
  const origins: Origins = { fixedLine: new Map() };
  try {
    const input = await buildInput(args, t, origins);
    const result = allocateTables(input);
    await writeResult(`${JSON.stringify(result, null, 2)}\n`, args.out, io.stdout, (file, reason) =>
      t('tables.errors.cannotWrite', { file, reason }),
    );
    for (const line of tablesSummary(result, t)) io.stderr(`${line}\n`);
    if (args.out !== undefined) io.stderr(`${t('tables.summary.written', { file: args.out })}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof Stop || error instanceof InputError) {
      io.stderr(`${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof TablesInputError) {
      io.stderr(`${engineMessage(error, t, args, origins)}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

/** Adds `lotta tables` to the program; its texts come from the `tables` message catalogue. */
export function registerTablesCommand(
  program: Command,
  lang: Lang,
  io: CommandIO,
  setExitCode: (code: number) => void,
): void {
  const t = translator(lang);
  program
    .command('tables')
    .description(t('tables.help.description'))
    .requiredOption('--people <file>', t('tables.help.people'))
    .option('--size <seats>', t('tables.help.size'))
    .requiredOption('--rounds <count>', t('tables.help.rounds'))
    .option('--tables <count>', t('tables.help.tables'))
    .option('--id-column <column>', t('tables.help.idColumn'))
    .option('--diversify <fields>', t('tables.help.diversify'))
    .option('--weights <field=weight,…>', t('tables.help.weights'))
    .option('--cluster <fields>', t('tables.help.cluster'))
    .option('--facilitators <file>', t('tables.help.facilitators'))
    .option('--apart <file>', t('tables.help.apart'))
    .option('--fixed <file>', t('tables.help.fixed'))
    .option('--history <file>', t('tables.help.history'))
    .option('--held <rounds>', t('tables.help.held'))
    .option('--present <file>', t('tables.help.present'))
    .option('--seed <text>', t('tables.help.seed'))
    .option('--out <file>', t('tables.help.out'))
    .action(async (options: Omit<TablesArgs, 'lang'>, command: Command) => {
      const chosen = (command.optsWithGlobals().lang as Lang | undefined) ?? lang;
      setExitCode(await tablesCommand({ ...options, lang: chosen }, io));
    });
}
