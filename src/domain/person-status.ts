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
