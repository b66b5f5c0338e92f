/**
 * The public assembly page's rules, without I/O: the sections it may show (each can be left out),
 * the open licences an organiser chooses from, the advisory board as typed (one member a line), and
 * when an item counts as published (never before its section was first published).
 */

/** The sections of the public page, in the order the page shows them. */
export const publicSections = [
  'about',
  'selection',
  'representativeness',
  'programme',
  'evidence',
  'requests',
  'submissions',
  'recommendations',
  'answers',
] as const;
export type PublicSection = (typeof publicSections)[number];

export function isPublicSection(value: string): value is PublicSection {
  return (publicSections as readonly string[]).includes(value);
}

/** The open licences the data may be published under, with their canonical addresses. */
export const licences = {
  'cc-by-4.0': { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  'cc0-1.0': { name: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'cc-by-sa-4.0': { name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
} as const;
export type Licence = keyof typeof licences;
export const licenceKeys = Object.keys(licences) as Licence[];

export function isLicence(value: string): value is Licence {
  return Object.hasOwn(licences, value);
}

export const publicPageLimits = {
  advisoryBoard: 5000,
  selectionMethod: 3000,
  boardMembers: 50,
  fundingAmount: 1_000_000_000_000,
} as const;

export interface AdvisoryBoardMember {
  name: string;
  affiliation: string;
}

/** "Name, affiliation" a line; the first comma splits, blank lines are dropped. */
export function advisoryBoardOf(text: string): AdvisoryBoardMember[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const comma = line.indexOf(',');
      return comma < 0
        ? { name: line, affiliation: '' }
        : { name: line.slice(0, comma).trim(), affiliation: line.slice(comma + 1).trim() };
    });
}

/**
 * When an item appeared on the public page: when its section was first published, or when the item
 * itself came to be (a vote closed, a request answered) if that was later. Null while the section
 * has never been published.
 */
export function publishedDate(sectionFirstPublished: string | null, itemAt: string | null): string | null {
  if (!sectionFirstPublished) return null;
  if (!itemAt) return sectionFirstPublished;
  return itemAt > sectionFirstPublished ? itemAt : sectionFirstPublished;
}

/** The version of the open data format (`/public/<slug>.json`); raised only when a field changes meaning. */
export const publicFormatVersion = 1;
