import { z } from "zod";

// Field rules several vendors' settings share. Pure zod: the setup wizard's forms use them too.

export const required = (label: string) => z.string().trim().min(1, `Enter the ${label}`);
export const e164 = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, "Use the international format, e.g. +5511987650000");

export const privateKey = (label: string) =>
  z
    .string()
    .trim()
    .refine(
      (v) =>
        /^-----BEGIN (OPENSSH|RSA|EC|DSA|ENCRYPTED)? ?PRIVATE KEY-----[\s\S]+-----END (OPENSSH|RSA|EC|DSA|ENCRYPTED)? ?PRIVATE KEY-----$/.test(
          v,
        ),
      {
        message: `The ${label} must be a PEM or OpenSSH private key (-----BEGIN … PRIVATE KEY-----)`,
      },
    );
