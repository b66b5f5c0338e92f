/**
 * `lotta invite`: the invitation lottery from the command line, for scripting and for the benchmark.
 * Draws the letters from a register extract (src/invitations) and writes them as a CSV with every
 * register column plus `invite_code`; the same seed gives a byte-identical file. A short summary
 * (rows, households, letters per stratum) goes to standard error.
 */
import { z } from 'zod';
import { numberFormatIn } from '../i18n/format.ts';
import { translator } from '../i18n/i18n.ts';
import { translateInputError } from '../i18n/input-errors.ts';
import {
  drawInvitations,
  type InvitationDrawResult,
  readWeightsFile,
} from '../invitations/draw-invitations.ts';
import { INVITE_CODE_COLUMN, lettersCsv } from '../invitations/letters-csv.ts';
import { readRegisterLayout } from '../invitations/register-reader.ts';
import { clip, shorten } from '../sortition/echo.ts';
import { InputError } from '../sortition/model.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from './draw-commands.ts';
import { type Lang, type Messages, messagesFor } from './messages.ts';
import { writeResult } from './output.ts';
import type { SelectIO } from './select-command.ts';

/** The options as commander hands them over: text, not yet checked. */
export interface InviteArgs {
  register: string;
  count: string;
  seed: string;
  household?: string;
  stratify?: string;
  weights?: string;
  out: string;
  lang?: Lang;
}

/** Strata listed in the summary; the rest are counted on one line. */
const SHOWN_STRATA = 30;
/** The progress line is redrawn at most this often. */
const PROGRESS_MS = 250;

function argsSchema(messages: Messages) {
  const { errors } = messages;
  return z.object({
    register: z.string(),
    count: z.string().transform((text, ctx) => {
      const trimmed = text.trim();
      const value = Number(trimmed);
      if (/^\d+$/.test(trimmed) && value >= 1 && Number.isSafeInteger(value)) return value;
      ctx.addIssue({ code: 'custom', message: errors.option('--count', errors.wholeNumber(1), text) });
      return z.NEVER;
    }),
    seed: z.string().refine((text) => text !== '', { message: errors.option('--seed', errors.notEmpty, '') }),
    household: z
      .string()
      .transform((text, ctx) => {
        const names = text
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name !== '');
        if (names.length > 0) return names;
        ctx.addIssue({ code: 'custom', message: errors.option('--household', errors.columnList, text) });
        return z.NEVER;
      })
      .optional(),
    stratify: z
      .string()
      .refine((text) => text.trim() !== '', { message: errors.option('--stratify', errors.notEmpty, '') })
      .optional(),
    weights: z.string().optional(),
    out: z.string(),
  });
}

type InviteOptions = z.infer<ReturnType<typeof argsSchema>>;

export function checkInviteArgs(args: InviteArgs, messages: Messages): InviteOptions {
  const parsed = argsSchema(messages).safeParse(args);
  if (!parsed.success) throw new InputError(parsed.error.issues[0].message, {}, 'bad-option');
  if (parsed.data.weights !== undefined && parsed.data.stratify === undefined) {
    throw new InputError(messages.errors.weightsWithoutStratify, {}, 'bad-option');
  }
  return parsed.data;
}

/** `lotta invite`; returns the exit code: 0 done, 1 bad input. */
export async function inviteCommand(args: InviteArgs, io: SelectIO): Promise<number> {
  const messages = messagesFor(args.lang ?? 'en');
  const number = numberFormatIn(messages.lang);
  let progressShown = false;
  try {
    const options = checkInviteArgs(args, messages);
    const weights = options.weights === undefined ? undefined : await readWeightsFile(options.weights);
    const layout = await readRegisterLayout(options.register);
    if (layout.columns.some((column) => column.toLowerCase() === INVITE_CODE_COLUMN)) {
      throw new InputError(messages.errors.inviteCodeColumn(options.register), { file: options.register });
    }
    let lastProgress = 0;
    const result = await drawInvitations(options.register, {
      count: options.count,
      seed: options.seed,
      householdColumns: options.household,
      stratifyColumn: options.stratify?.trim(),
      weights,
      onProgress: (rows) => {
        if (io.stderrIsTTY !== true || Date.now() - lastProgress < PROGRESS_MS) return;
        lastProgress = Date.now();
        io.stderr(`\r\x1b[K${messages.invite.progress(number.format(rows))}`);
        progressShown = true;
      },
    });
    if (progressShown) io.stderr('\r\x1b[K');
    progressShown = false;
    await writeResult(
      lettersCsv(result, layout.delimiter),
      options.out,
      io.stdout,
      messages.errors.cannotWrite,
    );
    io.stderr(summarizeDraw(result, options.out, options.stratify, messages));
    return EXIT_OK;
  } catch (error) {
    if (progressShown) io.stderr('\r\x1b[K');
    if (error instanceof InputError) {
      const translated =
        messages.lang === 'en' ? null : translateInputError(translator(messages.lang), error);
      io.stderr(`${translated?.translated ? clip(translated.text) : clip(error.message)}\n`);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
}

/** Rows, households, letters per stratum (largest first) and warnings, in the chosen language. */
export function summarizeDraw(
  result: InvitationDrawResult,
  out: string,
  stratify: string | undefined,
  messages: Messages,
): string {
  const number = numberFormatIn(messages.lang);
  const text = messages.invite;
  const lines = [
    text.read(number.format(result.rowsRead), number.format(result.households)),
    text.drew(number.format(result.letters.length), out),
  ];
  if (result.allocation.length > 0) {
    const strata = [...result.allocation].sort((a, b) => b.letters - a.letters);
    const shown = strata.slice(0, SHOWN_STRATA);
    const rows = [
      [text.columns.stratum, text.columns.households, text.columns.weight, text.columns.letters],
      ...shown.map((s) => [
        s.stratum === '' ? text.blank : shorten(s.stratum),
        number.format(s.households),
        number.format(s.weight),
        number.format(s.letters),
      ]),
    ];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
    lines.push('', text.strataHeading(stratify ?? ''));
    for (const row of rows) {
      lines.push(
        `  ${row.map((value, c) => (c === 0 ? value.padEnd(widths[c]) : value.padStart(widths[c]))).join('  ')}`,
      );
    }
    const rest = strata.slice(SHOWN_STRATA);
    if (rest.length > 0) {
      const letters = rest.reduce((sum, s) => sum + s.letters, 0);
      lines.push(`  ${text.moreStrata(rest.length, number.format(letters))}`);
    }
  }
  if (result.warnings.length > 0) {
    const { t } = messages;
    lines.push(
      '',
      messages.summary.warningsHeading,
      ...result.warnings.map(
        (warning) => `  - ${clip(t(`invitation_warnings.${warning.code}`, warning.params))}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
