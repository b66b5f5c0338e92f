/**
 * The public sign-up for people who got a letter: first the invite code, then one form with the
 * assembly's questions, contact details, support needs and consents. Written for people who rarely use
 * computers: one thing per field, plain words, every problem shown next to its field, nothing typed is
 * ever lost. The rules a registration must meet are the command's; this only reads the form.
 *
 * Bots are kept out without third-party services: a field people do not see (a bot fills it in), a
 * signed timestamp of when the form was shown (a bot sends faster than anyone types), and a limit on
 * attempts per address (which also makes guessing invite codes hopeless).
 */
import type { CommandError } from '../../../commands/command.ts';
import { registerVolunteer } from '../../../commands/register-volunteer.ts';
import { normaliseInviteCode } from '../../../domain/invite-code.ts';
import { translator } from '../../../i18n/i18n.ts';
import { invitationOfCode, registrationForm } from '../../../queries/registration.ts';
import type { Assembly } from '../../../repositories/assemblies.ts';
import type { Ctx } from '../../env.ts';
import { readForm, refusalErrors, runAction } from '../../form.ts';
import { appLimiter, clientAddress } from '../../rate-limit.ts';
import { formAgeMillis, formTimeToken } from '../../security.ts';
import { fieldErrors } from '../../validation.ts';
import { errorPage } from '../../views/errors.tsx';
import type { FieldErrors, FormValues } from '../../views/forms.tsx';
import { str } from '../../views/forms.tsx';
import { contactLine } from '../../views/privacy-notice.tsx';
import {
  chosenLanguage,
  codeSchema,
  honeypotField,
  linkedCodeSchema,
  registrationOf,
  registrationSchema,
} from './schema.ts';
import { closedPage, codePage, registrationPage, thanksPage } from './views/pages.tsx';

/** Sign-up attempts (code look-ups and forms) per client address and window. */
const attemptLimit = 20;
const attemptWindowMillis = 10 * 60 * 1000;

/** Counts this attempt; the seconds to wait when the client is over the limit, else null. */
async function attemptRefused(c: Ctx): Promise<number | null> {
  // Counted in the database: every web process on it shares the count.
  const limiter = appLimiter(c, 'register', attemptLimit, attemptWindowMillis);
  const client = clientAddress(c);
  if (await limiter.hit(client)) return null;
  const seconds = await limiter.retryAfterSeconds(client);
  c.header('Retry-After', String(seconds));
  return seconds;
}

function tooManyAttempts(c: Ctx, seconds: number): string {
  return c.var.t('register.rate_limited', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
}

/** "Already used", with how to reach the organisers of the code's assembly. */
function codeUsedMessage(c: Ctx, assembly: Assembly): string {
  return c.var.t('privacy.code_used', { contact: contactLine(assembly) });
}

// --- Step 1: the invite code ---------------------------------------------------------------------

/** The QR code on a letter opens /register?code=…: the code is filled in, ready to send. */
export function showCode(c: Ctx) {
  return codePage(c, linkedCodeSchema.parse(c.req.query('code') ?? ''));
}

export async function submitCode(c: Ctx) {
  const seconds = await attemptRefused(c);
  if (seconds !== null) return errorPage(c, 429, tooManyAttempts(c, seconds));
  const t = c.var.t;
  const parsed = codeSchema.safeParse(await readForm(c));
  if (!parsed.success) return codePage(c, '', t('errors.invite_code_malformed'));
  const typed = parsed.data.code;
  if (!typed) return codePage(c, typed, t('errors.required'));
  const code = normaliseInviteCode(typed);
  if (!code) return codePage(c, typed, t('errors.invite_code_malformed'));
  const found = await invitationOfCode(c.var.config.database, code);
  if (!found) return codePage(c, typed, t('errors.invite_code_unknown'));
  if (found.used) return codePage(c, typed, codeUsedMessage(c, found.assembly), found.assembly);
  const slug = encodeURIComponent(found.assembly.slug);
  return c.redirect(`/register/${slug}?code=${encodeURIComponent(code)}`, 303);
}

// --- Step 2: the form ----------------------------------------------------------------------------

export async function showForm(c: Ctx) {
  const found = await registrationForm(c.var.config.database, c.req.param('slug') ?? '');
  if (!found) return errorPage(c, 404, c.var.t('errors.not_found'));
  if (!found.assembly.registration_open) return closedPage(c, found.assembly);
  const { code } = codeSchema.catch({ code: '' }).parse({ code: c.req.query('code') });
  const values: FormValues = { code, preferred_language: c.var.lang, needs: [] };
  return registrationPage(c, { ...found, values, errors: {}, formTime: formTimeToken(c.var.config.secret) });
}

/** The command's refusals next to their fields; a used code says how to reach the organisers. */
function registrationErrors(c: Ctx, error: CommandError, assembly: Assembly): FieldErrors {
  const errors = refusalErrors(c.var.t, error);
  if ([error, ...error.also].some((r) => r.code === 'invite_code_used'))
    errors.code = codeUsedMessage(c, assembly);
  return errors;
}

export async function submitRegistration(c: Ctx) {
  const refusedFor = await attemptRefused(c);
  const { t, config } = c.var;
  const found = await registrationForm(config.database, c.req.param('slug') ?? '');
  if (!found) return errorPage(c, 404, t('errors.not_found'));
  const { assembly } = found;
  if (!assembly.registration_open) return closedPage(c, assembly, 409);

  // The body is already read within the form limit; reading it costs nothing more.
  const values = await readForm(c, ['needs']);
  // The time the form was first shown stays with it, so waiting after a refusal is enough.
  const age = formAgeMillis(config.secret, str(values, 'form_time'));
  const formTime = age === null ? formTimeToken(config.secret) : str(values, 'form_time');
  const again = (errors: FieldErrors, status?: 429) =>
    registrationPage(c, { ...found, values, errors, formTime, status });
  // Many people can share an address: one refused for others' attempts keeps what they typed.
  if (refusedFor !== null) return again({ _form: tooManyAttempts(c, refusedFor) }, 429);
  const parsed = registrationSchema.safeParse(values);
  if (!parsed.success) return again(fieldErrors(parsed.error, t));
  if (parsed.data[honeypotField] !== '') return again({ _form: t('register.bot_suspected') });
  if (age === null || age < config.minimumFormMillis) return again({ _form: t('register.too_fast') });

  const language = chosenLanguage(parsed.data, c.var.lang);
  const registration = registrationOf(parsed.data, values, assembly.id, language);
  return runAction(c, () => registerVolunteer(config.database, registration), {
    done: ({ reference }) => {
      // The thank-you page speaks the language the person chose.
      c.set('lang', language);
      c.set('t', translator(language));
      return thanksPage(c, assembly, reference);
    },
    refused: (_message, error) =>
      error.code === 'registration_closed'
        ? closedPage(c, assembly, 409)
        : again(registrationErrors(c, error, assembly)),
  });
}
