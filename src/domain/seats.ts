/**
 * The seats of a panel. An assembly has a fixed number of seats (its panel size); a person holds one
 * while selected or confirmed. Nothing may put more people in seats than there are: not a selection
 * run, not a public draw, not a status changed by hand. A replacement run fills exactly the seats that
 * are open, keeping everyone who holds one.
 */
import type { PersonStatus } from './person-status.ts';

export const seatHoldingStatuses = ['selected', 'confirmed'] as const satisfies readonly PersonStatus[];

export function holdsSeat(status: string): boolean {
  return (seatHoldingStatuses as readonly string[]).includes(status);
}

export interface Seats {
  panelSize: number;
  /** People holding a seat now (selected or confirmed). */
  filled: number;
  /** Seats nobody holds; never negative. */
  open: number;
}

export function seatsOf(panelSize: number, filled: number): Seats {
  return { panelSize, filled, open: Math.max(0, panelSize - filled) };
}

export function isFull(seats: Seats): boolean {
  return seats.filled >= seats.panelSize;
}

/** A refusal a command turns into a message (`errors.<code>`). */
export interface SeatProblem {
  code: 'seats_exceeded';
  /** `count` is `filled` again, for the message's plural. */
  params: { size: number; filled: number; after: number; count: number };
}

/**
 * Whether `after` people may hold a seat, given how many do now. More than before is refused when it
 * would pass the panel size; fewer or as many is always allowed (a panel already over its size, from
 * before this rule, can only shrink).
 */
export function seatProblem(panelSize: number, filled: number, after: number): SeatProblem | null {
  if (after <= panelSize || after <= filled) return null;
  return { code: 'seats_exceeded', params: { size: panelSize, filled, after, count: filled } };
}

/** A panel size below the people already holding a seat is refused: it would overfill the panel. */
export function panelSizeProblem(
  panelSize: number,
  filled: number,
): { code: 'panel_size_below_seated'; params: { size: number; filled: number } } | null {
  return panelSize < filled ? { code: 'panel_size_below_seated', params: { size: panelSize, filled } } : null;
}

/** The change in seats held when one person moves from one status to another: +1, 0 or −1. */
export function seatChange(from: string, to: string): number {
  return Number(holdsSeat(to)) - Number(holdsSeat(from));
}

/**
 * People holding a seat once a drawn panel is added to those who hold one now: the union, since kept
 * members of a replacement run are on the drawn panel and in a seat already.
 */
export function seatsAfterDraw(seated: Iterable<string>, drawnPanel: Iterable<string>): number {
  return new Set([...seated, ...drawnPanel]).size;
}

/**
 * A replacement run keeps everyone holding a seat and fills the open ones: its panel size is the
 * assembly's, its new members exactly the open seats. Null when no seat is open.
 */
export function replacementRunShape(
  panelSize: number,
  seated: readonly string[],
): { keep: string[]; size: number; newMembers: number } | null {
  const seats = seatsOf(panelSize, seated.length);
  if (seats.open === 0) return null;
  return { keep: [...seated], size: panelSize, newMembers: seats.open };
}
