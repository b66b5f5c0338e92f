/**
 * Consents a person gives, each timestamped and withdrawable. Taking part and data processing are
 * required to register; the others are free choices.
 */
export const consentKinds = ['participation', 'data_processing', 'publish_name', 'future_contact'] as const;
export type ConsentKind = (typeof consentKinds)[number];
export const requiredConsents: readonly ConsentKind[] = ['participation', 'data_processing'];

export function isConsentKind(value: string): value is ConsentKind {
  return (consentKinds as readonly string[]).includes(value);
}
