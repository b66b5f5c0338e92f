/** The assemblies a staff member works in, each with its current phase. */
import type { StaffAssembly } from '../../../../queries/assemblies.ts';
import type { Ctx } from '../../../env.ts';
import { assemblyTitle } from '../../../views/assembly-frame.tsx';
import { ButtonLink } from '../../../views/forms.tsx';
import { render } from '../../../views/layout.tsx';

export function assemblyListPage(
  c: Ctx,
  props: { assemblies: readonly StaffAssembly[]; notice: string | null },
) {
  const t = c.var.t;
  return render(
    c,
    { title: t('assembly.list_title'), notice: props.notice },
    <>
      <h1>{t('assembly.list_title')}</h1>
      <p class="actions">
        <ButtonLink href="/assemblies/new">{t('assembly.new')}</ButtonLink>
      </p>
      {props.assemblies.length === 0 ? (
        <p>{t('assembly.none')}</p>
      ) : (
        <ul class="cards" aria-label={t('assembly.list_title')}>
          {props.assemblies.map(({ assembly: a, entry }) => (
            <li class="card">
              <h2>
                <a href={entry}>{assemblyTitle(a, c.var.lang)}</a>
              </h2>
              <p>
                {t('assembly.current_phase')}: {t(`phase.${a.current_phase}`)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}
