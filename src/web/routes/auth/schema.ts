/** The login forms: the address and password, then the code of the second step. */
import { z } from 'zod';

export const loginSchema = z.object({
  email: z.string().trim().default(''),
  password: z.string().default(''),
  // A path within Lotta and the form kept through the login: bounded by the form limit.
  next: z.string().optional().catch(undefined),
  _resume: z.string().optional().catch(undefined),
});
export type LoginFields = z.output<typeof loginSchema>;

export const totpSchema = z.object({
  code: z.string().max(20).catch(''),
  // Bounded by the form limit, like the login form's.
  resume: z.string().catch(''),
  next: z.string().catch(''),
});
