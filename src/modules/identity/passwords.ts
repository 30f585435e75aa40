import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing with Argon2id (ADR 0022): 19 MiB of memory, 2 passes, 1 lane — the OWASP baseline,
 * about 25 ms per hash on the project's machines. Hashes are self-describing PHC strings, so the
 * parameters can be raised later and old hashes still verify.
 */
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum in the package's types)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | null = null;

/**
 * Verifies a password; for an unknown account (hash null) it verifies against a dummy hash anyway, so
 * that the answer takes as long whether the account exists or not.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('không-có-tài-khoản-này');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
