/**
 * Logging in and out. The cookie carries a random token; the database keeps only its SHA-256, so a
 * copy of the database cannot be used to take over a session.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/connect.ts';
import type { Account } from '../db/schema.ts';
import {
  findAccount,
  findAccountByEmail,
  useOneTimePassword,
  useTotpStep,
} from '../repositories/accounts.ts';
import { findPersonByMemberToken } from '../repositories/people.ts';
import {
  completeTotp,
  deleteExpiredSessions,
  deleteSession,
  findSession,
  insertSession,
  type SessionRow,
  touchSession,
} from '../repositories/sessions.ts';
import { hashPassword, passwordMatches, totpCodeStep } from './accounts.ts';
import { CommandError, inTransaction, now } from './command.ts';

/** A session ends after this long without a request (staff pages handle personal data). */
export const idleMinutes = Number(process.env.LOTTA_SESSION_IDLE_MINUTES ?? 120);

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function expiry(from: Date): string {
  return new Date(from.getTime() + idleMinutes * 60_000).toISOString();
}

async function startSession(
  database: Database,
  owner: { accountId?: string; personId?: string },
  pendingTotp: boolean,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const at = new Date();
  // Sessions that ran out go as new ones start: links opened again and again (by people or by mail
  // scanners) and logins never logged out of would otherwise pile up for good.
  await deleteExpiredSessions(database.db, at.toISOString());
  await insertSession(database.db, {
    id: tokenHash(token),
    account_id: owner.accountId ?? null,
    person_id: owner.personId ?? null,
    pending_totp: pendingTotp ? 1 : 0,
    created_at: at.toISOString(),
    expires_at: expiry(at),
    last_seen_at: at.toISOString(),
  });
  return token;
}

// Verifying against a real hash when the e-mail is unknown keeps both failures equally slow.
let decoyHash: Promise<string> | null = null;

export async function logIn(
  database: Database,
  email: string,
  password: string,
): Promise<{ token: string; account: Account; pendingTotp: boolean }> {
  const account = await findAccountByEmail(database.db, email);
  if (!account || account.disabled_at) {
    decoyHash ??= hashPassword('decoy password for timing');
    await passwordMatches({ password_hash: await decoyHash } as Account, password);
    throw new CommandError('invalid_login', 'email');
  }
  // A one-time password from an administrator opens one session: seen by someone else after it was
  // used (over a shoulder, in a chat), it opens nothing.
  const matches = await passwordMatches(account, password);
  const oneTimeUsed =
    matches && account.must_change_password !== 0 && !(await useOneTimePassword(database.db, account.id));
  if (!matches || oneTimeUsed) {
    await inTransaction(database, (_trx, audit) =>
      audit({
        actorId: account.id,
        action: 'account.login_failed',
        subjectType: 'account',
        subjectId: account.id,
        ...(oneTimeUsed ? { details: { step: 'one_time_password_used' } } : {}),
      }),
    );
    throw new CommandError('invalid_login', 'email');
  }
  const pendingTotp = account.totp_enabled === 1;
  const token = await startSession(database, { accountId: account.id }, pendingTotp);
  await inTransaction(database, (_trx, audit) =>
    audit({ actorId: account.id, action: 'account.login', subjectType: 'account', subjectId: account.id }),
  );
  return { token, account, pendingTotp };
}

/**
 * The second login step. A code counts once: its time step must be later than the last one the
 * account used, so a code seen by someone else cannot open a second session.
 */
export async function confirmTotp(database: Database, token: string, code: string): Promise<void> {
  const session = await findSession(database.db, tokenHash(token));
  const account = session?.account_id ? await findAccount(database.db, session.account_id) : undefined;
  if (!session || !account?.totp_secret) throw new CommandError('session_expired');
  if (!session.pending_totp) return;
  const step = totpCodeStep(account, account.totp_secret, code);
  const outcome = await inTransaction(database, async (trx, audit) => {
    if (step !== null && (await useTotpStep(trx, account.id, step))) {
      await completeTotp(trx, session.id);
      return 'confirmed';
    }
    // A failure is recorded, not thrown here: throwing would roll the record back.
    await audit({
      actorId: account.id,
      action: 'account.login_failed',
      subjectType: 'account',
      subjectId: account.id,
      details: { step: step === null ? 'code_wrong' : 'code_used' },
    });
    return step === null ? 'totp_wrong' : 'totp_used';
  });
  if (outcome !== 'confirmed') throw new CommandError(outcome, 'code');
}

export interface ActiveSession {
  session: SessionRow;
  account: Account | null;
  personId: string | null;
}

/** The live session behind a cookie token, extending it; null when missing or expired. */
export async function resumeSession(
  database: Database,
  token: string | undefined,
): Promise<ActiveSession | null> {
  if (!token) return null;
  const session = await findSession(database.db, tokenHash(token));
  const at = new Date();
  if (!session || session.expires_at < at.toISOString()) {
    if (session) await deleteSession(database.db, session.id);
    return null;
  }
  const account = session.account_id ? ((await findAccount(database.db, session.account_id)) ?? null) : null;
  if (session.account_id && (!account || account.disabled_at)) return null;
  // Writing on every request would serialise readers on SQLite; once a minute is enough for idling.
  if (at.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    await touchSession(database.db, session.id, at.toISOString(), expiry(at));
  }
  return { session, account, personId: session.person_id };
}

export async function logOut(database: Database, token: string | undefined): Promise<void> {
  if (token) await deleteSession(database.db, tokenHash(token));
  await deleteExpiredSessions(database.db, now());
}

/** A member's personal link opens a session tied to their record only. */
export async function memberLogIn(database: Database, linkToken: string): Promise<string> {
  const person = await findPersonByMemberToken(database.db, tokenHash(linkToken));
  if (!person || person.erased_at) throw new CommandError('member_link_invalid');
  return startSession(database, { personId: person.id }, false);
}
