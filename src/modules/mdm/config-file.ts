/**
 * Run configuration files, JSON or YAML (same schema: docs/mdm.md; ADR 0102). A source may be written in
 * the run file or kept in a mapping file of its own (`sources: [ho-tich-17.yaml, …]`). Every syntax error
 * and every validation problem is reported with the file, line and column it points at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { MappingError, parseRunConfig, type Mapping, type MappingProblem } from './domain/mapping.ts';

export interface Position {
  file: string;
  line: number;
  col: number;
}

export interface ParsedText {
  value: unknown;
  /** where the setting at `path` ("sources.0.fields.sex") is written; the nearest written parent when it is missing */
  locate(path: string): Position | null;
}

export class ConfigFileError extends Error {
  constructor(readonly problems: (MappingProblem & { at?: Position | null })[]) {
    super(`Cấu hình không hợp lệ:\n${problems.map(problemLine).join('\n')}`);
    this.name = 'ConfigFileError';
  }
}

export const isYamlFile = (file: string) => /\.ya?ml$/i.test(file);

function problemLine(p: MappingProblem & { at?: Position | null }): string {
  const where = p.at ? `${p.at.file}, dòng ${p.at.line}, cột ${p.at.col}` : '';
  return `  - ${[where, p.path].filter(Boolean).join(' — ') || '(gốc)'}: ${p.message}`;
}

function locator(doc: Document, lc: LineCounter, file: string): ParsedText['locate'] {
  return (p) => {
    let node: unknown = doc.contents;
    for (const part of p ? p.split('.') : []) {
      let next: unknown;
      if (isMap(node)) next = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === part)?.value ?? undefined;
      else if (isSeq(node) && /^\d+$/.test(part)) next = node.items[Number(part)];
      if (!next) break;
      node = next;
    }
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return null;
    const { line, col } = lc.linePos(range[0]);
    return { file, line, col };
  };
}

/** Parses JSON (a .json file or anything not .yaml/.yml) or YAML text; a syntax error is a ConfigFileError with its line. */
export function parseConfigText(text: string, file: string): ParsedText {
  const lc = new LineCounter();
  if (!isYamlFile(file)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      const at = m ? { file, ...linePos(text, Number(m[1])) } : null;
      throw new ConfigFileError([{ path: '', message: `không phải JSON hợp lệ (${(e as Error).message})`, at }]);
    }
    // JSON is YAML: the same parser tells where each setting is written
    const doc = parseDocument(text, { lineCounter: lc });
    return { value, locate: doc.errors.length ? () => null : locator(doc, lc, file) };
  }
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ConfigFileError(
      doc.errors.map((e) => {
        const { line, col } = lc.linePos(e.pos[0]);
        return { path: '', message: `YAML không hợp lệ: ${e.message.split('\n')[0]}`, at: { file, line, col } };
      }),
    );
  }
  return { value: doc.toJS({ maxAliasCount: 100 }), locate: locator(doc, lc, file) };
}

function linePos(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

export interface LoadedConfig {
  config: { sources: unknown[]; thresholds?: { autoMerge?: number; review?: number } };
  mappings: Mapping[];
  /** the folder relative connector paths are read from (the run file's) */
  baseDir: string;
}

/**
 * Reads a run configuration (JSON or YAML), with the mapping files it names, and validates it all. Throws
 * ConfigFileError with every problem located (file:line:column) — before any source is read.
 */
export function loadRunConfig(file: string): LoadedConfig {
  const read = (f: string, at: Position | null): string => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      throw new ConfigFileError([{ path: '', message: `không đọc được tệp ${f}`, at }]);
    }
  };
  const root = parseConfigText(read(file, null), file);
  const value = root.value as { sources?: unknown } | null;
  const baseDir = path.dirname(path.resolve(file));
  const locators = new Map<number, ParsedText>();
  if (value && typeof value === 'object' && Array.isArray(value.sources)) {
    value.sources = value.sources.map((s, i) => {
      if (typeof s !== 'string') return s;
      // a mapping kept in a file of its own
      const f = path.resolve(baseDir, s);
      const parsed = parseConfigText(read(f, root.locate(`sources.${i}`)), path.relative(process.cwd(), f) || f);
      locators.set(i, parsed);
      return parsed.value;
    });
  }
  try {
    const mappings = parseRunConfig(value);
    return { config: value as LoadedConfig['config'], mappings, baseDir };
  } catch (e) {
    if (!(e instanceof MappingError)) throw e;
    throw new ConfigFileError(
      e.problems.map((p) => {
        const m = /^sources\.(\d+)(?:\.(.*))?$/.exec(p.path);
        const own = m ? locators.get(Number(m[1])) : undefined;
        return { ...p, at: own ? own.locate(m![2] ?? '') : root.locate(p.path) };
      }),
    );
  }
}
