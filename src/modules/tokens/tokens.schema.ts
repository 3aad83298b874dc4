import { z } from 'zod';

/** Body of `POST /api/v1/tokens`. */
export const createTokenBody = z
  .object({
    /** What the token is for, so it can be recognised later ("nightly export", "shelter intake form"). */
    name: z.string().trim().min(1).max(100).describe('What the token is for'),
    /** Days until it stops working; 1 to 366, default 90. */
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(366)
      .default(90)
      .describe('Days until it expires (default 90)'),
  })
  .strict();

/** A token as listed: never the secret. */
export const tokenView = z.object({
  id: z.uuid().describe('Token id'),
  name: z.string().describe('What the token is for'),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  userId: z.uuid().describe('Whose token it is'),
  createdAt: z.string().describe('When it was made (ISO 8601)'),
  expiresAt: z.string().nullable().describe('When it stops working'),
  lastUsedAt: z.string().nullable().describe('When it was last used'),
  revokedAt: z.string().nullable().describe('When it was revoked'),
});

/** The answer to creating a token: the only time the secret is shown. */
export const createdTokenView = tokenView.extend({
  token: z.string().describe('The token itself. Shown once: store it now.'),
});

export type CreateTokenInput = z.input<typeof createTokenBody>;
export type TokenView = z.infer<typeof tokenView>;
