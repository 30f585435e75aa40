import type { Answers, FormDefinitionInput } from '../domain/types.ts';

/** A written form with a filled sample (used by the tests, the documentation's sample PDFs and the demo). */
export interface WrittenForm {
  form: FormDefinitionInput;
  sample: Answers;
}
