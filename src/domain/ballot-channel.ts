/**
 * Which channel a member's own ballot from her personal link comes through. The room and the hybrid
 * part of a vote are told apart so that the turnout by channel says where members voted from, and
 * so that the core's one-channel-per-member rule keeps a member who left the room from voting twice
 * (her phone ballot stays hers; a ballot "online" after one on paper is refused).
 */
import type { Channel } from '../voting/model.ts';

export interface ChannelVote {
  /** The session the vote is held at; null for a vote held outside any session. */
  sessionId: string | null;
  /** Whether members not in the room may vote online. */
  online: boolean;
}

/**
 * `phone` when she is marked present at the vote's session; `online` when the vote has no session, or
 * she is not in the room and the vote lets her vote online; null when she may not vote from her link.
 */
export function ownBallotChannel(
  vote: ChannelVote,
  present: boolean,
): Extract<Channel, 'phone' | 'online'> | null {
  if (vote.sessionId === null) return 'online';
  if (present) return 'phone';
  return vote.online ? 'online' : null;
}
