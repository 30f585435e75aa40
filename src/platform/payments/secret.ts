import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The secret that authenticates the bank's payment notifications. There is no built-in value: it comes
 * from PAYMENT_WEBHOOK_SECRET (several, comma-separated, during a rotation), or — for the demo — from
 * DATA_DIR/secrets/payments.json, generated once by the demo seed (random, mode 0600, never committed).
 * Without either the webhook is off and answers a clear 503 problem.
 */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

export function demoWebhookSecretFile(dataDir: string): string {
  return path.join(dataDir, 'secrets', 'payments.json');
}

export interface WebhookSecrets {
  secrets: string[];
  source: 'env' | 'demo' | 'none';
}

/** Parses PAYMENT_WEBHOOK_SECRET; throws a Vietnamese message naming the variable when a value is too short. */
export function parseWebhookSecretEnv(value: string | undefined): string[] {
  const list = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const short = list.find((s) => s.length < MIN_WEBHOOK_SECRET_LENGTH);
  if (short !== undefined) throw new Error(`PAYMENT_WEBHOOK_SECRET: mỗi khóa phải dài ít nhất ${MIN_WEBHOOK_SECRET_LENGTH} ký tự.`);
  return list;
}

/** The secrets in force: the environment's, else the demo's generated one, else none (webhook off). */
export function paymentWebhookSecrets(dataDir: string, env: Readonly<Record<string, string | undefined>>): WebhookSecrets {
  const fromEnv = parseWebhookSecretEnv(env.PAYMENT_WEBHOOK_SECRET);
  if (fromEnv.length) return { secrets: fromEnv, source: 'env' };
  const demo = readDemoWebhookSecret(dataDir);
  return demo ? { secrets: [demo], source: 'demo' } : { secrets: [], source: 'none' };
}

/** The demo's generated secret, or null when the demo has not generated one. */
export function readDemoWebhookSecret(dataDir: string): string | null {
  try {
    const s = (JSON.parse(fs.readFileSync(demoWebhookSecretFile(dataDir), 'utf8')) as { webhookSecret?: unknown }).webhookSecret;
    return typeof s === 'string' && s.length >= MIN_WEBHOOK_SECRET_LENGTH ? s : null;
  } catch {
    return null;
  }
}

/** Generates the demo's webhook secret once (kept if it exists; safe when two processes race). */
export function ensureDemoWebhookSecret(dataDir: string): string {
  const existing = readDemoWebhookSecret(dataDir);
  if (existing) return existing;
  const file = demoWebhookSecretFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, JSON.stringify({ webhookSecret: crypto.randomBytes(32).toString('base64url'), note: 'Khóa HMAC của webhook thanh toán (DEMO); sản xuất: đặt PAYMENT_WEBHOOK_SECRET.' }), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file); // keep a secret another process wrote first
  } catch {
    /* exists */
  }
  fs.rmSync(tmp, { force: true });
  return readDemoWebhookSecret(dataDir)!;
}
