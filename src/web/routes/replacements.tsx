/**
 * Replacements: the seats left open by people who declined or dropped out, starting the replacement
 * run that keeps everyone still on the panel, and the record of who replaced whom with the effect on
 * every target.
 */
import { CommandError } from '../../commands/command.ts';
import { questionsOf } from '../../commands/register-volunteer.ts';
import { startReplacements } from '../../commands/replacements.ts';
import { labelIn } from '../../domain/questions.ts';
import type { TargetEffect } from '../../domain/replacement.ts';
import { seatsOf } from '../../domain/seats.ts';
import { listQuestions } from '../../repositories/assemblies.ts';
import { listReplacements, openSeats } from '../../repositories/replacements.ts';
import { seatedPeople } from '../../repositories/seats.ts';
import { staffActor } from '../actor.ts';
import type { Ctx } from '../env.ts';
import { needs, type Route } from '../routing.ts';
import { renderAssemblyPage } from '../views/assembly-frame.tsx';
import { Csrf, ErrorSummary, type FieldErrors, SubmitButton } from '../views/forms.tsx';
import { formatTime } from '../views/time.ts';

/** Pairs of one replacement round share its run and its effect on the targets. */
function rounds<T extends { run_id: string }>(rows: readonly T[]): T[][] {
  const byRun = new Map<string, T[]>();
  for (const row of rows) byRun.set(row.run_id, [...(byRun.get(row.run_id) ?? []), row]);
  return [...byRun.values()];
}

async function replacementsPage(c: Ctx, errors: FieldErrors = {}) {
  const t = c.var.t;
  const db = c.var.config.database.db;
  const assemblyId = c.var.assembly.id;
  const left = await openSeats(db, assemblyId);
  const seats = seatsOf(c.var.assembly.panel_size, (await seatedPeople(db, assemblyId)).length);
  const done = await listReplacements(db, assemblyId);
  const questions = await listQuestions(db, assemblyId);
  const optionLabel = (key: string, value: string) => {
    const question = questions.find((q) => q.key === key);
    const option = question?.options.find((o) => o.value === value);
    return option
      ? labelIn(option.label, c.var.lang)
      : value === 'prefer_not_to_say'
        ? t('replacements.prefer_not')
        : value;
  };
  // Answers in the order the question lists them; "prefer not to say" and unknown values last.
  const optionOrder = (key: string, value: string) => {
    const index = questions.find((q) => q.key === key)?.options.findIndex((o) => o.value === value) ?? -1;
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const when = (iso: string) => formatTime(c, iso);
  return renderAssemblyPage(
    c,
    'replacements',
    t('replacements.title'),
    <>
      <p>{t('replacements.lead')}</p>
      <ErrorSummary title={t('errors.summary')} errors={errors} labels={{}} />
      <h2>{t('replacements.open_title')}</h2>
      <p>{t('replacements.panel_seats', { count: seats.panelSize, filled: seats.filled })}</p>
      {left.length > 0 && (
        <>
          <p>{t('replacements.left_intro')}</p>
          <ul>
            {left.map((s) => (
              <li>
                <a href={`/a/${assemblyId}/people/${s.id}`}>{s.reference}</a> – {t(`status.${s.status}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {seats.open === 0 ? (
        <p>{t('replacements.none_open')}</p>
      ) : (
        <form method="post" action={`/a/${assemblyId}/replacements`} class="stack">
          <Csrf c={c} />
          <p>{t('replacements.how', { seats: seats.open, kept: seats.filled, size: seats.panelSize })}</p>
          <SubmitButton label={t('replacements.start', { count: seats.open })} />
        </form>
      )}
      <h2>{t('replacements.done_title')}</h2>
      {done.length === 0 ? (
        <p>{t('replacements.none_done')}</p>
      ) : (
        rounds(done).map((round) => {
          const effect = JSON.parse(round[0].effect) as TargetEffect;
          return (
            <section class="card">
              <h3>{t('replacements.round', { when: when(round[0].at), by: round[0].by_name ?? '–' })}</h3>
              <ul>
                {round.map((r) => (
                  <li>
                    {t('replacements.pair', {
                      replaced: r.replaced_reference,
                      replacement: r.replacement_reference,
                    })}
                  </li>
                ))}
              </ul>
              <div class="table-wrap">
                <table>
                  <caption>{t('replacements.effect_caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('replacements.question')}</th>
                      <th scope="col">{t('replacements.value')}</th>
                      <th scope="col" class="number">
                        {t('replacements.before')}
                      </th>
                      <th scope="col" class="number">
                        {t('replacements.after')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(effect).flatMap(([key, values]) =>
                      Object.entries(values)
                        .sort(([a], [b]) => optionOrder(key, a) - optionOrder(key, b))
                        .map(([value, counts]) => (
                          <tr>
                            <th scope="row">
                              {labelIn(
                                questions.find((q) => q.key === key)?.label ?? { sv: key },
                                c.var.lang,
                              )}
                            </th>
                            <td>{optionLabel(key, value)}</td>
                            <td class="number">{counts.before}</td>
                            <td class="number">{counts.after}</td>
                          </tr>
                        )),
                    )}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })
      )}
    </>,
    { status: Object.keys(errors).length > 0 ? 422 : 200 },
  );
}

async function startSubmit(c: Ctx) {
  try {
    const runId = await startReplacements(c.var.config.database, staffActor(c), c.var.assembly.id);
    return c.redirect(`/a/${c.var.assembly.id}/selection/${runId}`, 303);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return replacementsPage(c, { [error.field ?? '_form']: c.var.t(`errors.${error.code}`, error.params) });
  }
}

export const replacementRoutes: Route[] = [
  {
    method: 'GET',
    path: '/a/:assemblyId/replacements',
    tab: { key: 'replacements', phase: 'recruitment' },
    access: needs('selection:run'),
    handler: (c) => replacementsPage(c),
  },
  {
    method: 'POST',
    path: '/a/:assemblyId/replacements',
    access: needs('selection:run'),
    handler: startSubmit,
  },
];
