/**
 * What the people pages show, read from the repositories in one place: the list with its filters and
 * counts, and one person's record. What is read follows the viewer's role: names, contacts, address,
 * answers and needs each need their own permission, and callers see only the people they have to
 * call, so what a role may not see is never loaded.
 */
import type { PersonRow } from '../db/schema.ts';
import { peoplePageSize } from '../domain/paging.ts';
import {
  allowedNextStatuses,
  isPersonStatus,
  type PersonStatus,
  personStatuses,
  seesStatus,
  visibleStatuses,
} from '../domain/person-status.ts';
import { preferNotToSay, type Question } from '../domain/questions.ts';
import { can, type Role } from '../domain/roles.ts';
import { listQuestions } from '../repositories/assemblies.ts';
import { type CallRecord, callHistoryOf } from '../repositories/call-outcomes.ts';
import type { Executor } from '../repositories/executor.ts';
import {
  type ConsentRow,
  countByAnswer,
  countByStatus,
  findAnswers,
  findContact,
  findNeeds,
  findPerson,
  listConsents,
  listPeople,
  type PersonListItem,
  type PersonNeeds,
  type StatusChange,
  statusHistory,
} from '../repositories/people.ts';

export { peoplePageSize } from '../domain/paging.ts';
export type { ConsentRow, PersonListItem, StatusChange };

/** Who is looking: the assembly and their role in it. */
export interface Viewer {
  assemblyId: string;
  role: Role;
}

/* ------------------------------------------------------------------------------------------------ */
/* The list                                                                                          */

/** The list's filters as the address gives them (already within their lengths). */
export interface ListQuery {
  q: string;
  status: string;
  /** `question:value`, as the answer filter's select posts it. */
  answer: string;
  page: number;
}

export interface PeopleList {
  /** The filters as applied: a status or answer the viewer may not filter by is dropped. */
  filters: ListQuery;
  /** The statuses the viewer may filter by (and sees in the counts). */
  statusChoices: readonly PersonStatus[];
  /** The questions, when the viewer may see answers; otherwise none. */
  questions: Question[];
  mayFilterByAnswer: boolean;
  /** Search by name and contact only when the viewer may see them; otherwise by reference. */
  searchesContacts: boolean;
  mayName: boolean;
  items: PersonListItem[];
  total: number;
  /** The counts for the charts; left out for htmx, which asks for the results only. */
  counts: { byStatus: Record<string, number>; byAnswer: Record<string, Record<string, number>> } | null;
}

/** The answer filter's question and value, when it names a question and one of its options. */
function parseAnswer(answer: string, questions: Question[]): { key: string; value: string } | null {
  const colon = answer.indexOf(':');
  if (colon < 1) return null;
  const key = answer.slice(0, colon);
  const value = answer.slice(colon + 1);
  const question = questions.find((q) => q.key === key);
  if (!question) return null;
  if (value !== preferNotToSay && !question.options.some((o) => o.value === value)) return null;
  return { key, value };
}

/** One page of the people list with its filters, and (unless `resultsOnly`) the counts for the charts. */
export async function readPeopleList(
  db: Executor,
  viewer: Viewer,
  query: ListQuery,
  options: { resultsOnly: boolean },
): Promise<PeopleList> {
  const mayFilterByAnswer = can(viewer.role, 'people:answers');
  const searchesContacts = can(viewer.role, 'people:contacts');
  const statuses = visibleStatuses(viewer.role);
  const statusChoices = statuses ?? personStatuses;
  const questions = mayFilterByAnswer ? await listQuestions(db, viewer.assemblyId) : [];
  const answer = mayFilterByAnswer ? parseAnswer(query.answer, questions) : null;
  const filters: ListQuery = {
    q: query.q,
    status: (statusChoices as readonly string[]).includes(query.status) ? query.status : '',
    answer: answer ? `${answer.key}:${answer.value}` : '',
    page: query.page,
  };
  const { items, total } = await listPeople(db, {
    assemblyId: viewer.assemblyId,
    search: filters.q || undefined,
    status: filters.status || undefined,
    statuses,
    answer: answer ?? undefined,
    searchContacts: searchesContacts,
    limit: peoplePageSize,
    offset: (filters.page - 1) * peoplePageSize,
  });
  const counts = options.resultsOnly
    ? null
    : {
        byStatus: await countByStatus(db, viewer.assemblyId),
        byAnswer: mayFilterByAnswer ? await countByAnswer(db, viewer.assemblyId) : {},
      };
  return {
    filters,
    statusChoices,
    questions,
    mayFilterByAnswer,
    searchesContacts,
    mayName: can(viewer.role, 'people:names'),
    items,
    total,
    counts,
  };
}

/* ------------------------------------------------------------------------------------------------ */
/* One person                                                                                        */

/** The person, when she is in this assembly and in a status the viewer sees; otherwise null. */
export async function findVisiblePerson(
  db: Executor,
  viewer: Viewer,
  personId: string,
): Promise<PersonRow | null> {
  const person = await findPerson(db, viewer.assemblyId, personId);
  return person && seesStatus(viewer.role, person.status) ? person : null;
}

/** What the viewer may see and do on a person's page. */
export interface PersonPermissions {
  names: boolean;
  contacts: boolean;
  /** Callers phone and write to people; where they live is not theirs to know. */
  address: boolean;
  answers: boolean;
  needs: boolean;
  /** Change the status (the moves allowed are in `allowedMoves`). */
  status: boolean;
  /** Export, personal link, consent withdrawal: the organiser's part. */
  organise: boolean;
  erase: boolean;
}

export type PersonContact = NonNullable<Awaited<ReturnType<typeof findContact>>>;

/** One person's page: the record and everything about her the viewer may see. */
export interface PersonRecord {
  person: PersonRow;
  may: PersonPermissions;
  /** The statuses the viewer may move her to now. */
  allowedMoves: PersonStatus[];
  history: StatusChange[];
  /** What callers noted ("call after 5 pm"), for those who phone; null for others. */
  calls: CallRecord[] | null;
  consents: ConsentRow[];
  /** Undefined when erased, not the viewer's to see, or never given. */
  contact: PersonContact | undefined;
  /** Null when erased or not the viewer's to see. */
  needs: PersonNeeds | null;
  questions: Question[];
  answers: Record<string, string>;
}

export function personPermissions(role: Role): PersonPermissions {
  return {
    names: can(role, 'people:names'),
    contacts: can(role, 'people:contacts'),
    address: can(role, 'people:address'),
    answers: can(role, 'people:answers'),
    needs: can(role, 'people:needs'),
    status: can(role, 'people:status'),
    organise: can(role, 'people:export'),
    erase: can(role, 'people:erase'),
  };
}

/** A person's page for the viewer, or null when she is not one the viewer may see. */
export async function readPersonRecord(
  db: Executor,
  viewer: Viewer,
  personId: string,
): Promise<PersonRecord | null> {
  const person = await findVisiblePerson(db, viewer, personId);
  if (!person) return null;
  const may = personPermissions(viewer.role);
  const erased = person.erased_at !== null;
  return {
    person,
    may,
    allowedMoves: isPersonStatus(person.status) ? allowedNextStatuses(person.status, viewer.role) : [],
    history: await statusHistory(db, person.id),
    calls: can(viewer.role, 'calls:make') ? await callHistoryOf(db, person.id) : null,
    consents: await listConsents(db, person.id),
    contact: !erased && (may.names || may.contacts) ? await findContact(db, person.id) : undefined,
    needs: !erased && may.needs ? await findNeeds(db, person.id) : null,
    questions: may.answers ? await listQuestions(db, viewer.assemblyId) : [],
    answers: may.answers ? await findAnswers(db, person.id) : {},
  };
}
