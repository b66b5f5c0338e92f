/**
 * Which changes to a published session members must hear of: its time (start or end) or its place
 * (address, room, online link), and its cancellation. A new title, type, agenda, what to bring or
 * what it is about is shown on their page at once but sends nothing: it does not make anyone come at
 * the wrong time or to the wrong door, and a letter for every spelling fix would teach members to
 * ignore the letters that matter.
 */

/** What of a session decides when and where members go. */
export interface TimeAndPlace {
  startsAt: string;
  endsAt: string;
  place: { address: string; room: string };
  onlineLink: string;
}

export interface SessionChangeKinds {
  time: boolean;
  place: boolean;
}

/** What changed between two versions of a session, or null when neither its time nor its place did. */
export function timeOrPlaceChange(before: TimeAndPlace, after: TimeAndPlace): SessionChangeKinds | null {
  const time =
    Date.parse(before.startsAt) !== Date.parse(after.startsAt) ||
    Date.parse(before.endsAt) !== Date.parse(after.endsAt);
  const place =
    before.place.address.trim() !== after.place.address.trim() ||
    before.place.room.trim() !== after.place.room.trim() ||
    before.onlineLink.trim() !== after.onlineLink.trim();
  return time || place ? { time, place } : null;
}

/** The values a change record keeps of the session as it was. */
export function previousValues(session: TimeAndPlace) {
  return {
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    address: session.place.address,
    room: session.place.room,
    onlineLink: session.onlineLink,
  };
}
