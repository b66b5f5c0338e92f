/**
 * The frame of every assembly page: its title, the current phase, and the tabs the viewer's role may
 * open. Route modules render their content inside it.
 */
import type { Child } from 'hono/jsx';
import type { AssemblyRow } from '../../db/schema.ts';
import { phases } from '../../domain/phases.ts';
import { labelIn } from '../../domain/questions.ts';
import { can, type Permission } from '../../domain/roles.ts';
import type { Ctx } from '../env.ts';
import { render } from './layout.tsx';

export function assemblyTitle(assembly: AssemblyRow, language: string): string {
  return labelIn(JSON.parse(assembly.title) as Record<string, string>, language);
}

const tabs: { key: string; path: string; permission: Permission }[] = [
  // In the order the work is done: set up, recruit, select, draw, confirm, replace, report.
  { key: 'overview', path: '', permission: 'assembly:view' },
  { key: 'questions', path: '/questions', permission: 'questions:edit' },
  { key: 'invitations', path: '/invitations', permission: 'invitations:manage' },
  { key: 'import', path: '/import', permission: 'people:import' },
  { key: 'people', path: '/people', permission: 'people:list' },
  { key: 'targets', path: '/targets', permission: 'targets:edit' },
  { key: 'selection', path: '/selection', permission: 'selection:run' },
  { key: 'draw', path: '/draw', permission: 'draw:manage' },
  { key: 'calls', path: '/calls', permission: 'calls:make' },
  { key: 'replacements', path: '/replacements', permission: 'selection:run' },
  { key: 'report', path: '/report', permission: 'report:view' },
  { key: 'outbox', path: '/outbox', permission: 'assembly:edit' },
  { key: 'team', path: '/team', permission: 'team:manage' },
  { key: 'audit', path: '/audit', permission: 'audit:view' },
];

/** Renders a page of the current assembly; `tab` marks the active tab. */
export function renderAssemblyPage(
  c: Ctx,
  tab: string,
  pageTitle: string,
  body: Child,
  options: { notice?: string | null; status?: 200 | 400 | 403 | 404 | 409 | 413 | 422 } = {},
) {
  const t = c.var.t;
  const assembly = c.var.assembly;
  const title = assemblyTitle(assembly, c.var.lang);
  const base = `/a/${assembly.id}`;
  const tabList = (
    <ul class="phases">
      {tabs
        .filter((tb) => can(c.var.role, tb.permission))
        .map((tb) => (
          <li aria-current={tb.key === tab ? 'page' : undefined}>
            <a href={`${base}${tb.path}`}>{t(`assembly.tab_${tb.key}`)}</a>
          </li>
        ))}
    </ul>
  );
  return render(
    c,
    { title: `${pageTitle} – ${title}`, notice: options.notice },
    <>
      <p class="assembly-name">
        <a href={base}>{title}</a>
      </p>
      {/* Pills on a wide screen; on a phone a menu naming the current part, which opens without
          script. app.css shows one or the other, so only one is ever in the accessibility tree. */}
      <nav aria-label={t('assembly.tabs')} class="tabs-wide">
        {tabList}
      </nav>
      <details class="tabs-menu">
        <summary>{t('assembly.tabs_menu', { current: t(`assembly.tab_${tab}`) })}</summary>
        <nav aria-label={t('assembly.tabs')}>{tabList}</nav>
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
