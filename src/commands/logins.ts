/**
 * Logging in and out. The cookie carries a random token; the database keeps only its SHA-256, so a
 * copy of the database cannot be used to take over a login.
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
import {
  completeTotp,
  deleteExpiredLogins,
  deleteLogin,
  findLogin,
  insertLogin,
  type LoginRow,
  touchLogin,
} from '../repositories/logins.ts';
import { findPersonByMemberToken } from '../repositories/people.ts';
import { hashPassword, passwordMatches, totpCodeStep } from './accounts.ts';
import { CommandError, inTransaction, now } from './command.ts';

/** A login ends after this long without a request (staff pages handle personal data). */
// The older name LOTTA_SESSION_IDLE_MINUTES is still read, so existing deployments keep their setting.
export const idleMinutes = Number(
  process.env.LOTTA_LOGIN_IDLE_MINUTES ?? process.env.LOTTA_SESSION_IDLE_MINUTES ?? 120,
);

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function expiry(from: Date): string {
  return new Date(from.getTime() + idleMinutes * 60_000).toISOString();
}

async function startLogin(
  database: Database,
  owner: { accountId?: string; personId?: string },
  pendingTotp: boolean,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const at = new Date();
  // Logins that ran out go as new ones start: links opened again and again (by people or by mail
  // scanners) and logins never logged out of would otherwise pile up for good.
  await deleteExpiredLogins(database.db, at.toISOString());
  await insertLogin(database.db, {
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
  // A one-time password from an administrator opens one login: seen by someone else after it was
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
  const token = await startLogin(database, { accountId: account.id }, pendingTotp);
  await inTransaction(database, (_trx, audit) =>
    audit({ actorId: account.id, action: 'account.login', subjectType: 'account', subjectId: account.id }),
  );
  return { token, account, pendingTotp };
}

/**
 * The second login step. A code counts once: its time step must be later than the last one the
 * account used, so a code seen by someone else cannot open a second login.
 */
export async function confirmTotp(database: Database, token: string, code: string): Promise<void> {
  const login = await findLogin(database.db, tokenHash(token));
  const account = login?.account_id ? await findAccount(database.db, login.account_id) : undefined;
  if (!login || !account?.totp_secret) throw new CommandError('login_expired');
  if (!login.pending_totp) return;
  const step = totpCodeStep(account, account.totp_secret, code);
  const outcome = await inTransaction(database, async (trx, audit) => {
    if (step !== null && (await useTotpStep(trx, account.id, step))) {
      await completeTotp(trx, login.id);
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

export interface ActiveLogin {
  login: LoginRow;
  account: Account | null;
  personId: string | null;
}

/** The live login behind a cookie token, extending it; null when missing or expired. */
export async function resumeLogin(
  database: Database,
  token: string | undefined,
): Promise<ActiveLogin | null> {
  if (!token) return null;
  const login = await findLogin(database.db, tokenHash(token));
  const at = new Date();
  if (!login || login.expires_at < at.toISOString()) {
    if (login) await deleteLogin(database.db, login.id);
    return null;
  }
  const account = login.account_id ? ((await findAccount(database.db, login.account_id)) ?? null) : null;
  if (login.account_id && (!account || account.disabled_at)) return null;
  // Writing on every request would serialise readers on SQLite; once a minute is enough for idling.
  if (at.getTime() - Date.parse(login.last_seen_at) > 60_000) {
    await touchLogin(database.db, login.id, at.toISOString(), expiry(at));
  }
  return { login, account, personId: login.person_id };
}

export async function logOut(database: Database, token: string | undefined): Promise<void> {
  if (token) await deleteLogin(database.db, tokenHash(token));
  await deleteExpiredLogins(database.db, now());
}

/** A member's personal link opens a login tied to their record only. */
export async function memberLogIn(database: Database, linkToken: string): Promise<string> {
  const person = await findPersonByMemberToken(database.db, tokenHash(linkToken));
  if (!person || person.erased_at) throw new CommandError('member_link_invalid');
  return startLogin(database, { personId: person.id }, false);
}
