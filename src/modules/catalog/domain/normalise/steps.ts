import type { Step } from '../../types.ts';
import { parsed, type Parsed } from './result.ts';
import { cleanText, isNoInformation } from './text.ts';

/** "Bước 2:", "- Bước 2.", "+ Bước 2 -", "a) Bước 2:" at the start of a line. */
const STEP_MARK = /^(?:[-+*•]\s*|[a-zđ]\)\s*)?Bước\s+(\d+)\s*[:.\-–)]?\s*/i;

/**
 * "Trình tự thực hiện" is free text with line breaks. When it numbers its steps ("Bước 1: …"), each
 * numbered line starts a step and the lines after it belong to it; otherwise every paragraph is a step.
 * Numbered markers in the middle of a line ("… hồ sơ. Bước 2: …") also start a step.
 */
export function parseSteps(text: string | null | undefined): Parsed<Step[]> {
  const src = cleanText(text);
  if (isNoInformation(src)) return parsed([], 'empty');
  const lines = src
    .replace(/([.;:])\s+(?=(?:[-+]\s*)?Bước\s+\d+\s*[:.])/g, '$1\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const numbered = lines.some((l) => STEP_MARK.test(l));
  const steps: Step[] = [];
  for (const line of lines) {
    const m = STEP_MARK.exec(line);
    if (m) steps.push({ number: Number(m[1]), text: line });
    else if (numbered && steps.length) steps[steps.length - 1]!.text += '\n' + line;
    else steps.push({ number: null, text: line });
  }
  return parsed(steps, steps.length ? 'ok' : 'failed');
}
