/**
 * What the public draw's files must look like: the selection file with a lottery, the commitment file,
 * and the transcripts of a panel draw and of a reserve list. `lotta commit/draw/verify` read files on
 * disk against these, and the platform reads the transcripts it stored against the same ones, so a
 * file means one thing wherever it is read. Unknown fields are stripped by zod, so anything a selection
 * file holds beyond these never reaches the commitment or the transcript.
 */
import { z } from 'zod';
import { COMMITMENT_FORMAT } from './commitment.ts';
import { TRANSCRIPT_FORMAT } from './draw.ts';
import { RESERVES_COMMITMENT_FORMAT, RESERVES_TRANSCRIPT_FORMAT } from './reserves.ts';

const personSchema = z.object({
  id: z.string().min(1),
  features: z.record(z.string(), z.string()),
  household: z.string().optional(),
});

const quotaSchema = z.object({
  feature: z.string(),
  value: z.string(),
  min: z.number(),
  max: z.number(),
  minFlex: z.number().optional(),
  maxFlex: z.number().optional(),
  source: z.object({ file: z.string(), row: z.number().optional() }).optional(),
});

const targetsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('quotas'), quotas: z.array(quotaSchema) }),
  z.object({
    kind: z.literal('points'),
    features: z.array(
      z.object({
        feature: z.string(),
        weight: z.number(),
        values: z.array(z.object({ value: z.string(), target: z.number() })),
      }),
    ),
    tolerance: z.number().optional(),
  }),
]);

export const selectionSchema = z.object({
  status: z.literal('ok'),
  algorithm: z.string(),
  engine: z.object({ name: z.string(), version: z.string() }),
  input: z.object({
    people: z.array(personSchema),
    targets: targetsSchema,
    panelSize: z.number().int().nonnegative(),
    keep: z.array(z.string()).optional(),
  }),
  probabilities: z.record(z.string(), z.number()).optional(),
  deviation: z.object({ best: z.number(), allowed: z.number() }).optional(),
  lottery: z.object({
    size: z.number().int(),
    panels: z.array(z.array(z.string())).min(1),
    probabilities: z.record(z.string(), z.number()),
    maxDeviation: z.number().optional(),
  }),
});

export const transcriptSchema = z.object({
  format: z.literal(TRANSCRIPT_FORMAT),
  commitment: z.string(),
  seed: z.string(),
  index: z.number().int(),
  rounds: z.number().int(),
  members: z.array(z.string()),
  selection: selectionSchema,
});

export const commitmentFileSchema = z.object({
  // The platform publishes reserve lists with their own commitment format; both carry the hash.
  format: z.union([z.literal(COMMITMENT_FORMAT), z.literal(RESERVES_COMMITMENT_FORMAT)]),
  commitment: z.string().regex(/^[0-9a-f]{64}$/),
});

export const reservesTranscriptSchema = z.object({
  format: z.literal(RESERVES_TRANSCRIPT_FORMAT),
  commitment: z.string(),
  seed: z.string(),
  order: z.array(z.string()),
  content: z.object({
    panelCommitment: z.string(),
    panel: z.array(z.string()),
    candidates: z.array(z.string()),
  }),
});
