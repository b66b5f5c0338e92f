/**
 * The confirmation callers' list as its page shows it: the people to phone, most urgent first, split
 * into tabs ("still to call", "call again", everyone), paged, and where a caller lands after saving.
 */
import { type CallListFilter, callListFilters, callListStatuses, callsPageSize } from '../domain/calls.ts';
import { type Callee, listCallees } from '../repositories/call-outcomes.ts';
import type { Executor } from '../repositories/executor.ts';

export { type CallListFilter, callListFilters, callsPageSize } from '../domain/calls.ts';
export type { Callee };

/** Where the caller is in the list: which tab, which page, what they searched for. */
export interface Place {
  filter: CallListFilter;
  page: number;
  q: string;
}

/** Not yet confirmed and no yes or no since they were selected. */
function stillToCall(p: Callee): boolean {
  return p.status === 'selected' && !p.answeredSinceStatus;
}

function matches(p: Callee, filter: CallListFilter): boolean {
  if (filter === 'to_call') return stillToCall(p);
  if (filter === 'call_again') return stillToCall(p) && p.latest?.outcome === 'call_again';
  return true;
}

/** The people of one tab, in the list's order. */
export function inTab(list: readonly Callee[], filter: CallListFilter): Callee[] {
  return list.filter((p) => matches(p, filter));
}

function byUrgency(a: Callee, b: Callee): number {
  const rank = (p: Callee) => callListStatuses.indexOf(p.status as (typeof callListStatuses)[number]);
  return rank(a) - rank(b) || a.reference.localeCompare(b.reference);
}

/** Everyone on the call list matching the search (all of them without one), most urgent first. */
export async function readCallList(db: Executor, assemblyId: string, q: string): Promise<Callee[]> {
  const everyone = await listCallees(db, assemblyId, callListStatuses, { search: q || undefined });
  return everyone.sort(byUrgency);
}

/** One person on the call list, whether or not the caller's search finds her; undefined if not on it. */
export async function findCallee(
  db: Executor,
  assemblyId: string,
  personId: string,
  searched: readonly Callee[],
): Promise<Callee | undefined> {
  return (
    searched.find((p) => p.id === personId) ??
    (await readCallList(db, assemblyId, '')).find((p) => p.id === personId)
  );
}

/** A page of the list: the tab's people on it, the count of every tab and the place it shows. */
export interface CallListPage {
  everyone: Callee[];
  place: Place;
  /** How many people the tab holds, on all its pages. */
  total: number;
  counts: Record<CallListFilter, number>;
  pages: number;
  /** Index in the tab of the first card on the page. */
  first: number;
  shown: Callee[];
}

/** The page the caller asked for (the last one if they asked beyond it). */
export function callListPage(everyone: Callee[], requested: Place): CallListPage {
  const tab = inTab(everyone, requested.filter);
  const counts = Object.fromEntries(callListFilters.map((f) => [f, inTab(everyone, f).length])) as Record<
    CallListFilter,
    number
  >;
  const pages = Math.max(1, Math.ceil(tab.length / callsPageSize));
  const place: Place = { ...requested, page: Math.min(requested.page, pages) };
  const first = (place.page - 1) * callsPageSize;
  return {
    everyone,
    place,
    total: tab.length,
    counts,
    pages,
    first,
    shown: tab.slice(first, first + callsPageSize),
  };
}

/** The page of the call list at a place, read from the database. */
export async function readCallListPage(db: Executor, assemblyId: string, requested: Place) {
  return callListPage(await readCallList(db, assemblyId, requested.q), requested);
}

/**
 * Where the caller lands after saving: the same tab, search and page, at the card they saved; if
 * that card has left the tab (a yes or a no in "still to call"), at the card that took its place.
 */
export function landing(
  before: readonly Callee[],
  after: readonly Callee[],
  personId: string,
): { page: number; anchor: string } {
  let index = after.findIndex((p) => p.id === personId);
  if (index < 0) {
    const was = before.findIndex((p) => p.id === personId);
    const later = new Set(before.slice(was + 1).map((p) => p.id));
    index = after.findIndex((p) => later.has(p.id));
    if (index < 0) index = after.length - 1;
  }
  if (index < 0) return { page: 1, anchor: '' };
  return { page: Math.floor(index / callsPageSize) + 1, anchor: `#person-${after[index].id}` };
}
