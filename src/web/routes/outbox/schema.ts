/** The mail area's forms: choosing a password through a one-time link; the notices its pages show. */
import { z } from 'zod';
import { maxPasswordLength } from '../../../commands/accounts.ts';

/** The notices the outbox is sent back with after a change. */
export const outboxNotices = ['retried'] as const;

/** The command checks the password's strength; the form only that it is not huge and typed twice alike. */
export const setPasswordSchema = z
  .object({
    password: z.string().max(maxPasswordLength, 'too_long').default(''),
    repeat: z.string().max(maxPasswordLength, 'too_long').default(''),
  })
  // Compared only once both are acceptable: a password too long is one message, not two.
  .refine((v) => v.password === v.repeat, {
    path: ['repeat'],
    message: 'passwords_differ',
    when: (payload) => payload.issues.length === 0,
  });
