/**
 * The plan for the randomness, shared by the panel's and the reserve list's announcement, and the
 * confirmation step that shows the commitment before it is published.
 */
import {
  type DrawKind,
  diceRolls,
  drandLatestRound,
  type RandomnessPlan,
} from '../../../../domain/public-draw.ts';
import type { Ctx } from '../../../env.ts';
import {
  ChoiceGroup,
  Csrf,
  type FieldErrors,
  type FormValues,
  SelectField,
  SubmitButton,
  str,
  TextField,
} from '../../../views/forms.tsx';
import { formatNumber } from '../../../views/time.ts';
import { Hex, kindTitle, planText } from './parts.tsx';

/** What the error summary calls the fields of `PlanFields` (and the run chosen above them). */
export function planLabels(c: Ctx): Record<string, string> {
  const t = c.var.t;
  return {
    run: t('draw.run'),
    source: t('draw.source'),
    round: t('draw.round'),
    rolls: t('draw.rolls'),
    sides: t('draw.sides'),
  };
}

export function PlanFields(props: { c: Ctx; values: FormValues; errors: FieldErrors; nowMillis: number }) {
  const { c, values, errors, nowMillis } = props;
  const t = c.var.t;
  return (
    <>
      <ChoiceGroup
        name="source"
        legend={t('draw.source')}
        type="radio"
        options={[
          { value: 'drand', label: t('draw.source_drand') },
          { value: 'dice', label: t('draw.source_dice') },
        ]}
        checked={[str(values, 'source')]}
        error={errors.source}
      />
      <TextField
        name="round"
        label={t('draw.round')}
        hint={t('draw.round_hint', {
          current: drandLatestRound(nowMillis),
          suggested: drandLatestRound(nowMillis + 3600_000),
        })}
        inputmode="numeric"
        value={str(values, 'round')}
        error={errors.round}
      />
      <TextField
        name="rolls"
        label={t('draw.rolls')}
        hint={t('draw.rolls_hint', { min: diceRolls.min, max: diceRolls.max })}
        type="number"
        inputmode="numeric"
        min={diceRolls.min}
        max={diceRolls.max}
        value={str(values, 'rolls')}
        error={errors.rolls}
      />
      <SelectField
        name="sides"
        label={t('draw.sides')}
        options={[
          { value: '10', label: t('draw.sides_10') },
          { value: '6', label: t('draw.sides_6') },
        ]}
        value={str(values, 'sides')}
        error={errors.sides}
      />
    </>
  );
}

/** Hidden copies of the plan's fields, for the confirmation step. */
function HiddenFields(props: { values: FormValues; names: string[] }) {
  return (
    <>
      {props.names.map((name) => (
        <input type="hidden" name={name} value={str(props.values, name)} />
      ))}
    </>
  );
}

/** The announcement as it would be published, to confirm or change. */
export function PreviewPage(props: {
  c: Ctx;
  action: string;
  values: FormValues;
  names: string[];
  plan: RandomnessPlan;
  /** What the announcement would publish (see `PreparedDraw` of the draw commands). */
  prepared: { commitment: string; size: number; people: number };
  kind: DrawKind;
}) {
  const { c, prepared, plan } = props;
  const t = c.var.t;
  return (
    <>
      <p>{t('draw.preview_lead')}</p>
      <dl class="facts">
        <dt>{t('draw.kind')}</dt>
        <dd>{kindTitle(c, props.kind)}</dd>
        <dt>{props.kind === 'panel' ? t('draw.lottery') : t('draw.candidates')}</dt>
        <dd>
          {props.kind === 'panel'
            ? t('draw.lottery_size', {
                panels: formatNumber(c, prepared.size),
                people: formatNumber(c, prepared.people),
              })
            : t('draw.candidates_size', { count: prepared.size })}
        </dd>
        <dt>{t('draw.randomness')}</dt>
        <dd>{planText(c, plan)}</dd>
        <dt>{t('draw.commitment')}</dt>
        <dd>
          <Hex value={prepared.commitment} />
        </dd>
      </dl>
      <p class="warning">{t('draw.preview_final')}</p>
      <form method="post" action={props.action} class="actions">
        <Csrf c={c} />
        <HiddenFields values={props.values} names={props.names} />
        <SubmitButton label={t('draw.publish')} name="confirm" value="yes" />
        <SubmitButton label={t('draw.change')} name="confirm" value="edit" secondary />
      </form>
    </>
  );
}
