/** A run's page: its status while it runs; afterwards its summary, facts and results, or why it failed. */
import type { SelectionRunDetails } from '../../../../queries/selection.ts';
import type { Ctx } from '../../../env.ts';
import { renderAssemblyPage } from '../../../views/assembly-frame.tsx';
import { selectionBase } from './common.ts';
import { Facts, Failure, Fold, Infeasible, Summary } from './outcome.tsx';
import type { RunView } from './run-view.ts';
import { StatusRegion } from './status.tsx';
import { ExcludedPeople, Probabilities, Representativeness } from './tables.tsx';

export interface RunPageProps {
  details: SelectionRunDetails;
  /** The page of the probability table; `pageAsked` opens it. */
  page: number;
  pageAsked: boolean;
  notice: string | null;
}

/** The results of a run that ended with a panel: each part folded under its heading. */
function Results(props: { view: RunView; page: number; pageAsked: boolean }) {
  const { view } = props;
  const t = view.c.var.t;
  return (
    <>
      <Fold id="representativeness" title={t('selection.representativeness')}>
        <Representativeness {...view} />
      </Fold>
      <Fold id="excluded" title={t('selection.excluded')}>
        <ExcludedPeople {...view} />
      </Fold>
      <Fold id="probabilities" title={t('selection.probabilities')} open={props.pageAsked}>
        <Probabilities {...view} page={props.page} />
      </Fold>
    </>
  );
}

export function selectionRunPage(c: Ctx, props: RunPageProps) {
  const t = c.var.t;
  const { run, file, questions, references, draw } = props.details;
  const settings = run.settings;
  const view: RunView | null = file
    ? {
        c,
        run,
        settings,
        file,
        questions,
        references,
        peopleById: new Map(file.input.people.map((p) => [p.id, p])),
      }
    : null;
  const done = view !== null && run.status === 'done';
  const infeasible = view !== null && run.status === 'infeasible';
  return renderAssemblyPage(
    c,
    'selection',
    t(run.kind === 'replacement' ? 'selection.run_title_replacement' : 'selection.run_title'),
    <>
      <p>
        <a href={selectionBase(c)}>{t('selection.back')}</a>
      </p>
      <StatusRegion c={c} run={run} />
      {done ? <Summary {...view} draw={draw} /> : null}
      {done ? (
        <Fold id="facts" title={t('selection.facts_title')}>
          <Facts c={c} run={run} settings={settings} file={file} />
        </Fold>
      ) : (
        <Facts c={c} run={run} settings={settings} file={file} />
      )}
      {run.status === 'failed' ? <Failure c={c} run={run} /> : null}
      {run.status === 'cancelled' ? <p>{t('selection.cancelled_text')}</p> : null}
      {infeasible ? <Infeasible {...view} /> : null}
      {done ? <Results view={view} page={props.page} pageAsked={props.pageAsked} /> : null}
      {infeasible ? (
        <p>
          <a href={`${selectionBase(c)}/${run.id}/result.json`} download>
            {t('selection.download')}
          </a>
        </p>
      ) : null}
    </>,
    { notice: props.notice },
  );
}
