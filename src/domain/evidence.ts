/**
 * The rules of an assembly's learning material: what an evidence item and an expert must say, and
 * what they may not. Pure, so that the commands and their tests share one reading of them.
 */
import { isCalendarDate } from './dates.ts';
import { isEmailAddress } from './email-address.ts';
import { evidenceFieldLimits, expertFieldLimits, hasControlCharacters } from './field-limits.ts';
import { type KeptUpload, uploadedFileType } from './uploaded-files.ts';

/** Texts of several lines, where line breaks belong to the text. */
const multiLine = new Set(['summary', 'easy_read', 'interests']);

export interface EvidenceInput {
  title: string;
  summary: string;
  source: string;
  /** A calendar date (YYYY-MM-DD), or '' when the item has none. */
  publishedOn: string;
  perspective: string;
  language: string;
  easyRead: string;
  /** An http(s) address, or ''. */
  link: string;
}

export interface ExpertInput {
  name: string;
  organisation: string;
  topic: string;
  interests: string;
  /** Ticked when the expert declared no interests: an answer, unlike an empty field. */
  noneDeclared: boolean;
  email: string;
}

/** One thing wrong with a form, next to its field: `code` is a message key under `errors.`. */
export interface Refusal {
  code: string;
  field: string;
  params: Record<string, string | number>;
}

/** Refusals of texts over their limit or holding control characters, named by their form field. */
function textRefusals(values: Record<string, string>, limits: Record<string, number>): Refusal[] {
  const out: Refusal[] = [];
  for (const [field, max] of Object.entries(limits)) {
    const value = values[field] ?? '';
    if (value.length > max) out.push({ code: 'too_long', field, params: { max } });
    else if (hasControlCharacters(value, multiLine.has(field)))
      out.push({ code: 'control_characters', field, params: {} });
  }
  return out;
}

/**
 * Only web addresses: a `javascript:` or `data:` link would run in the reader's browser, and a
 * `file:` link points nowhere for anyone else.
 */
export function isWebLink(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** What is wrong with an evidence item, in the form's order; empty when it may be stored. */
export function evidenceRefusals(item: EvidenceInput): Refusal[] {
  const out = textRefusals(
    {
      title: item.title,
      summary: item.summary,
      source: item.source,
      perspective: item.perspective,
      language: item.language,
      easy_read: item.easyRead,
      link: item.link,
    },
    evidenceFieldLimits,
  );
  if (!item.title.trim()) out.unshift({ code: 'required', field: 'title', params: {} });
  if (item.publishedOn && !isCalendarDate(item.publishedOn))
    out.push({ code: 'date_invalid', field: 'published_on', params: {} });
  if (item.link && !out.some((r) => r.field === 'link') && !isWebLink(item.link))
    out.push({ code: 'link_invalid', field: 'link', params: {} });
  return out;
}

/** What is wrong with an expert, in the form's order; empty when she may be stored. */
export function expertRefusals(expert: ExpertInput): Refusal[] {
  const out = textRefusals(
    {
      name: expert.name,
      organisation: expert.organisation,
      topic: expert.topic,
      interests: expert.interests,
      email: expert.email,
    },
    expertFieldLimits,
  );
  if (!expert.name.trim()) out.unshift({ code: 'required', field: 'name', params: {} });
  const declared = expert.interests.trim() !== '';
  if (!declared && !expert.noneDeclared)
    out.push({ code: 'interests_required', field: 'interests', params: {} });
  if (declared && expert.noneDeclared) out.push({ code: 'interests_both', field: 'interests', params: {} });
  if (expert.email && !out.some((r) => r.field === 'email') && !isEmailAddress(expert.email))
    out.push({ code: 'email_invalid', field: 'email', params: {} });
  return out;
}

/**
 * The largest file an evidence item may carry: reports run larger than the server's general upload
 * allowance (`maxUploadBytes`, 10 MB), so the evidence forms declare their own allowance
 * (`evidenceUploadBytes`) and this is the limit whatever the general one is.
 */
export const evidenceFileMaxBytes = 20_000_000;

/**
 * The body an evidence form may send: the largest file, and the item's texts and multipart framing
 * (well under 256 KB) beside it.
 */
export const evidenceUploadBytes = evidenceFileMaxBytes + 256 * 1024;

/** What is wrong with a file for an item, or null when it may be kept. */
export function evidenceFileRefusal(
  file: Pick<KeptUpload, 'size' | 'head'>,
  maxBytes = evidenceFileMaxBytes,
): Refusal | null {
  if (file.size > maxBytes)
    return {
      code: 'evidence_file_too_large',
      field: 'file',
      params: { mb: maxBytes / 1_000_000 },
    };
  if (!uploadedFileType(file.head)) return { code: 'evidence_file_type', field: 'file', params: {} };
  return null;
}
