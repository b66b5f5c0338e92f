/**
 * Assembly members' own page, reached through the personal link the organisers send: what is stored
 * about them (so they can see it and ask for corrections) and what they need to know about the
 * assembly. The link opens a login tied to their record only; it reaches no staff page.
 */
import { CommandError } from '../../commands/command.ts';
import { idleMinutes, memberLogIn } from '../../commands/logins.ts';
import { withdrawConsent } from '../../commands/people.ts';
import { questionsOf } from '../../commands/register-volunteer.ts';
import { labelIn, preferNotToSay } from '../../domain/questions.ts';
import type { Assembly } from '../../repositories/assemblies.ts';
import { findAssembly, listQuestions } from '../../repositories/assemblies.ts';
import {
  findAnswers,
  findContact,
  findNeeds,
  findPersonById,
  listConsents,
} from '../../repositories/people.ts';
import type { Ctx } from '../env.ts';
import { memberNeeds, publicAccess, type Route } from '../routing.ts';
import { loginCookie, setSecureCookie } from '../security.ts';
import { errorPage } from '../views/errors.tsx';
import { Csrf, SubmitButton } from '../views/forms.tsx';
import { render } from '../views/layout.tsx';
import { OrganiserContact, PrivacyNotice } from '../views/privacy-notice.tsx';
import { formatDate } from '../views/time.ts';

/** Personal-link tokens are 32 base64url characters; anything far longer is not worth a look-up. */
const tokenPattern = /^[A-Za-z0-9_-]{16,200}$/;

function invalidLink(c: Ctx) {
  return errorPage(c, 403, c.var.t('errors.member_link_invalid'));
}

async function openLink(c: Ctx) {
  const token = c.req.param('token') ?? '';
  if (!tokenPattern.test(token)) return invalidLink(c);
  try {
    const loginToken = await memberLogIn(c.var.config.database, token);
    setSecureCookie(c, loginCookie, loginToken, idleMinutes * 60);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return invalidLink(c);
  }
  // Redirected, so the link's token does not stay in the address bar or the browser history.
  return c.redirect('/member', 303);
}

function localDate(c: Ctx, iso: string): string {
  return formatDate(c, iso);
}

function datesText(c: Ctx, assembly: Assembly): string {
  const t = c.var.t;
  const from = assembly.starts_on ? localDate(c, assembly.starts_on) : null;
  const to = assembly.ends_on ? localDate(c, assembly.ends_on) : null;
  if (from && to) return t('member.dates_range', { from, to });
  if (from) return t('member.dates_from', { from });
  if (to) return t('member.dates_to', { to });
  return t('member.dates_unknown');
}

function Fact(props: { term: string; value: string | null | undefined; notGiven: string }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.value || props.notGiven}</dd>
    </>
  );
}

async function memberPage(c: Ctx) {
  const t = c.var.t;
  const lang = c.var.lang;
  const db = c.var.config.database.db;
  const personId = c.var.auth?.personId ?? '';
  const person = await findPersonById(db, personId);
  if (!person || person.erased_at) return invalidLink(c);
  const assembly = await findAssembly(db, person.assembly_id);
  if (!assembly) return invalidLink(c);
  const questions = await listQuestions(db, assembly.id);
  const answers = await findAnswers(db, person.id);
  const contact = await findContact(db, person.id);
  const needs = await findNeeds(db, person.id);
  const consents = await listConsents(db, person.id);
  const notGiven = t('member.not_given');
  const answered = questions.filter((q) => answers[q.key] !== undefined);
  const answerText = (value: string, options: { value: string; label: Record<string, string> }[]) => {
    if (value === preferNotToSay) return t('member.prefer_not_to_say');
    const option = options.find((o) => o.value === value);
    return option ? labelIn(option.label, lang) : value;
  };
  const language = contact?.preferred_language;
  return render(
    c,
    {
      title: t('member.title'),
      nav: 'member',
      notice: c.req.query('notice') === 'withdrawn' ? t('member.withdrawn_notice') : null,
    },
    <>
      <p class="assembly-name">{labelIn(assembly.title, lang)}</p>
      <h1>{t('member.title')}</h1>
      <p>{t('member.lead')}</p>

      <h2>{t('member.assembly_heading')}</h2>
      <dl class="facts">
        <dt>{t('member.remit')}</dt>
        <dd>{labelIn(assembly.remit, lang)}</dd>
        <dt>{t('member.phase')}</dt>
        <dd>{t(`phase.${assembly.current_phase}`)}</dd>
        <dt>{t('member.dates')}</dt>
        <dd>{datesText(c, assembly)}</dd>
      </dl>

      <h2>{t('member.you_heading')}</h2>
      <dl class="facts">
        <dt>{t('member.reference')}</dt>
        <dd>{person.reference}</dd>
        <dt>{t('member.status')}</dt>
        <dd>
          <span class="status">{t(`status.${person.status}`)}</span>
        </dd>
      </dl>

      <h2>{t('member.answers_heading')}</h2>
      {answered.length === 0 ? (
        <p>{t('member.no_answers')}</p>
      ) : (
        <dl class="facts">
          {answered.map((q) => (
            <>
              <dt>{labelIn(q.label, lang)}</dt>
              <dd>{answerText(answers[q.key], q.options)}</dd>
            </>
          ))}
        </dl>
      )}

      <h2>{t('member.contact_heading')}</h2>
      <dl class="facts">
        <Fact term={t('member.name')} value={contact?.full_name} notGiven={notGiven} />
        <Fact term={t('member.email')} value={contact?.email} notGiven={notGiven} />
        <Fact term={t('member.phone')} value={contact?.phone} notGiven={notGiven} />
        <Fact term={t('member.address')} value={contact?.address} notGiven={notGiven} />
        <Fact term={t('member.postcode')} value={contact?.postcode} notGiven={notGiven} />
        <Fact term={t('member.city')} value={contact?.city} notGiven={notGiven} />
        <Fact
          term={t('member.language')}
          value={language === 'sv' || language === 'en' ? t(`member.language_${language}`) : language}
          notGiven={notGiven}
        />
      </dl>

      <h2>{t('member.needs_heading')}</h2>
      {needs.needs.length === 0 && !needs.details ? (
        <p>{t('member.no_needs')}</p>
      ) : (
        <>
          {needs.needs.length > 0 ? (
            <ul>
              {needs.needs.map((n) => (
                <li>{t(`need.${n}`)}</li>
              ))}
            </ul>
          ) : null}
          {needs.details ? (
            <dl class="facts">
              <dt>{t('member.needs_details')}</dt>
              <dd>{needs.details}</dd>
            </dl>
          ) : null}
        </>
      )}

      <h2>{t('member.consents_heading')}</h2>
      {consents.length === 0 ? (
        <p>{t('member.no_consents')}</p>
      ) : (
        <ul>
          {consents.map((consent) => (
            <li>
              <p>{t(`consent.${consent.kind}`)}</p>
              <p class="hint">
                {consent.withdrawn_at
                  ? t('member.consent_withdrawn', { date: localDate(c, consent.withdrawn_at) })
                  : t('member.consent_given', { date: localDate(c, consent.given_at) })}
              </p>
              {consent.withdrawn_at ? null : (
                <form method="post" action={`/member/consents/${consent.id}/withdraw`}>
                  <Csrf c={c} />
                  <button type="submit" class="button secondary">
                    {t('member.withdraw', { consent: t(`consent.${consent.kind}`) })}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>{t('member.correction')}</p>
      <OrganiserContact c={c} assembly={assembly} />
      <PrivacyNotice c={c} assembly={assembly} signedUp />

      <form method="post" action="/logout" class="actions">
        <Csrf c={c} />
        <SubmitButton label={t('member.logout')} secondary />
      </form>
    </>,
  );
}

async function withdrawSubmit(c: Ctx) {
  const db = c.var.config.database.db;
  const person = await findPersonById(db, c.var.auth?.personId ?? '');
  if (!person || person.erased_at) return invalidLink(c);
  try {
    await withdrawConsent(
      c.var.config.database,
      { kind: 'person', personId: person.id },
      person.assembly_id,
      person.id,
      c.req.param('consentId') ?? '',
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return errorPage(c, 404, c.var.t('errors.not_found'));
  }
  return c.redirect('/member?notice=withdrawn', 303);
}

export const memberRoutes: Route[] = [
  { method: 'GET', path: '/m/:token', access: publicAccess, handler: openLink },
  { method: 'GET', path: '/member', access: memberNeeds('own:view'), handler: memberPage },
  {
    method: 'POST',
    path: '/member/consents/:consentId/withdraw',
    access: memberNeeds('own:consents'),
    handler: withdrawSubmit,
  },
];
