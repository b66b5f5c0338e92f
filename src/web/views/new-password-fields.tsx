/**
 * The two fields for choosing a password (new, and again), the same wherever one is chosen: on the
 * account page and through an e-mailed set-password link.
 */
import { minPasswordLength } from '../../commands/accounts.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { type FieldErrors, TextField } from './forms.tsx';

export function NewPasswordFields(props: { t: Translate; errors: FieldErrors }) {
  const { t, errors } = props;
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={t('account.new_password')}
        hint={t('account.password_hint', { min: minPasswordLength })}
        autocomplete="new-password"
        error={errors.password}
        required
      />
      <TextField
        name="repeat"
        type="password"
        label={t('account.repeat_password')}
        autocomplete="new-password"
        error={errors.repeat}
        required
      />
    </>
  );
}
