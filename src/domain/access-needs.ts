/** Support a person may need to take part; asked at registration and shown to callers and facilitators. */
export const accessNeeds = [
  'interpretation',
  'sign_language',
  'mobility',
  'hearing_loop',
  'diet',
  'care_duties',
  'digital_support',
] as const;
export type AccessNeed = (typeof accessNeeds)[number];

export function isAccessNeed(value: string): value is AccessNeed {
  return (accessNeeds as readonly string[]).includes(value);
}
