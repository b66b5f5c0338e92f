/**
 * The frame of every assembly page: its title, the current phase, and the tabs the viewer's role may
 * open, grouped by phase. The tabs are what the route modules declare (`Route.tab`); each is shown to
 * whoever holds its route's permission. Route modules render their content inside the frame.
 */
import type { Child } from 'hono/jsx';
import { phases } from '../../domain/phases.ts';
import { labelIn } from '../../domain/questions.ts';
import { can } from '../../domain/roles.ts';
import type { Assembly } from '../../repositories/assemblies.ts';
import type { Ctx } from '../env.ts';
import { type AssemblyTab, type TabKey, tabGroups } from '../routing.ts';
import { render } from './layout.tsx';

export function assemblyTitle(assembly: Assembly, language: string): string {
  return labelIn(assembly.title, language);
}

/** The tab list: one labelled list per group (assembly, then each phase) with a tab the viewer may open. */
function TabList(props: { c: Ctx; tabs: readonly AssemblyTab[]; active: TabKey; idPrefix: string }) {
  const { c, tabs, active, idPrefix } = props;
  const t = c.var.t;
  const base = `/a/${c.var.assembly.id}`;
  const current = c.var.assembly.current_phase;
  return (
    <ul class="tab-groups">
      {tabGroups.map((group) => {
        const own = tabs.filter((tb) => tb.phase === group);
        if (own.length === 0) return null;
        const id = `${idPrefix}-${group}`;
        return (
          <li class={group === current ? 'tab-group current' : 'tab-group'}>
            <span class="tab-group-name" id={id}>
              {t(group === 'assembly' ? 'assembly.tab_group_assembly' : `phase.${group}`)}
            </span>
            <ul class="phases" aria-labelledby={id}>
              {own.map((tb) => (
                <li aria-current={tb.key === active ? 'page' : undefined}>
                  <a href={`${base}${tb.path}`}>{t(`assembly.tab_${tb.key}`)}</a>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}

/** Renders a page of the current assembly; `tab` marks the active tab. */
export function renderAssemblyPage(
  c: Ctx,
  tab: TabKey,
  pageTitle: string,
  body: Child,
  options: { notice?: string | null; status?: 200 | 400 | 403 | 404 | 409 | 413 | 422 } = {},
) {
  const t = c.var.t;
  const assembly = c.var.assembly;
  const title = assemblyTitle(assembly, c.var.lang);
  const base = `/a/${assembly.id}`;
  const visible = c.var.tabs.filter((tb) => can(c.var.role, tb.permission));
  return render(
    c,
    { title: `${pageTitle} – ${title}`, notice: options.notice },
    <>
      <p class="assembly-name">
        {/* A host at the door may open the check-in pages only, not the overview. */}
        {can(c.var.role, 'assembly:view') ? <a href={base}>{title}</a> : title}
      </p>
      {/* Pills on a wide screen; on a phone a menu naming the current part, which opens without
          script. app.css shows one or the other, so only one is ever in the accessibility tree. */}
      <nav aria-label={t('assembly.tabs')} class="tabs-wide">
        <TabList c={c} tabs={visible} active={tab} idPrefix="tabs" />
      </nav>
      <details class="tabs-menu">
        <summary>{t('assembly.tabs_menu', { current: t(`assembly.tab_${tab}`) })}</summary>
        <nav aria-label={t('assembly.tabs')}>
          <TabList c={c} tabs={visible} active={tab} idPrefix="tabs-menu" />
        </nav>
      </details>
      <p>
        {t('assembly.current_phase')}: <strong>{t(`phase.${assembly.current_phase}`)}</strong>{' '}
        <span class="visually-hidden">
          ({phases.indexOf(assembly.current_phase as (typeof phases)[number]) + 1} / {phases.length})
        </span>
      </p>
      <h1>{pageTitle}</h1>
      {body}
    </>,
    options.status ?? 200,
  );
}
