/**
 * The demographic questions an assembly asks. Their keys are the feature names quotas use; every
 * question can be answered "prefer not to say", which selection treats as a value of its own.
 */
export const preferNotToSay = 'prefer_not_to_say';

export interface Question {
  key: string;
  label: Record<string, string>;
  options: { value: string; label: Record<string, string> }[];
}

/**
 * True for a name every JavaScript object already has (`constructor`, `toString`, `__proto__`…).
 * Keys and option values name entries in counting tables and quota definitions; such a name would
 * read the built-in instead of a count, so it cannot be a key or a value.
 */
export function isReservedName(name: string): boolean {
  return name in Object.prototype;
}

function fold(text: string): string {
  return text.trim().toLocaleLowerCase('sv');
}

/**
 * The option a typed or imported answer means: its value or its label in any language, ignoring
 * case and surrounding spaces. Empty answers and "prefer not to say" in either language map to
 * preferNotToSay. Null when nothing matches.
 */
export function matchOption(question: Question, raw: string): string | null {
  const typed = fold(raw);
  if (
    typed === '' ||
    typed === preferNotToSay ||
    typed === 'prefer not to say' ||
    typed === 'vill inte svara'
  ) {
    return preferNotToSay;
  }
  for (const option of question.options) {
    if (fold(option.value) === typed) return option.value;
    if (Object.values(option.label).some((l) => fold(l) === typed)) return option.value;
  }
  return null;
}

export function labelIn(labels: Record<string, string>, language: string): string {
  return labels[language] || labels.sv || labels.en || Object.values(labels)[0] || '';
}
