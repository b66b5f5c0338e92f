/**
 * The read models of the follow-up: the staff page (every adopted recommendation with its vote
 * result, its answer's draft and published versions, implementation updates and where it stands
 * against the deadline), and `publicAnswers` for the public assembly page (published only).
 */
import { type AnswerStatus, answerTimeliness, type Timeliness } from '../domain/answers.ts';
import {
  type Answer,
  type AnswerDeadline,
  type AnswerVersion,
  findDeadline,
  type ImplementationUpdate,
  listAnswers,
  listAnswerVersions,
  listCommissioners,
  listUpdates,
} from '../repositories/answers.ts';
import type { Executor } from '../repositories/executor.ts';
import { listRecommendations, type Recommendation } from '../repositories/recommendations.ts';
import type { Tally } from '../voting/tally.ts';
import { closedVoteResults } from './vote-results.ts';

export interface AnswerItem {
  recommendation: Pick<Recommendation, 'id' | 'title' | 'body' | 'rationale'>;
  /** The plenary's decision: the tally of the last closed vote on it, when there is one. */
  tally: Tally | null;
  /** The working draft (what the form shows); null before anything was saved. */
  answer: Answer | null;
  /** Published versions, newest first: the first is what the public sees. */
  versions: AnswerVersion[];
  /** Implementation updates, newest first. */
  updates: ImplementationUpdate[];
  timeliness: Timeliness;
  /** True when the draft differs from what was published (or nothing is published yet). */
  unpublishedChanges: boolean;
}

export interface AnswersPage {
  deadline: AnswerDeadline | null;
  commissioners: { id: string; name: string; email: string }[];
  items: AnswerItem[];
}

function differs(answer: Answer | null, published: AnswerVersion | undefined): boolean {
  if (!answer) return false;
  if (!published) return true;
  return (
    answer.status !== published.status ||
    answer.reasons !== published.reasons ||
    answer.body_responsible !== published.body_responsible ||
    answer.timeline !== published.timeline ||
    answer.timeline_date !== published.timeline_date
  );
}

/** Every adopted recommendation of the assembly, oldest first, with its answer and follow-up. */
async function answerItems(db: Executor, assemblyId: string, now: Date, deadline: AnswerDeadline | null) {
  const [recommendations, answers, versions, updates, votes] = await Promise.all([
    listRecommendations(db, assemblyId),
    listAnswers(db, assemblyId),
    listAnswerVersions(db, assemblyId),
    listUpdates(db, assemblyId),
    closedVoteResults(db, assemblyId),
  ]);
  return recommendations
    .filter((r) => r.status === 'adopted')
    .map((r): AnswerItem => {
      const answer = answers.find((a) => a.recommendation_id === r.id) ?? null;
      const own = answer ? versions.filter((v) => v.answer_id === answer.id) : [];
      const vote = votes.filter((v) => v.recommendationId === r.id).at(-1);
      return {
        recommendation: { id: r.id, title: r.title, body: r.body, rationale: r.rationale },
        tally: vote?.tally ?? null,
        answer,
        versions: own,
        updates: updates.filter((u) => u.recommendation_id === r.id),
        timeliness: answerTimeliness(
          { deadline: deadline?.deadline ?? null, publishedAt: answer?.published_at ?? null },
          now,
        ),
        unpublishedChanges: differs(answer, own[0]),
      };
    });
}

export async function answersPage(db: Executor, assemblyId: string, now: Date): Promise<AnswersPage> {
  const deadline = await findDeadline(db, assemblyId);
  const [items, commissioners] = await Promise.all([
    answerItems(db, assemblyId, now, deadline),
    listCommissioners(db, assemblyId),
  ]);
  return {
    deadline,
    commissioners: commissioners.map((c) => ({ id: c.id, name: c.display_name, email: c.email })),
    items,
  };
}

/** One adopted recommendation with its answer, for the answer's form; null when not one. */
export async function answerCase(
  db: Executor,
  assemblyId: string,
  recommendationId: string,
  now: Date,
): Promise<{ deadline: AnswerDeadline | null; item: AnswerItem } | null> {
  const deadline = await findDeadline(db, assemblyId);
  const item = (await answerItems(db, assemblyId, now, deadline)).find(
    (i) => i.recommendation.id === recommendationId,
  );
  return item ? { deadline, item } : null;
}

/** What the public page shows of one recommendation's answer and follow-up: published text only. */
export interface PublicAnswer {
  recommendationId: string;
  /** The latest published version; null while no answer is published. */
  answer: {
    status: AnswerStatus;
    reasons: string;
    bodyResponsible: string;
    timeline: string;
    /** YYYY-MM-DD, or null. */
    timelineDate: string | null;
    /** When the answer was first published (a revision keeps it); `revisedAt` when it last changed. */
    publishedAt: string;
    revisedAt: string;
    version: number;
  } | null;
  /** Newest first; updates are published when written. */
  updates: {
    onDate: string;
    stage: ImplementationUpdate['stage'];
    progress: number | null;
    text: string;
    evidenceUrl: string;
    createdAt: string;
  }[];
  overdue: boolean;
  answeredLate: boolean;
  /** YYYY-MM-DD, or null when the organisers have not set them. */
  handoverDate: string | null;
  deadline: string | null;
}

export type PublicAnswers = Record<string, PublicAnswer>;

/**
 * The answers as the public assembly page shows them, by recommendation id, for every adopted
 * recommendation: drafts never appear, only published versions and updates.
 */
export async function publicAnswers(db: Executor, assemblyId: string, now: Date): Promise<PublicAnswers> {
  const deadline = await findDeadline(db, assemblyId);
  const out: PublicAnswers = {};
  for (const item of await answerItems(db, assemblyId, now, deadline)) {
    const latest = item.versions[0];
    out[item.recommendation.id] = {
      recommendationId: item.recommendation.id,
      answer:
        latest && item.answer?.published_at
          ? {
              status: latest.status,
              reasons: latest.reasons,
              bodyResponsible: latest.body_responsible,
              timeline: latest.timeline,
              timelineDate: latest.timeline_date,
              publishedAt: item.answer.published_at,
              revisedAt: latest.published_at,
              version: latest.number,
            }
          : null,
      updates: item.updates.map((u) => ({
        onDate: u.on_date,
        stage: u.stage,
        progress: u.progress,
        text: u.text,
        evidenceUrl: u.evidence_url,
        createdAt: u.created_at,
      })),
      overdue: item.timeliness === 'overdue',
      answeredLate: item.timeliness === 'late',
      handoverDate: deadline?.handoverDate ?? null,
      deadline: deadline?.deadline ?? null,
    };
  }
  return out;
}
