/**
 * The public assembly page as one value: the page, its JSON (`/public/<slug>.json`), its CSV files
 * and its Atom feed all render the same `PublicPage`, so they cannot say different things. It is
 * gathered from the assembly's repositories only once an organiser has published the page, and only
 * the sections she left in. Members are never named, except a minority statement's signatories who
 * gave their publish-name consent; everything else is figures, texts the assembly published, and
 * the names of experts, the coordinator and the advisory board, who speak in public.
 */

import { hoursByType, type SessionStatus, type SessionType, sessionHours } from '../domain/programme.ts';
import {
  type AdvisoryBoardMember,
  advisoryBoardOf,
  type Licence,
  licences,
  type PublicSection,
  publicFormatVersion,
  publicSections,
  publishedDate,
} from '../domain/public-page.ts';
import type { RecommendationStatus } from '../domain/recommendations.ts';
import type { RequestKind, RequestStatus } from '../domain/requests.ts';
import type { TargetKind } from '../domain/targets.ts';
import { languages, translator } from '../i18n/i18n.ts';
import { valueLabel } from '../report/format.ts';
import {
  type Assembly,
  findAssembly,
  findAssemblyBySlug,
  type LocalText,
} from '../repositories/assemblies.ts';
import { listEvidence, listExperts } from '../repositories/evidence.ts';
import type { Executor } from '../repositories/executor.ts';
import { listStatements } from '../repositories/minority-statements.ts';
import { peopleWithConsent } from '../repositories/people.ts';
import { listPublicDraws } from '../repositories/public-draws.ts';
import {
  findPublicPage,
  firstPublications,
  listPublishedPages,
  type PublicPageSettings,
} from '../repositories/public-pages.ts';
import { listRecommendations } from '../repositories/recommendations.ts';
import { listRequestLog } from '../repositories/requests.ts';
import { listSessions } from '../repositories/sessions.ts';
import { listSubmissions } from '../repositories/submissions.ts';
import type { VoteSettings } from '../voting/model.ts';
import type { Tally } from '../voting/tally.ts';
import { type PublicAnswers, publicAnswers } from './answers.ts';
import { readReport } from './report.ts';
import { closedVoteResults, type VoteResult } from './vote-results.ts';

/** A decision maker's answer to one recommendation, with its follow-up (built by the answers slice). */
export interface PublicAnswer {
  recommendationId: string;
  /** accepted, partly_accepted, not_accepted or under_consideration; null while none is published. */
  status: string | null;
  reasons: string;
  bodyResponsible: string;
  timeline: string;
  /** When the answer was published; null while there is none. */
  publishedAt: string | null;
  handoverOn: string | null;
  deadline: string | null;
  /** No answer published and the deadline has passed. */
  overdue: boolean;
  /** Published after the deadline. */
  answeredLate: boolean;
  /**
   * Newest first. `stage`: planned, started, partly_done, done or stopped — or null when the update
   * gives its progress in per cent instead.
   */
  updates: {
    at: string;
    stage: string | null;
    progress: number | null;
    text: string;
    link: string | null;
    /** When the update was written (and so published). */
    publishedAt: string;
  }[];
}

/** The answers slice's published answers (src/queries/answers.ts) as the public page shows them. */
export function publicAnswerList(answers: PublicAnswers): PublicAnswer[] {
  return Object.values(answers).map((a) => ({
    recommendationId: a.recommendationId,
    status: a.answer?.status ?? null,
    reasons: a.answer?.reasons ?? '',
    bodyResponsible: a.answer?.bodyResponsible ?? '',
    timeline: a.answer ? [a.answer.timeline, a.answer.timelineDate ?? ''].filter(Boolean).join(' — ') : '',
    publishedAt: a.answer?.publishedAt ?? null,
    handoverOn: a.handoverDate,
    deadline: a.deadline,
    overdue: a.overdue,
    answeredLate: a.answeredLate,
    updates: a.updates.map((u) => ({
      at: u.onDate,
      stage: u.stage,
      progress: u.progress,
      text: u.text,
      link: u.evidenceUrl || null,
      publishedAt: u.createdAt,
    })),
  }));
}

export interface PublicVote {
  id: string;
  question: string;
  closedAt: string;
  /** The rule, quorum and abstentions exactly as the vote was run (see src/voting/model.ts). */
  rule: VoteSettings['rule'];
  quorum: VoteSettings['quorum'];
  abstentions: VoteSettings['abstentions'];
  ballots: number;
  yes: number;
  no: number;
  abstain: number;
  consent: number;
  objections: number;
  /** Under a gradient rule, how many chose each level (index 0 is level 1); otherwise null. */
  distribution: number[] | null;
  base: number;
  support: number;
  /** The least support that adopts (under consent, the most objections: 0). */
  threshold: number;
  quorumMet: boolean;
  adopted: boolean;
  reason: Tally['reason'];
  ballotsHash: string;
  intact: boolean;
}

export interface PublicMinorityStatement {
  id: string;
  text: string;
  createdAt: string;
  publishedAt: string | null;
  signatureCount: number;
  /** Only the signatories who consented to their name being published, in signing order. */
  namedSignatories: string[];
}

export interface PublicRecommendation {
  id: string;
  title: string;
  body: string;
  rationale: string;
  status: RecommendationStatus;
  publishedAt: string | null;
  vote: PublicVote | null;
  minorityStatements: PublicMinorityStatement[];
}

interface Dated {
  /** When this section was first published. */
  publishedAt: string | null;
}

export interface PublicPage {
  formatVersion: typeof publicFormatVersion;
  assembly: {
    slug: string;
    title: LocalText;
    languages: string[];
    startsOn: string | null;
    endsOn: string | null;
  };
  publishedAt: string;
  licence: { id: Licence; name: string; url: string };
  /** The sections the page shows, in order. */
  sections: PublicSection[];
  about:
    | (Dated & {
        remit: LocalText;
        commissioner: string;
        fundingSource: string;
        /** Whole kronor; null when not given. */
        fundingAmount: number | null;
        currency: 'SEK';
        coordinator: string;
        advisoryBoard: AdvisoryBoardMember[];
      })
    | null;
  selection:
    | (Dated & {
        /** How the members were selected, in the organisers' words; null: the page's standard description. */
        method: string | null;
        panelSize: number;
        invitationsSent: number;
        volunteers: number;
        draws: {
          id: string;
          kind: 'panel' | 'reserves';
          replacement: boolean;
          announcedAt: string;
          drawnAt: string | null;
          commitment: string;
          seed: string | null;
          verifyUrl: string;
        }[];
      })
    | null;
  representativeness:
    | (Dated & {
        targetKind: TargetKind | null;
        totals: { pool: number; panel: number; confirmed: number; targets: number; targetsMet: number };
        invitations: { sent: number; registered: number; responseRate: number | null };
        questions: {
          key: string;
          label: LocalText;
          values: {
            value: string;
            label: LocalText;
            populationShare: number | null;
            targetMin: number | null;
            targetMax: number | null;
            pool: number;
            poolShare: number | null;
            panel: number;
            panelShare: number | null;
            met: boolean | null;
          }[];
        }[];
      })
    | null;
  programme:
    | (Dated & {
        hours: { byType: Record<SessionType, number>; total: number };
        sessions: {
          id: string;
          title: LocalText;
          type: SessionType;
          status: SessionStatus;
          startsAt: string;
          endsAt: string;
          hours: number;
          publishedAt: string | null;
        }[];
      })
    | null;
  evidence:
    | (Dated & {
        items: {
          id: string;
          title: string;
          summary: string;
          source: string;
          publishedOn: string | null;
          perspective: string;
          link: string | null;
          fromPublic: boolean;
          publishedAt: string | null;
        }[];
        experts: {
          id: string;
          name: string;
          organisation: string;
          topic: string;
          interests: string;
          noneDeclared: boolean;
          publishedAt: string | null;
        }[];
      })
    | null;
  requests:
    | (Dated & {
        counts: Record<RequestStatus, number>;
        items: {
          id: string;
          kind: RequestKind;
          askedAt: string;
          question: string;
          status: RequestStatus;
          answer: string;
          handledAt: string | null;
          publishedAt: string | null;
        }[];
      })
    | null;
  submissions:
    | (Dated & {
        counts: { received: number; accepted: number; rejected: number };
        /** Those the organisers accepted into the evidence library. */
        items: {
          id: string;
          title: string;
          sentAt: string;
          sender: string | null;
          publishedAt: string | null;
        }[];
      })
    | null;
  recommendations: (Dated & { items: PublicRecommendation[] }) | null;
  answers: (Dated & { items: PublicAnswer[] }) | null;
}

export interface PublicPageOptions {
  /** The site's origin, for the draws' verification addresses. */
  origin: string;
  /** The decision makers' published answers (`publicAnswers` of src/queries/answers.ts). */
  answers: readonly PublicAnswer[];
}

type Firsts = Map<string, string>;

function dated(firsts: Firsts, section: PublicSection) {
  return firsts.get(section) ?? null;
}

function aboutSection(assembly: Assembly, settings: PublicPageSettings, firsts: Firsts): PublicPage['about'] {
  return {
    publishedAt: dated(firsts, 'about'),
    remit: assembly.remit,
    commissioner: assembly.commissioner,
    fundingSource: assembly.funding_source,
    fundingAmount: settings.fundingAmount,
    currency: 'SEK',
    coordinator: assembly.coordinator,
    advisoryBoard: advisoryBoardOf(settings.advisoryBoard),
  };
}

async function selectionSection(
  db: Executor,
  assembly: Assembly,
  settings: PublicPageSettings,
  report: Awaited<ReturnType<typeof readReport>>['report'],
  firsts: Firsts,
  origin: string,
): Promise<PublicPage['selection']> {
  const draws = await listPublicDraws(db, assembly.id);
  const base = `${origin}/public/${encodeURIComponent(assembly.slug)}/draw`;
  return {
    publishedAt: dated(firsts, 'selection'),
    method: settings.selectionMethod || null,
    panelSize: assembly.panel_size,
    invitationsSent: report.invitations.sent,
    volunteers: report.totals.pool,
    draws: draws
      .sort((a, b) => a.published_at.localeCompare(b.published_at))
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        replacement: d.run_kind === 'replacement',
        announcedAt: d.published_at,
        drawnAt: d.drawn_at,
        commitment: d.commitment,
        seed: d.seed,
        verifyUrl: `${base}/${d.id}/verify`,
      })),
  };
}

function representativenessSection(
  data: Awaited<ReturnType<typeof readReport>>['report'],
  firsts: Firsts,
): PublicPage['representativeness'] {
  const label = (q: (typeof data.sections)[number]['question'], value: string) =>
    Object.fromEntries(languages.map((l) => [l, valueLabel(q, value, l, translator(l))]));
  return {
    publishedAt: dated(firsts, 'representativeness'),
    targetKind: data.targetKind,
    totals: {
      pool: data.totals.pool,
      panel: data.totals.panel,
      confirmed: data.totals.confirmed,
      targets: data.totals.targets,
      targetsMet: data.totals.targetsMet,
    },
    invitations: data.invitations,
    questions: data.sections.map(({ question, rows }) => ({
      key: question.key,
      label: question.label,
      values: rows.map((r) => ({
        value: r.value,
        label: label(question, r.value),
        populationShare: r.populationShare,
        targetMin: r.target?.min ?? null,
        targetMax: r.target?.max ?? null,
        pool: r.pool,
        poolShare: r.poolShare,
        panel: r.panel,
        panelShare: r.panelShare,
        met: r.met,
      })),
    })),
  };
}

async function programmeSection(
  db: Executor,
  assemblyId: string,
  firsts: Firsts,
): Promise<PublicPage['programme']> {
  const first = dated(firsts, 'programme');
  // Drafts are the organisers' plans, not yet the programme.
  const sessions = (await listSessions(db, assemblyId)).filter((s) => s.status !== 'draft');
  return {
    publishedAt: first,
    hours: hoursByType(sessions),
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      type: s.type,
      status: s.status,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      hours: sessionHours(s),
      publishedAt: publishedDate(first, s.updatedAt),
    })),
  };
}

async function evidenceSection(
  db: Executor,
  assemblyId: string,
  firsts: Firsts,
): Promise<PublicPage['evidence']> {
  const first = dated(firsts, 'evidence');
  const [items, experts] = await Promise.all([listEvidence(db, assemblyId), listExperts(db, assemblyId)]);
  return {
    publishedAt: first,
    items: items.map((i) => ({
      id: i.id,
      title: i.title,
      summary: i.summary,
      source: i.source,
      publishedOn: i.published_on,
      perspective: i.perspective,
      link: i.link,
      fromPublic: i.origin === 'public',
      publishedAt: publishedDate(first, i.created_at),
    })),
    // An expert's e-mail is personal data; her name, organisation and interests are what the public judges.
    experts: experts.map((e) => ({
      id: e.id,
      name: e.name,
      organisation: e.organisation,
      topic: e.topic,
      interests: e.interests,
      noneDeclared: e.none_declared,
      publishedAt: publishedDate(first, e.created_at),
    })),
  };
}

async function requestsSection(
  db: Executor,
  assemblyId: string,
  firsts: Firsts,
): Promise<PublicPage['requests']> {
  const first = dated(firsts, 'requests');
  const log = [...(await listRequestLog(db, assemblyId))].reverse();
  const counts: Record<RequestStatus, number> = { open: 0, answered: 0, declined: 0 };
  for (const r of log) counts[r.status]++;
  return {
    publishedAt: first,
    counts,
    items: log.map((r) => ({
      id: r.id,
      kind: r.kind,
      askedAt: r.askedAt,
      question: r.question,
      status: r.status,
      answer: r.answer,
      handledAt: r.handledAt,
      publishedAt: publishedDate(first, r.handledAt ?? r.askedAt),
    })),
  };
}

async function submissionsSection(
  db: Executor,
  assemblyId: string,
  firsts: Firsts,
): Promise<PublicPage['submissions']> {
  const first = dated(firsts, 'submissions');
  const all = [...(await listSubmissions(db, assemblyId))].reverse();
  const accepted = all.filter((s) => s.status === 'accepted');
  return {
    publishedAt: first,
    counts: {
      received: all.length,
      accepted: accepted.length,
      rejected: all.filter((s) => s.status === 'rejected').length,
    },
    items: accepted.map((s) => ({
      id: s.id,
      title: s.title,
      sentAt: s.created_at,
      // The sender is named only when she asked to be, and not once her data was erased.
      sender:
        s.publish_name && !s.sender_erased_at
          ? [s.sender_name, s.sender_organisation].filter(Boolean).join(', ') || null
          : null,
      publishedAt: publishedDate(first, s.reviewed_at),
    })),
  };
}

function publicVote(result: VoteResult): PublicVote {
  const { tally, settings } = result;
  return {
    id: result.id,
    question: result.question,
    closedAt: result.closedAt,
    rule: settings.rule,
    quorum: settings.quorum,
    abstentions: settings.abstentions,
    ballots: tally.ballots,
    yes: tally.yes,
    no: tally.no,
    abstain: tally.abstain,
    consent: tally.consent,
    // Objections are counted only: a named vote's names are members' names.
    objections: tally.objections.length,
    distribution: tally.distribution,
    base: tally.base,
    support: tally.support,
    threshold: tally.needed,
    quorumMet: tally.quorum.met,
    adopted: tally.adopted,
    reason: tally.reason,
    ballotsHash: result.ballotsHash,
    intact: result.intact,
  };
}

/** Recommendations that went to the plenary, each with its last vote and its minority statements. */
async function recommendationsSection(
  db: Executor,
  assemblyId: string,
  firsts: Firsts,
): Promise<PublicPage['recommendations']> {
  const first = dated(firsts, 'recommendations');
  const shown: RecommendationStatus[] = ['plenary', 'adopted', 'not_adopted'];
  const recommendations = (await listRecommendations(db, assemblyId)).filter((r) => shown.includes(r.status));
  const votes = new Map<string, VoteResult>();
  for (const v of await closedVoteResults(db, assemblyId))
    if (v.recommendationId && !v.amendmentId) votes.set(v.recommendationId, v);
  const statements = (await listStatements(db, assemblyId)).filter((s) => !s.withdrawn_at);
  const consenting = await peopleWithConsent(
    db,
    statements.flatMap((s) => s.signatures.map((g) => g.personId)),
    'publish_name',
  );
  return {
    publishedAt: first,
    items: recommendations.map((r) => {
      const vote = votes.get(r.id);
      return {
        id: r.id,
        title: r.title,
        body: r.body,
        rationale: r.rationale,
        status: r.status,
        publishedAt: publishedDate(first, vote?.closedAt ?? r.updated_at),
        vote: vote ? publicVote(vote) : null,
        minorityStatements: statements
          .filter((s) => s.recommendation_id === r.id)
          .map((s) => ({
            id: s.id,
            text: s.text,
            createdAt: s.created_at,
            publishedAt: publishedDate(first, s.created_at),
            signatureCount: s.signatures.length,
            namedSignatories: s.signatures.flatMap((g) =>
              g.name && consenting.has(g.personId) ? [g.name] : [],
            ),
          })),
      };
    }),
  };
}

/** The page of an assembly as published now, or null when it is not public. */
export async function buildPublicPage(
  db: Executor,
  assembly: Assembly,
  settings: PublicPageSettings,
  options: PublicPageOptions,
): Promise<PublicPage | null> {
  if (!settings.publishedAt) return null;
  const firsts = await firstPublications(db, assembly.id);
  const show = (s: PublicSection) => !settings.hiddenSections.includes(s);
  const needsReport = show('selection') || show('representativeness');
  const report = needsReport
    ? (await readReport(db, assembly, { language: 'sv', origin: options.origin })).report
    : null;
  const licence = licences[settings.licence];
  const answersFirst = dated(firsts, 'answers');
  return {
    formatVersion: publicFormatVersion,
    assembly: {
      slug: assembly.slug,
      title: assembly.title,
      languages: assembly.languages,
      startsOn: assembly.starts_on,
      endsOn: assembly.ends_on,
    },
    publishedAt: firsts.get('page') ?? settings.publishedAt,
    licence: { id: settings.licence, name: licence.name, url: licence.url },
    sections: publicSections.filter(show),
    about: show('about') ? aboutSection(assembly, settings, firsts) : null,
    selection:
      show('selection') && report
        ? await selectionSection(db, assembly, settings, report, firsts, options.origin)
        : null,
    representativeness:
      show('representativeness') && report ? representativenessSection(report, firsts) : null,
    programme: show('programme') ? await programmeSection(db, assembly.id, firsts) : null,
    evidence: show('evidence') ? await evidenceSection(db, assembly.id, firsts) : null,
    requests: show('requests') ? await requestsSection(db, assembly.id, firsts) : null,
    submissions: show('submissions') ? await submissionsSection(db, assembly.id, firsts) : null,
    recommendations: show('recommendations') ? await recommendationsSection(db, assembly.id, firsts) : null,
    answers: show('answers')
      ? {
          publishedAt: answersFirst,
          // An answer not yet given has no date of its own (it may show as overdue).
          items: options.answers.map((a) => ({
            ...a,
            publishedAt: a.publishedAt ? publishedDate(answersFirst, a.publishedAt) : null,
          })),
        }
      : null,
  };
}

/** The public page of the assembly at `slug`, or null when there is none or it is not published. */
export async function publicPageOf(
  db: Executor,
  slug: string,
  options: Omit<PublicPageOptions, 'answers'>,
): Promise<PublicPage | null> {
  const assembly = await findAssemblyBySlug(db, slug);
  if (!assembly) return null;
  const settings = await findPublicPage(db, assembly.id);
  if (!settings?.publishedAt) return null;
  const answers = publicAnswerList(await publicAnswers(db, assembly.id, new Date()));
  return buildPublicPage(db, assembly, settings, { ...options, answers });
}

export interface PublishedAssembly {
  slug: string;
  title: LocalText;
  publishedAt: string;
  startsOn: string | null;
  endsOn: string | null;
}

/** Every assembly whose page is public, most recently published first. */
export async function publishedAssemblies(db: Executor): Promise<PublishedAssembly[]> {
  const out: PublishedAssembly[] = [];
  for (const page of await listPublishedPages(db)) {
    const assembly = await findAssembly(db, page.assemblyId);
    if (!assembly) continue;
    out.push({
      slug: assembly.slug,
      title: assembly.title,
      publishedAt: page.publishedAt,
      startsOn: assembly.starts_on,
      endsOn: assembly.ends_on,
    });
  }
  return out;
}

/** What the organiser's publication tab shows: the settings (or none yet) and the sections' first dates. */
export interface PublicationView {
  settings: PublicPageSettings | null;
  firsts: Map<string, string>;
}

export async function publicationView(db: Executor, assemblyId: string): Promise<PublicationView> {
  const [settings, firsts] = await Promise.all([
    findPublicPage(db, assemblyId),
    firstPublications(db, assemblyId),
  ]);
  return { settings, firsts };
}
