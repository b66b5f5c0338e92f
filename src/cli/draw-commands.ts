/**
 * The public draw on the command line: `commit` publishes a hash of the lottery before any public
 * randomness exists, `draw` turns the announced seed into one panel and writes a transcript, `verify`
 * lets anyone redo the draw from the transcript. The pure work is in src/sortition/{commitment,draw}.ts;
 * this file reads and checks files, writes JSON and tells people what happened.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { translator } from '../i18n/i18n.ts';
import { COMMITMENT_FORMAT, commitmentOf, type LotterySelection } from '../sortition/commitment.ts';
import { checkLottery, type DrawTranscript, makeTranscript, verifyTranscript } from '../sortition/draw.ts';
import {
  commitmentFileSchema,
  reservesTranscriptSchema,
  selectionSchema,
  transcriptSchema,
} from '../sortition/draw-files.ts';
import { clip } from '../sortition/echo.ts';
import { InputError } from '../sortition/model.ts';
import {
  RESERVES_TRANSCRIPT_FORMAT,
  type ReservesTranscript,
  verifyReservesTranscript,
} from '../sortition/reserves.ts';
import { jsonFileText, writeResult } from './output.ts';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_VERIFICATION_FAILED = 3;

/** Where a command writes; tests pass their own to capture the text. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIO: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** At most this many problems are printed; the rest are counted, so a broken file does not flood the terminal. */
const MAX_PRINTED_PROBLEMS = 20;

const HOW_TO_MAKE_A_LOTTERY =
  'Run `lotta select ... --panels 1000` first to make a selection file with a lottery.';

// ---- Reading and writing -----------------------------------------------------------------------------

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the file does not exist'
        : (error as Error).message;
    throw new InputError(`Cannot read ${file}: ${reason}.`, { file });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not valid JSON (${(error as Error).message}).`, { file });
  }
}

/** The first few schema issues, as `path: message`, short enough for one line. */
function describeIssues(error: z.ZodError): string {
  const shown = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
  if (error.issues.length > 3) shown.push(`and ${error.issues.length - 3} more`);
  return shown.join('; ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A selection file with a lottery, or an InputError saying what is wrong and how to get a good one. */
export async function readLotterySelection(file: string): Promise<LotterySelection> {
  const raw = await readJson(file);
  // The two usual mistakes get their own message before the schema's generic one.
  if (isRecord(raw) && raw.status === 'infeasible') {
    throw new InputError(
      `${file} records an infeasible selection, so there is no lottery to draw from. Fix the targets, then run \`lotta select ... --panels 1000\` again.`,
      { file },
    );
  }
  if (isRecord(raw) && raw.algorithm !== undefined && raw.lottery === undefined) {
    throw new InputError(`${file} is a selection file without a lottery. ${HOW_TO_MAKE_A_LOTTERY}`, { file });
  }
  const parsed = selectionSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `${file} is not a Lotta selection file with a lottery (${describeIssues(parsed.error)}). ${HOW_TO_MAKE_A_LOTTERY}`,
      { file },
    );
  }
  const selection: LotterySelection = parsed.data;
  return selection;
}

async function readTranscript(file: string): Promise<DrawTranscript> {
  const parsed = transcriptSchema.safeParse(await readJson(file));
  if (!parsed.success) {
    throw new InputError(
      `${file} is not a Lotta draw transcript (${describeIssues(parsed.error)}). A transcript is what \`lotta draw\` writes.`,
      { file },
    );
  }
  const transcript: DrawTranscript = parsed.data;
  return transcript;
}

/** The published commitment, given either as the hex value itself or as the file `lotta commit` wrote. */
async function resolveCommitment(given: string): Promise<string> {
  const trimmed = given.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return trimmed.toLowerCase();
  const parsed = commitmentFileSchema.safeParse(await readJson(trimmed));
  if (!parsed.success) {
    throw new InputError(
      `${trimmed} is neither a commitment (64 hex digits) nor a commitment file written by \`lotta commit\`.`,
      { file: trimmed },
    );
  }
  return parsed.data.commitment;
}

/**
 * JSON with 2-space indentation and a final newline, to `out` or to stdout, written in pieces: a
 * transcript holds the whole pool, which may be too long for one string.
 */
async function writeJson(value: unknown, out: string | undefined, io: CommandIO): Promise<void> {
  await writeResult(
    jsonFileText(value),
    out,
    io.stdout,
    (file, reason) => `Cannot write ${file}: ${reason}.`,
  );
}

function listProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, MAX_PRINTED_PROBLEMS).map((p) => `  - ${p}\n`);
  const more = problems.length - MAX_PRINTED_PROBLEMS;
  return shown.join('') + (more > 0 ? `  … and ${more} more\n` : '');
}

/** Runs a command body; a problem with the input becomes a message and exit code 1. */
async function run(io: CommandIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${clip(error.message)}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

/** Refuses to commit to, or draw from, a lottery whose own panels break the rules. */
function lotteryProblems(file: string, selection: LotterySelection, io: CommandIO): boolean {
  const problems = checkLottery(selection);
  if (problems.length === 0) return false;
  io.stderr(
    `The lottery in ${file} does not pass its checks (${problems.length} problem(s)):\n${listProblems(problems)}`,
  );
  return true;
}

// ---- The commands --------------------------------------------------------------------------------------

/** `lotta commit`: the value to publish before the seed is known. */
export async function commitCommand(
  opts: { lottery: string; out?: string },
  io: CommandIO = processIO,
): Promise<number> {
  return run(io, async () => {
    const selection = await readLotterySelection(opts.lottery);
    if (lotteryProblems(opts.lottery, selection, io)) return EXIT_BAD_INPUT;
    const commitment = commitmentOf(selection);
    await writeJson(
      {
        format: COMMITMENT_FORMAT,
        commitment,
        algorithm: selection.algorithm,
        engine: { name: selection.engine.name, version: selection.engine.version },
        lotterySize: selection.lottery.panels.length,
        people: selection.input.people.length,
      },
      opts.out,
      io,
    );
    io.stderr(
      `Commitment ${commitment}\n` +
        `for a lottery of ${selection.lottery.panels.length} panels over ${selection.input.people.length} people ` +
        `(${selection.algorithm}, ${selection.engine.name} ${selection.engine.version}).\n` +
        'Publish it before the seed is known; then draw with the announced seed.\n',
    );
    return EXIT_OK;
  });
}

/** `lotta draw`: one panel from the lottery by the public seed, with a transcript anyone can check. */
export async function drawCommand(
  opts: { lottery: string; seed: string; out?: string },
  io: CommandIO = processIO,
): Promise<number> {
  return run(io, async () => {
    const selection = await readLotterySelection(opts.lottery);
    if (lotteryProblems(opts.lottery, selection, io)) return EXIT_BAD_INPUT;
    const transcript = makeTranscript(selection, opts.seed);
    await writeJson(transcript, opts.out, io);
    io.stderr(
      `Seed "${transcript.seed}" drew lottery panel #${transcript.index} of ${selection.lottery.panels.length} (counting from 0)\n` +
        `under commitment ${transcript.commitment}.\n` +
        `Members (${transcript.members.length}): ${transcript.members.join(', ')}\n`,
    );
    return EXIT_OK;
  });
}

/** What `lotta verify` says, in the chosen language (catalogue keys `cli.verify.…`). */
function verifyMessages(lang: 'en' | 'sv') {
  const t = translator(lang);
  return {
    ok: (d: DrawTranscript) =>
      t('cli.verify.ok', {
        seed: d.seed,
        index: d.index,
        panels: d.selection.lottery.panels.length,
        commitment: d.commitment,
        count: d.members.length,
        members: d.members.join(', '),
      }),
    failed: (count: number) => t('cli.verify.failed', { count }),
    okReserves: (d: ReservesTranscript) =>
      t('cli.verify.okReserves', {
        seed: d.seed,
        count: d.order.length,
        commitment: d.commitment,
        order: d.order.join(', '),
      }),
  };
}

/**
 * `lotta verify`: redo the draw from a transcript. `commitment` is the published value (hex, or the
 * file `lotta commit` wrote); `seed`, the announced public randomness, makes a swapped seed fail even
 * when it would draw the same index.
 */
export async function verifyCommand(
  opts: { transcript: string; commitment?: string; seed?: string; lang?: 'en' | 'sv' },
  io: CommandIO = processIO,
): Promise<number> {
  const messages = verifyMessages(opts.lang ?? 'en');
  return run(io, async () => {
    const expected = opts.commitment === undefined ? undefined : await resolveCommitment(opts.commitment);
    const raw = await readJson(opts.transcript);
    if ((raw as { format?: unknown })?.format === RESERVES_TRANSCRIPT_FORMAT) {
      const parsedReserves = reservesTranscriptSchema.safeParse(raw);
      if (!parsedReserves.success) {
        throw new InputError(
          `${opts.transcript} is not a complete reserve-list transcript (${describeIssues(parsedReserves.error)}).`,
          { file: opts.transcript },
        );
      }
      const reserves = parsedReserves.data as ReservesTranscript;
      const checked = verifyReservesTranscript(reserves, expected, opts.seed);
      if (!checked.ok) {
        io.stderr(messages.failed(checked.problems.length) + listProblems(checked.problems));
        return EXIT_VERIFICATION_FAILED;
      }
      io.stderr(messages.okReserves(reserves));
      return EXIT_OK;
    }
    const transcript = await readTranscript(opts.transcript);
    const result = verifyTranscript(transcript, expected, opts.seed);
    if (!result.ok) {
      io.stderr(messages.failed(result.problems.length) + listProblems(result.problems));
      return EXIT_VERIFICATION_FAILED;
    }
    io.stderr(messages.ok(transcript));
    return EXIT_OK;
  });
}
