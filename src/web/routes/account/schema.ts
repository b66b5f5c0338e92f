/** The forms of a staff member's own account: a new password, and turning two-step login on or off. */
import { z } from 'zod';
import { maxPasswordLength } from '../../../commands/accounts.ts';

export const passwordSchema = z
  .object({
    current: z.string().max(maxPasswordLength, 'too_long').default(''),
    password: z.string().max(maxPasswordLength, 'too_long').default(''),
    repeat: z.string().max(maxPasswordLength, 'too_long').default(''),
  })
  // Only once every field is within its limit: a field too long says so first.
  .refine((form) => form.password === form.repeat, {
    path: ['repeat'],
    message: 'passwords_differ',
    when: (payload) => payload.issues.length === 0,
  });

export const totpSetupSchema = z.object({
  secret: z.string().regex(/^[A-Z2-7]{16,64}$/),
  // Anything longer than a code is a wrong code.
  code: z.string().max(20).catch(''),
  current: z.string().max(maxPasswordLength).catch(''),
});

export const totpCodeSchema = z.object({ code: z.string().max(20).catch('') });
