/**
 * What the replacements page reads: the seats people left, how many seats are open, and each
 * replacement round with who took whose seat and its effect on every target, in the order the
 * assembly's questions list their answers.
 */
import type { Question } from '../domain/questions.ts';
import { type Seats, seatsOf } from '../domain/seats.ts';
import { type Assembly, listQuestions } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import { listReplacements, openSeats, type Replacement } from '../repositories/replacements.ts';
import { seatedPeople } from '../repositories/seats.ts';

/** One answer's count on the panel before and after a round. */
export interface EffectRow {
  questionKey: string;
  value: string;
  before: number;
  after: number;
}

export interface ReplacementRound {
  at: string;
  byName: string | null;
  pairs: { replaced: string; replacement: string }[];
  /** Question by question, each question's answers in its own order; unknown answers last. */
  effect: EffectRow[];
}

export interface ReplacementsView {
  /** People who left a seat and were not replaced yet. */
  left: { id: string; reference: string; status: string }[];
  seats: Seats;
  rounds: ReplacementRound[];
  questions: Question[];
}

/** Answers in the order the question lists them; "prefer not to say" and unknown values last. */
function optionOrder(questions: readonly Question[], key: string, value: string): number {
  const index = questions.find((q) => q.key === key)?.options.findIndex((o) => o.value === value) ?? -1;
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
}

/** Pairs of one replacement round share its run and its effect on the targets. */
function rounds(rows: readonly Replacement[], questions: readonly Question[]): ReplacementRound[] {
  const byRun = new Map<string, Replacement[]>();
  for (const row of rows) byRun.set(row.run_id, [...(byRun.get(row.run_id) ?? []), row]);
  return [...byRun.values()].map((round) => ({
    at: round[0].at,
    byName: round[0].by_name,
    pairs: round.map((r) => ({ replaced: r.replaced_reference, replacement: r.replacement_reference })),
    effect: Object.entries(round[0].effect).flatMap(([key, values]) =>
      Object.entries(values)
        .sort(([a], [b]) => optionOrder(questions, key, a) - optionOrder(questions, key, b))
        .map(([value, counts]) => ({ questionKey: key, value, ...counts })),
    ),
  }));
}

export async function replacementsView(db: Executor, assembly: Assembly): Promise<ReplacementsView> {
  const questions = await listQuestions(db, assembly.id);
  return {
    left: await openSeats(db, assembly.id),
    seats: seatsOf(assembly.panel_size, (await seatedPeople(db, assembly.id)).length),
    rounds: rounds(await listReplacements(db, assembly.id), questions),
    questions,
  };
}
