/** The reader's explanation of a file it could not read. */
import type { TranslatedInputError } from '../../../../i18n/input-errors.ts';

export function InputErrorDetail(props: { detail?: TranslatedInputError }) {
  // The reader's messages name the file, line and column; those without a translation stay English.
  return props.detail ? (
    <pre class="field-error" lang={props.detail.translated ? undefined : 'en'} id="detail">
      {props.detail.text}
    </pre>
  ) : null;
}
