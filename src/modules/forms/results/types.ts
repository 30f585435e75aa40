import type { Answers } from '../domain/types.ts';

/**
 * The paper a procedure produces, as plain data laid out like its official model: header, number,
 * title, lines of "label: value" cells (several on one line where the model puts them side by side),
 * paragraphs, and the signature block. The dossier module renders it to PDF (its papers) and signs it;
 * the same function serves the leader's preview, so the preview is exactly what will be signed.
 */

export interface ResultCell {
  label: string;
  value: string;
}

export type ResultBlock =
  | { kind: 'row'; cells: ResultCell[] }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; style?: 'regular' | 'italic' | 'bold'; align?: 'left' | 'center' | 'justify'; indent?: boolean }
  | { kind: 'gap'; points: number };

export interface ResultDocument {
  /** Which model (e.g. "birth-extract"). */
  kind: string;
  header: { parentName?: string; name: string; place: string };
  /** Printed as "Số: <number>/<symbol>" (an empty symbol prints "Số: <number>"). */
  symbol: string;
  title: string;
  subtitle?: string;
  blocks: ResultBlock[];
  /** The signature block: the capacity lines above the name ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"). */
  signerCaption: string;
  /** Whom the paper is issued to ("Nơi nhận"), when the model has the line. */
  recipients?: string[];
}

/** What a result builder knows besides the answers: the dossier's facts at the moment of signing. */
export interface ResultContext {
  dossierCode: string;
  /** The number the result gets (register entry). */
  number: string;
  /** The day it is signed, 'YYYY-MM-DD' (Vietnam). */
  issuedOn: string;
  /** The day the dossier was received, 'YYYY-MM-DD' (Vietnam), when it was. */
  receivedOn: string | null;
  /** The commune (or agency) that decides, and its province, as named today. */
  unit: { name: string; kind: 'commune' | 'province' | 'agency' };
  province: { name: string };
  signer: { name: string; position: string | null };
  applicant: { fullName: string; idNumber?: string | null; address?: string | null; phone?: string | null };
  procedureCode: string;
  procedureName: string;
}

export type ResultBuilder = (answers: Answers, ctx: ResultContext) => ResultDocument;
