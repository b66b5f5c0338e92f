/**
 * The report and its facts as zod schemas, for where they travel as JSON: the report PDF's job
 * carries both in its stored input, and its kind reads them back with these (see
 * src/jobs/job-kind.ts). Typed against the interfaces, so that the two cannot drift apart.
 */
import { z } from 'zod';
import type { Question } from '../domain/questions.ts';
import { targetKinds } from '../domain/targets.ts';
import type { DrawFact, ReplacementRoundFact, ReportFacts } from './format.ts';
import type {
  QuestionSection,
  RepresentativenessReport,
  TargetRange,
  ValueRow,
} from './representativeness.ts';

const localText = z.record(z.string(), z.string());

const question: z.ZodType<Question> = z.object({
  key: z.string(),
  label: localText,
  options: z.array(z.object({ value: z.string(), label: localText })),
});

const targetRange: z.ZodType<TargetRange> = z.object({
  min: z.number(),
  max: z.number(),
  point: z.number().optional(),
});

const valueRow: z.ZodType<ValueRow> = z.object({
  question: z.string(),
  value: z.string(),
  populationShare: z.number().nullable(),
  target: targetRange.nullable(),
  pool: z.number(),
  poolShare: z.number().nullable(),
  panel: z.number(),
  panelShare: z.number().nullable(),
  met: z.boolean().nullable(),
});

const questionSection: z.ZodType<QuestionSection> = z.object({ question, rows: z.array(valueRow) });

export const reportSchema: z.ZodType<RepresentativenessReport> = z.object({
  sections: z.array(questionSection),
  totals: z.object({
    pool: z.number(),
    panel: z.number(),
    confirmed: z.number(),
    selected: z.number(),
    targets: z.number(),
    targetsMet: z.number(),
  }),
  invitations: z.object({ sent: z.number(), registered: z.number(), responseRate: z.number().nullable() }),
  targetKind: z.enum(targetKinds).nullable(),
});

const drawFact: z.ZodType<DrawFact> = z.object({
  replacement: z.boolean(),
  drawnAt: z.string(),
  randomness: z.string(),
  seed: z.string(),
  commitment: z.string(),
  verifyUrl: z.string(),
});

const replacementRoundFact: z.ZodType<ReplacementRoundFact> = z.object({
  at: z.string(),
  pairs: z.array(z.object({ replaced: z.string(), replacement: z.string() })),
  changes: z.array(z.string()),
});

export const reportFactsSchema: z.ZodType<ReportFacts> = z.object({
  title: z.string(),
  remit: z.string(),
  commissioner: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  panelSize: z.number(),
  engineVersion: z.string().nullable(),
  runFinishedAt: z.string().nullable(),
  generatedAt: z.string(),
  draws: z.array(drawFact),
  replacements: z.array(replacementRoundFact),
});
