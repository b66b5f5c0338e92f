/**
 * What an assembly member's own page shows: her record as stored (so she can see it and ask for
 * corrections) and the assembly she belongs to. Read from several repositories into one object, so
 * the page only renders.
 */

import type { MemberSessionDetails } from '../domain/member-programme.ts';
import type { Question } from '../domain/questions.ts';
import { type Assembly, findAssembly, listQuestions } from '../repositories/assemblies.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  type ConsentRow,
  findAnswers,
  findContact,
  findNeeds,
  findPersonById,
  listConsents,
} from '../repositories/people.ts';
import type { AssemblySession } from '../repositories/sessions.ts';
import { hasOpenBallot } from './ballots.ts';
import { type OpenQuestionnaire, openQuestionnaires } from './evaluation.ts';
import { type MemberMoneyView, memberMoneyView } from './expenses.ts';
import { membersSessionDetails, programmeSessions } from './member-programme.ts';
import { memberRequests, type RequestLogEntry } from './requests.ts';

export type MemberPerson = NonNullable<Awaited<ReturnType<typeof findPersonById>>>;
export type MemberContact = Awaited<ReturnType<typeof findContact>>;

export interface MemberRecord {
  person: MemberPerson;
  assembly: Assembly;
  /** The questions she has answered, in the order the assembly asks them, with her answer. */
  answered: { question: Question; value: string }[];
  contact: MemberContact;
  needs: { needs: string[]; details: string | null };
  consents: ConsentRow[];
  /** The published programme, for a member who may see it (the confirmed panel); null otherwise. */
  programme: AssemblySession[] | null;
  /** Her questions with their answers, for a member who may ask (the confirmed panel); else null. */
  requests: RequestLogEntry[] | null;
  /** Her stipends and claims, for a member who may claim (the confirmed panel); null otherwise. */
  money: MemberMoneyView | null;
  /** Each session's materials, experts and latest change, by session id. */
  sessionDetails: Record<string, MemberSessionDetails>;
  /** Whether a vote she may vote in is open now (the page then leads to her votes). */
  voteOpen: boolean;
  /** The questionnaires she may still answer (the confirmed panel); empty otherwise. */
  questionnaires: OpenQuestionnaire[];
}

/** Her whole record, or null when she is no longer on record (erased, or her assembly gone). */
export async function memberRecord(db: Executor, personId: string): Promise<MemberRecord | null> {
  const person = await findPersonById(db, personId);
  if (!person || person.erased_at) return null;
  const assembly = await findAssembly(db, person.assembly_id);
  if (!assembly) return null;
  const questions = await listQuestions(db, assembly.id);
  const answers = await findAnswers(db, person.id);
  const programme = await programmeSessions(db, person);
  return {
    person,
    assembly,
    answered: questions.flatMap((question) =>
      answers[question.key] === undefined ? [] : [{ question, value: answers[question.key] }],
    ),
    contact: await findContact(db, person.id),
    needs: await findNeeds(db, person.id),
    consents: await listConsents(db, person.id),
    programme,
    sessionDetails: programme ? await membersSessionDetails(db, assembly.id, programme) : {},
    requests: await memberRequests(db, person),
    money: await memberMoneyView(db, person.id),
    voteOpen:
      person.status === 'confirmed' ? await hasOpenBallot(db, assembly.id, person.id, Date.now()) : false,
    questionnaires:
      person.status === 'confirmed' ? await openQuestionnaires(db, assembly.id, { personId: person.id }) : [],
  };
}
