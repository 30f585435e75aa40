/** The papers' formatting is the platform's one Vietnamese formatting (src/platform/vietnamese.ts). */
export * from '../../../platform/vietnamese.ts';
