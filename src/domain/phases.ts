/** The phases of an assembly, in order; the current one is shown on every assembly page. */
export const phases = [
  'recruitment',
  'learning',
  'deliberation',
  'recommendations',
  'handover',
  'follow_up',
] as const;
export type Phase = (typeof phases)[number];

export function isPhase(value: string): value is Phase {
  return (phases as readonly string[]).includes(value);
}
