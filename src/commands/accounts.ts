/**
 * Staff accounts: the first administrator, creation by an administrator, password changes and
 * resets, two-factor (TOTP) enrolment.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import * as OTPAuth from 'otpauth';
import type { Database } from '../db/connect.ts';
import type { Account } from '../db/schema.ts';
import { queueOutboxMessage } from '../mail/send-job.ts';
import {
  countAccounts,
  findAccount,
  findAccountByEmail,
  insertAccount,
  updateAccount,
  useTotpStep,
} from '../repositories/accounts.ts';
import type { Executor } from '../repositories/executor.ts';
import { deleteLoginsOfAccount } from '../repositories/logins.ts';
import {
  findUsablePasswordLink,
  insertPasswordLink,
  retirePasswordLinks,
  usePasswordLink,
} from '../repositories/password-links.ts';
import { type Actor, actorId, CommandError, inTransaction, now } from './command.ts';

export const minPasswordLength = 12;
/** Longest password and e-mail address (RFC 5321) accepted; longer ones are refused with a message. */
export const maxPasswordLength = 1000;
export const maxEmailLength = 320;

/** A password to hand over once: 16 characters from a 54-letter alphabet (about 92 bits). */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 defaults to argon2id with OWASP's recommended cost (19 MiB, 2 passes).
  return hash(password);
}

export async function passwordMatches(account: Account, password: string): Promise<boolean> {
  try {
    return await verify(account.password_hash, password);
  } catch {
    return false;
  }
}

/**
 * Creates the first administrator when there is no account yet. Returns the one-time password, or
 * null when accounts already exist.
 */
export async function bootstrapAdministrator(
  database: Database,
  options: { email?: string; password?: string } = {},
): Promise<{ email: string; password: string } | null> {
  if ((await countAccounts(database.db)) > 0) return null;
  const email = (options.email ?? 'admin@lotta.local').toLowerCase();
  const password = options.password ?? temporaryPassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(database, async (trx, audit) => {
    if ((await countAccounts(trx)) > 0) return null;
    const id = crypto.randomUUID();
    await insertAccount(trx, {
      id,
      email,
      display_name: 'Administrator',
      password_hash: passwordHash,
      is_admin: 1,
      must_change_password: options.password ? 0 : 1,
      totp_secret: null,
      totp_enabled: 0,
      language: 'sv',
      created_at: now(),
      disabled_at: null,
    });
    await audit({ actorId: 'system', action: 'account.bootstrap', subjectType: 'account', subjectId: id });
    return { email, password };
  });
}

export interface NewStaff {
  email: string;
  displayName: string;
  isAdmin: boolean;
  language: string;
}

export async function createAccount(
  database: Database,
  actor: Actor,
  input: NewStaff,
  delivery: PasswordDelivery = {},
): Promise<{ id: string; email: string; temporaryPassword: string | null }> {
  if (actor.kind !== 'staff' || !actor.isAdmin) throw new CommandError('forbidden');
  const email = input.email.trim().toLowerCase();
  // With e-mail on, nobody ever sees this password: the person sets their own through the link.
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(database, async (trx, audit) => {
    const id = await insertStaffAccount(trx, database, { ...input, email, passwordHash }, delivery, now());
    await audit({
      actorId: actorId(actor),
      action: 'account.create',
      subjectType: 'account',
      subjectId: id,
      details: { isAdmin: input.isAdmin, passwordLink: Boolean(delivery.linkBase) },
    });
    return { id, email, temporaryPassword: delivery.linkBase ? null : password };
  });
}

/**
 * Writes a new staff account in the caller's transaction (the password hashed beforehand, which is
 * slow) and, with `delivery.linkBase`, queues its set-password link: shared by the administrator's
 * form and an organiser's invitation of a commissioner (src/commands/answers.ts). Refuses an address
 * already in use. The caller checks who may create it and writes the audit event.
 */
export async function insertStaffAccount(
  trx: Executor,
  database: Database,
  input: NewStaff & { passwordHash: string },
  delivery: PasswordDelivery,
  at: string,
): Promise<string> {
  const email = input.email.trim().toLowerCase();
  if (await findAccountByEmail(trx, email)) throw new CommandError('email_taken', 'email');
  const id = crypto.randomUUID();
  const displayName = input.displayName.trim();
  await insertAccount(trx, {
    id,
    email,
    display_name: displayName,
    password_hash: input.passwordHash,
    is_admin: input.isAdmin ? 1 : 0,
    must_change_password: 1,
    totp_secret: null,
    totp_enabled: 0,
    language: input.language,
    created_at: at,
    disabled_at: null,
  });
  if (delivery.linkBase)
    await mailPasswordLink(
      trx,
      database,
      { id, email, display_name: displayName, language: input.language },
      delivery.linkBase,
      at,
    );
  return id;
}

/**
 * An administrator sets a new one-time password; the person must choose their own at next login.
 * Every login of the account ends (but the administrator's own, when resetting themselves). Returns
 * the account's address and the password to hand over (null when it went by e-mail as a link).
 */
export async function resetPassword(
  database: Database,
  actor: Actor,
  accountId: string,
  keepLoginId?: string,
  delivery: PasswordDelivery = {},
): Promise<{ email: string; temporaryPassword: string | null }> {
  if (actor.kind !== 'staff' || !actor.isAdmin) throw new CommandError('forbidden');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const email = await inTransaction(database, async (trx, audit) => {
    const account = await findAccount(trx, accountId);
    if (!account) throw new CommandError('not_found');
    const at = now();
    await updateAccount(trx, accountId, { password_hash: passwordHash, must_change_password: 1 });
    await deleteLoginsOfAccount(trx, accountId, keepLoginId);
    await retirePasswordLinks(trx, accountId, at);
    if (delivery.linkBase) await mailPasswordLink(trx, database, account, delivery.linkBase, at);
    await audit({
      actorId: actorId(actor),
      action: 'account.reset_password',
      subjectType: 'account',
      subjectId: accountId,
      details: { passwordLink: Boolean(delivery.linkBase) },
    });
    return account.email;
  });
  return { email, temporaryPassword: delivery.linkBase ? null : password };
}

/**
 * How a new or reset password reaches its owner: with `linkBase` (the site's address, given when
 * e-mail is on) a one-time link is e-mailed; without it a one-time password is shown to the
 * administrator, the fallback when e-mail is off.
 */
export interface PasswordDelivery {
  linkBase?: string;
}

/** How long a password link works. */
export const passwordLinkHours = 48;

export function passwordLinkHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function mailPasswordLink(
  trx: Executor,
  database: Database,
  account: Pick<Account, 'id' | 'email' | 'display_name' | 'language'>,
  linkBase: string,
  at: string,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await insertPasswordLink(trx, {
    token_hash: passwordLinkHash(token),
    account_id: account.id,
    created_at: at,
    expires_at: new Date(Date.parse(at) + passwordLinkHours * 3_600_000).toISOString(),
    used_at: null,
  });
  await queueOutboxMessage(trx, database, {
    assemblyId: null,
    recipient: { kind: 'account', id: account.id },
    channel: 'email',
    address: account.email,
    language: account.language,
    template: 'account_set_password',
    parameters: {
      name: account.display_name,
      link: `${linkBase.replace(/\/+$/, '')}/set-password/${token}`,
      hours: String(passwordLinkHours),
    },
    at,
  });
}

/** Whether a password link still works (for showing the form); it is only used by setPasswordWithLink. */
export async function passwordLinkUsable(database: Database, token: string): Promise<boolean> {
  return Boolean(await findUsablePasswordLink(database.db, passwordLinkHash(token), now()));
}

/** The person chooses their password through the link; the link works once, then never again. */
export async function setPasswordWithLink(
  database: Database,
  token: string,
  password: string,
): Promise<void> {
  if (password.length < minPasswordLength)
    throw new CommandError('password_too_short', 'password', { min: minPasswordLength });
  if (password.length > maxPasswordLength)
    throw new CommandError('too_long', 'password', { max: maxPasswordLength });
  const passwordHash = await hashPassword(password);
  const tokenHash = passwordLinkHash(token);
  await inTransaction(database, async (trx, audit) => {
    const at = now();
    const link = await findUsablePasswordLink(trx, tokenHash, at);
    if (!link || !(await usePasswordLink(trx, tokenHash, at)))
      throw new CommandError('password_link_invalid');
    await updateAccount(trx, link.account_id, { password_hash: passwordHash, must_change_password: 0 });
    await deleteLoginsOfAccount(trx, link.account_id);
    await audit({
      actorId: link.account_id,
      action: 'account.set_password_link',
      subjectType: 'account',
      subjectId: link.account_id,
    });
  });
}

/**
 * The person changes their own password. Their other logins end: a password changed because it
 * leaked must not leave the one who found it logged in. The login making the change stays.
 */
export async function changePassword(
  database: Database,
  accountId: string,
  current: string,
  next: string,
  keepLoginId?: string,
): Promise<void> {
  const account = await findAccount(database.db, accountId);
  if (!account) throw new CommandError('not_found');
  if (!(await passwordMatches(account, current))) throw new CommandError('wrong_password', 'current');
  if (next.length < minPasswordLength)
    throw new CommandError('password_too_short', 'password', { min: minPasswordLength });
  if (next.length > maxPasswordLength)
    throw new CommandError('too_long', 'password', { max: maxPasswordLength });
  if (next === current) throw new CommandError('password_unchanged', 'password');
  const passwordHash = await hashPassword(next);
  await inTransaction(database, async (trx, audit) => {
    await updateAccount(trx, accountId, { password_hash: passwordHash, must_change_password: 0 });
    await deleteLoginsOfAccount(trx, accountId, keepLoginId);
    await audit({
      actorId: accountId,
      action: 'account.change_password',
      subjectType: 'account',
      subjectId: accountId,
    });
  });
}

export function totpFor(account: Pick<Account, 'email'>, secret: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Lotta',
    label: account.email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/**
 * The time step (30-second period since 1970) of the code when it is valid now or one period either
 * side (clock drift on phones); null when it is not.
 */
export function totpCodeStep(
  account: Pick<Account, 'email'>,
  secret: string,
  code: string,
  at = Date.now(),
): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpFor(account, secret);
  const delta = totp.validate({ token, timestamp: at, window: 1 });
  return delta === null ? null : totp.counter({ timestamp: at }) + delta;
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/**
 * Turns two-factor login on once the person proves their app shows the right code, and that they
 * know the password: someone holding a borrowed login must not tie the account to their own phone.
 */
export async function enableTotp(
  database: Database,
  accountId: string,
  currentPassword: string,
  secret: string,
  code: string,
  keepLoginId?: string,
): Promise<void> {
  // A password left out is not a wrong password: it does not count towards the login pause.
  if (!currentPassword) throw new CommandError('required', 'current');
  const account = await findAccount(database.db, accountId);
  if (!account) throw new CommandError('not_found');
  if (!(await passwordMatches(account, currentPassword))) throw new CommandError('wrong_password', 'current');
  const step = totpCodeStep(account, secret, code);
  if (step === null) throw new CommandError('totp_wrong', 'code');
  await inTransaction(database, async (trx, audit) => {
    // The code just shown is used: it cannot also log someone in.
    await updateAccount(trx, accountId, { totp_secret: secret, totp_enabled: 1, totp_last_step: step });
    // Logins opened with the password alone end: from now on a login needs the code too.
    await deleteLoginsOfAccount(trx, accountId, keepLoginId);
    await audit({
      actorId: accountId,
      action: 'account.enable_totp',
      subjectType: 'account',
      subjectId: accountId,
    });
  });
}

/**
 * The person turns their own two-step login off, proving it with a current code: whoever holds a
 * borrowed or stolen login must not be able to take the second step away. The code counts once.
 */
export async function disableOwnTotp(
  database: Database,
  accountId: string,
  code: string,
  keepLoginId?: string,
): Promise<void> {
  // A code left out is not a wrong code: it does not count towards the pause on wrong codes.
  if (!code.trim()) throw new CommandError('required', 'code');
  const account = await findAccount(database.db, accountId);
  if (!account) throw new CommandError('not_found');
  if (!account.totp_enabled || !account.totp_secret) return;
  const step = totpCodeStep(account, account.totp_secret, code);
  if (step === null) throw new CommandError('totp_wrong', 'code');
  const done = await inTransaction(database, async (trx, audit) => {
    if (!(await useTotpStep(trx, accountId, step))) return false;
    await updateAccount(trx, accountId, { totp_secret: null, totp_enabled: 0, totp_last_step: null });
    await deleteLoginsOfAccount(trx, accountId, keepLoginId);
    await audit({
      actorId: accountId,
      action: 'account.disable_totp',
      subjectType: 'account',
      subjectId: accountId,
    });
    return true;
  });
  if (!done) throw new CommandError('totp_used', 'code');
}

/**
 * Turns two-step login off (the person, or an administrator when the phone is lost). The account's
 * other logins end: whoever holds one must log in again under the account's new rules.
 */
export async function disableTotp(
  database: Database,
  actor: Actor,
  accountId: string,
  keepLoginId?: string,
): Promise<void> {
  if (actor.kind !== 'staff' || (!actor.isAdmin && actor.accountId !== accountId))
    throw new CommandError('forbidden');
  await inTransaction(database, async (trx, audit) => {
    // The audit log records only what happened: no event for an account that does not exist.
    if (!(await findAccount(trx, accountId))) throw new CommandError('not_found');
    await updateAccount(trx, accountId, { totp_secret: null, totp_enabled: 0, totp_last_step: null });
    await deleteLoginsOfAccount(trx, accountId, keepLoginId);
    await audit({
      actorId: actorId(actor),
      action: 'account.disable_totp',
      subjectType: 'account',
      subjectId: accountId,
    });
  });
}
