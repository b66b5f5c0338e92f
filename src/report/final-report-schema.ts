/**
 * The final report's content as one typed value per language, and its zod schema: a version's content
 * is stored as JSON (so an earlier version reads exactly as it was handed over) and decoded with this
 * schema in its repository. The types are read off the schema, so the two cannot drift apart.
 *
 * Words that depend on the language (a vote's rule, its outcome, a draw's source of randomness) are
 * set when the report is built; dates stay ISO instants and numbers stay numbers, for the page's and
 * the PDF's one formatter.
 */
import { z } from 'zod';
import { languages } from '../i18n/i18n.ts';

/** One closed vote on a recommendation (or an amendment to it), as the report states it. */
export const voteFactSchema = z.object({
  question: z.string(),
  /** Whether the vote was on an amendment to the recommendation rather than on the whole of it. */
  amendment: z.boolean(),
  /** The rule in words: "80 % of votes cast", with how abstentions and the quorum count. */
  rule: z.string(),
  quorumRule: z.string(),
  abstentionRule: z.string(),
  kind: z.enum(['majority', 'supermajority', 'consent', 'gradient']),
  ballots: z.number(),
  yes: z.number(),
  no: z.number(),
  abstain: z.number(),
  consent: z.number(),
  /** Under consent: each objection's reason (never who objected). */
  objections: z.array(z.string()),
  /** Under the gradient rule: how many chose each level, level 1 first. */
  distribution: z.array(z.number()).nullable(),
  /** Ballots over the members eligible (the panel); null when nobody was. */
  turnout: z.number().nullable(),
  quorumMet: z.boolean(),
  quorumNeeded: z.number(),
  support: z.number(),
  base: z.number(),
  needed: z.number(),
  adopted: z.boolean(),
  /** Why it came out as it did, in words. */
  outcome: z.string(),
  closedAt: z.string(),
  ballotsHash: z.string(),
  /** Whether the stored ballots still hash to what was frozen at closing. */
  intact: z.boolean(),
});
export type VoteFact = z.output<typeof voteFactSchema>;

export const minorityStatementSchema = z.object({
  /** Plain paragraphs separated by blank lines, as the member wrote them. */
  text: z.string(),
  /**
   * Her name; null when it is not printed: she has not agreed to her name being published (the
   * `publish_name` consent, as on the public page), or her data was erased.
   */
  author: z.string().nullable(),
  /** The others who signed it and agreed to their names being published, in signing order. */
  signatories: z.array(z.string()),
  /** How many others signed it without being named (versions made before this was counted: 0). */
  unnamed: z.number().int().min(0).default(0),
});
export type MinorityStatement = z.output<typeof minorityStatementSchema>;

export const reportRecommendationSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The text exactly as stored, paragraph by paragraph. */
  paragraphs: z.array(z.string()),
  rationale: z.array(z.string()),
  version: z.number(),
  status: z.enum(['draft', 'plenary', 'adopted', 'not_adopted', 'withdrawn']),
  votes: z.array(voteFactSchema),
  minorityStatements: z.array(minorityStatementSchema),
});
export type ReportRecommendation = z.output<typeof reportRecommendationSchema>;

export const reportGroupSchema = z.object({
  name: z.string(),
  recommendations: z.array(reportRecommendationSchema),
});
export type ReportGroup = z.output<typeof reportGroupSchema>;

const drawSchema = z.object({
  replacement: z.boolean(),
  drawnAt: z.string(),
  randomness: z.string(),
  seed: z.string(),
  commitment: z.string(),
  verifyUrl: z.string(),
});

const representativenessSchema = z.object({
  invitationsSent: z.number(),
  registrations: z.number(),
  pool: z.number(),
  panel: z.number(),
  targets: z.number(),
  targetsMet: z.number(),
  questions: z.array(
    z.object({
      label: z.string(),
      rows: z.array(
        z.object({
          value: z.string(),
          populationShare: z.number().nullable(),
          target: z.string(),
          panel: z.number(),
          panelShare: z.number().nullable(),
          met: z.boolean().nullable(),
        }),
      ),
    }),
  ),
});

const sessionSchema = z.object({
  title: z.string(),
  type: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  hours: z.number(),
  /** Members marked present; null before anyone was marked. */
  present: z.number().nullable(),
});

const expertSchema = z.object({
  name: z.string(),
  organisation: z.string(),
  topic: z.string(),
  interests: z.string(),
  noneDeclared: z.boolean(),
});

const evidenceSchema = z.object({
  title: z.string(),
  source: z.string(),
  publishedOn: z.string().nullable(),
  perspective: z.string(),
  link: z.string().nullable(),
});

const requestSchema = z.object({
  kind: z.enum(['information', 'speaker']),
  question: z.string(),
  status: z.enum(['open', 'answered', 'declined']),
  answer: z.string(),
  askedAt: z.string(),
});

export const finalReportSchema = z.object({
  language: z.enum(languages),
  title: z.string(),
  remit: z.string(),
  commissioner: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  generatedAt: z.string(),
  selection: z.object({
    panelSize: z.number(),
    /** How the members were drawn, in words. */
    method: z.string(),
    engineVersion: z.string().nullable(),
    draws: z.array(drawSchema),
  }),
  representativeness: representativenessSchema,
  sessions: z.array(sessionSchema),
  totalHours: z.number(),
  experts: z.array(expertSchema),
  evidence: z.array(evidenceSchema),
  requests: z.array(requestSchema),
  /** Adopted recommendations, by working group, in the groups' order. */
  adopted: z.array(reportGroupSchema),
  /** Those put to the plenary and not adopted (or withdrawn), with their votes. */
  notAdopted: z.array(reportGroupSchema),
});
export type FinalReport = z.output<typeof finalReportSchema>;
