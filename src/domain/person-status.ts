/**
 * A person's way through an assembly, from the letter to the end. Every change is kept in the status
 * history with who, when and why; these are the changes that make sense.
 */
export const personStatuses = [
  'invited',
  'registered',
  'selected',
  'confirmed',
  'declined',
  'withdrawn',
  'replaced',
] as const;
export type PersonStatus = (typeof personStatuses)[number];

const next: Record<PersonStatus, readonly PersonStatus[]> = {
  invited: ['registered', 'declined', 'withdrawn'],
  registered: ['selected', 'withdrawn'],
  // Back to registered undoes a selection entered by mistake.
  selected: ['confirmed', 'declined', 'withdrawn', 'replaced', 'registered'],
  confirmed: ['withdrawn', 'replaced'],
  // Someone who declined may change their mind while their seat is still open.
  declined: ['selected', 'replaced'],
  withdrawn: ['replaced'],
  replaced: [],
};

/** Callers record the outcome of a call and nothing else. */
const callerMoves: readonly (readonly [PersonStatus, PersonStatus])[] = [
  ['selected', 'confirmed'],
  ['selected', 'declined'],
  ['selected', 'withdrawn'],
  ['confirmed', 'withdrawn'],
];

/** Callers phone people from the selection onwards and see no one else. */
export const callerStatuses: readonly PersonStatus[] = ['selected', 'confirmed', 'declined', 'withdrawn'];

/**
 * The statuses in which a role sees people on the people pages; undefined means all of them. Callers
 * see only the people they have to call, so the list, its counts and a person's page leave out the rest.
 */
export function visibleStatuses(role: string | null | undefined): readonly PersonStatus[] | undefined {
  return role === 'caller' ? callerStatuses : undefined;
}

/** Whether a role sees a person in this status on the people pages. */
export function seesStatus(role: string | null | undefined, status: string): boolean {
  const statuses = visibleStatuses(role);
  return !statuses || (statuses as readonly string[]).includes(status);
}

export function isPersonStatus(value: string): value is PersonStatus {
  return (personStatuses as readonly string[]).includes(value);
}

export function allowedNextStatuses(from: PersonStatus, role: string): PersonStatus[] {
  const all = [...next[from]];
  if (role === 'caller') return all.filter((to) => callerMoves.some(([a, b]) => a === from && b === to));
  return all;
}

export function canMove(from: PersonStatus, to: PersonStatus, role: string): boolean {
  return allowedNextStatuses(from, role).includes(to);
}
