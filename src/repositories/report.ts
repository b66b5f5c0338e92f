/** Counts for the representativeness report: people per status and answer, never who they are. */
import { type Executor, toCount } from './executor.ts';

export interface StatusAnswerCount {
  status: string;
  question: string;
  value: string;
  count: number;
}

export async function countAnswersByStatus(db: Executor, assemblyId: string): Promise<StatusAnswerCount[]> {
  const rows = await db
    .selectFrom('person_answers')
    .innerJoin('people', 'people.id', 'person_answers.person_id')
    .select([
      'people.status',
      'person_answers.question_key',
      'person_answers.value',
      (eb) => eb.fn.countAll().as('n'),
    ])
    .where('people.assembly_id', '=', assemblyId)
    .groupBy(['people.status', 'person_answers.question_key', 'person_answers.value'])
    .execute();
  return rows.map((r) => ({
    status: r.status,
    question: r.question_key,
    value: r.value,
    count: toCount(r.n as string | number),
  }));
}
