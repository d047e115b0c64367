import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/** Password rule of SafeFlow: 8–200 characters. */
export const passwordSchema = z.string().min(8).max(200);

/** Hashes a password with argon2id (PHC string). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Verifies `password` against a stored argon2 hash; false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash, so that unknown usernames (and locked
 * accounts) take as long as a real check.
 */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hash(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
}
