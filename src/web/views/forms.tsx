/**
 * Form parts that meet WCAG 2.1 AA: every field has a label, its hint and error are tied to it with
 * aria-describedby, an error summary at the top links to each field, and values come back filled in.
 */
import type { Child } from 'hono/jsx';
import type { Ctx } from '../env.ts';

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[] | undefined>;

export function Csrf(props: { c: Ctx }) {
  return <input type="hidden" name="_csrf" value={props.c.var.csrf} />;
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function ErrorText(props: { name: string; error?: string }) {
  return props.error ? (
    <p class="field-error" id={`${props.name}-error`}>
      {props.error}
    </p>
  ) : null;
}

/** What every single-control field shares: its label, hint and error, tied to the control by id. */
interface FieldFrameProps {
  name: string;
  /**
   * The control's id, when not its name: a page with several forms of the same fields (one per
   * recommendation) gives each its own, since ids must be unique on a page.
   */
  id?: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

function FieldFrame(props: FieldFrameProps & { children?: Child }) {
  const id = props.id ?? props.name;
  return (
    <div class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <Hint name={id} hint={props.hint} />
      <ErrorText name={id} error={props.error} />
      {props.children}
    </div>
  );
}

function Hint(props: { name: string; hint?: string }) {
  return props.hint ? (
    <p class="hint" id={`${props.name}-hint`}>
      {props.hint}
    </p>
  ) : null;
}

/** The attributes that tie a control to its frame's hint and error; they come last on the element. */
function described(props: FieldFrameProps) {
  return {
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(props.id ?? props.name, props.hint, props.error),
  };
}

export function TextField(props: {
  name: string;
  id?: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'password' | 'number' | 'date' | 'datetime-local' | 'url' | 'search';
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'tel' | 'text';
  min?: number;
  max?: number;
  lang?: string;
}) {
  return (
    <FieldFrame {...props}>
      <input
        id={props.id ?? props.name}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        min={props.min}
        max={props.max}
        lang={props.lang}
        {...described(props)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: {
  name: string;
  id?: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  rows?: number;
  lang?: string;
}) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={props.id ?? props.name}
        name={props.name}
        rows={props.rows ?? 4}
        lang={props.lang}
        {...described(props)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(props: {
  name: string;
  id?: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
  hint?: string;
  /** Label of an empty first choice, when choosing nothing is allowed. */
  empty?: string;
}) {
  return (
    <FieldFrame {...props}>
      <select id={props.id ?? props.name} name={props.name} {...described(props)}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A group of radio buttons or checkboxes in a fieldset whose legend is the question. */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: { value: string; label: string }[];
  checked: string[];
  error?: string;
  hint?: string;
  /** Each checkbox posts its own field name (name_value) instead of sharing one. */
  separateNames?: boolean;
}) {
  return (
    <fieldset
      class={props.error ? 'field has-error' : 'field'}
      id={props.name}
      aria-describedby={describedBy(props.name, props.hint, props.error)}
    >
      <legend>{props.legend}</legend>
      <Hint name={props.name} hint={props.hint} />
      <ErrorText name={props.name} error={props.error} />
      {props.options.map((o) => {
        const id = `${props.name}-${o.value}`;
        return (
          <div class="choice">
            <input
              type={props.type}
              id={id}
              name={props.separateNames ? `${props.name}_${o.value}` : props.name}
              value={props.separateNames ? 'on' : o.value}
              checked={props.checked.includes(o.value)}
            />
            <label for={id}>{o.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * The list of problems at the top of a form, each linking to its field (WCAG 3.3.1) and, given
 * `labels`, naming it ("Age: Choose an answer"), since the field's own message does not say which
 * field it is. After a failed submit the summary takes the focus (without script: `autofocus` on the
 * summary itself, which `tabindex="-1"` makes focusable), so that a screen reader announces it and
 * keyboard users start from it.
 */
/**
 * `labels` names each field as its label does (a form whose only errors are `_form` passes `{}`);
 * it is required so that no summary says "Fill in this field." without saying which.
 */
export function ErrorSummary(props: {
  title: string;
  errors: FieldErrors;
  labels: Record<string, string>;
  /** Put before each field's id in the links, when the form's fields carry a prefix (see `id`). */
  idPrefix?: string;
}) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="error-summary" autofocus>
      <h2>{props.title}</h2>
      <ul>
        {entries.map(([field, message]) => {
          const label = props.labels?.[field];
          const text = label ? (
            <>
              <span class="summary-field">{label}</span>
              {': '}
              {message}
            </>
          ) : (
            message
          );
          return (
            <li>{field === '_form' ? text : <a href={`#${props.idPrefix ?? ''}${field}`}>{text}</a>}</li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * A button that posts to `action` with this browser's CSRF token and nothing else (retry, remove,
 * withdraw): a form of its own, so that it works without script. `look` as a secondary button (the
 * default) or as a link.
 */
export function PostButton(props: { c: Ctx; action: string; label: string; look?: 'secondary' | 'link' }) {
  return (
    <form method="post" action={props.action} class="inline">
      <Csrf c={props.c} />
      <button type="submit" class={props.look === 'link' ? 'link' : 'button secondary'}>
        {props.label}
      </button>
    </form>
  );
}

export function SubmitButton(props: { label: string; name?: string; value?: string; secondary?: boolean }) {
  return (
    <button
      type="submit"
      class={props.secondary ? 'button secondary' : 'button'}
      name={props.name}
      value={props.value}
    >
      {props.label}
    </button>
  );
}

/**
 * First in a form whose first visible submit button is not its main action (add a row, remove an
 * option, switch a mode): Enter in a field submits through the form's first submit button, so this
 * hidden copy of the main button comes first and Enter does what the main button does.
 */
export function EnterSubmits(props: { name?: string; value?: string }) {
  return <button type="submit" name={props.name} value={props.value} hidden />;
}

export function ButtonLink(props: { href: string; children?: Child; secondary?: boolean }) {
  return (
    <a class={props.secondary ? 'button secondary' : 'button'} href={props.href}>
      {props.children}
    </a>
  );
}

export function str(values: FormValues, name: string): string {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}
