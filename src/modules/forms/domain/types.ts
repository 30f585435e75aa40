import { z } from 'zod';

/**
 * A procedure's form as data: the fields a person answers (type, validation, conditions on other
 * answers, where a value may be prefilled from), grouped in sections that are also the web layout, and
 * the catalogue's documents with the answers under which each applies. Definitions are validated by
 * these schemas and by `checkDefinition` (./check.ts); every function that reads them is pure.
 */

export const FIELD_TYPES = ['text', 'textarea', 'date', 'year', 'select', 'radio', 'checkbox', 'idNumber', 'phone', 'email', 'number'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** What the platform may know about the signed-in person, used to prefill fields. */
export const PERSON_KEYS = ['fullName', 'idNumber', 'birthDate', 'sex', 'address', 'phone', 'email'] as const;
export type PersonKey = (typeof PERSON_KEYS)[number];
export type KnownPerson = Partial<Record<PersonKey, string>>;

/** How the dossier is handed in, as far as the form cares: online, at the counter, by post. */
export const FORM_CHANNELS = ['online', 'counter', 'post'] as const;
export type FormChannel = (typeof FORM_CHANNELS)[number];

/** An answer: text (dates as YYYY-MM-DD, numbers as decimal text) or a tick. */
export type FormValue = string | boolean;
export type Answers = Record<string, FormValue>;

/** A condition on the answers (and on the channel, for documents handed in only one way). */
export type Condition =
  | { field: string; equals: FormValue }
  | { field: string; in: string[] }
  | { field: string; filled: boolean }
  | { channel: FormChannel[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const fieldKey = z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/, 'khóa trường gồm chữ không dấu và số, ngăn bởi dấu chấm');

/** Registered under an id: the OpenAPI document names it once (components.schemas.FormCondition) and refers to it. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ field: fieldKey, equals: z.union([z.string().max(100), z.boolean()]) }).strict(),
    z.object({ field: fieldKey, in: z.array(z.string().max(100)).min(1).max(50) }).strict(),
    z.object({ field: fieldKey, filled: z.boolean() }).strict(),
    z.object({ channel: z.array(z.enum(FORM_CHANNELS)).min(1) }).strict(),
    z.object({ all: z.array(ConditionSchema).min(1).max(20) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1).max(20) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
  ]),
).meta({ id: 'FormCondition', description: 'Điều kiện trên câu trả lời (field/equals, field/in, field/filled), kênh nộp (channel), hoặc all/any/not' });

export const OptionSchema = z.object({ value: z.string().regex(/^[a-z0-9_]{1,40}$/), label: z.string().trim().min(1).max(200) });

export const FieldSchema = z
  .object({
    key: fieldKey.max(80),
    type: z.enum(FIELD_TYPES),
    label: z.string().trim().min(1).max(400),
    /** How the field is named in an error message when the label alone is ambiguous ("họ, chữ đệm, tên của người mẹ"). */
    errorLabel: z.string().trim().min(1).max(200).optional(),
    hint: z.string().trim().max(500).optional(),
    required: z.boolean().default(false),
    /** Shown (and validated, and kept) only when this holds. */
    when: ConditionSchema.optional(),
    options: z.array(OptionSchema).min(1).max(60).optional(),
    maxLength: z.number().int().positive().max(2000).optional(),
    /** Number fields. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** Text fields: a regular expression the trimmed value must match, with its message. */
    pattern: z.object({ regex: z.string().min(1).max(200), message: z.string().min(1).max(300) }).optional(),
    /** Date fields: not after today. */
    past: z.boolean().optional(),
    /** Date fields: not before / not after the date in another field (when that one is valid). */
    notBefore: fieldKey.optional(),
    notAfter: fieldKey.optional(),
    /** Date fields: the person is at least this old today (birth dates). */
    minAge: z.object({ years: z.number().int().min(1).max(120), message: z.string().min(1).max(300) }).optional(),
    /** The value a new form starts with (e.g. nationality "Việt Nam"); the person may change it. */
    default: z.union([z.string().max(200), z.boolean()]).optional(),
    /** Fill from what the platform knows about the signed-in person (when the condition holds). */
    prefill: z.object({ from: z.enum(PERSON_KEYS), when: ConditionSchema.optional() }).strict().optional(),
    /** Width of the input on the web, in characters (GOV.UK width classes); `full` by default. */
    width: z.enum(['2', '4', '10', '20', 'full']).optional(),
    /** Messages that replace the generated ones. */
    errors: z.object({ required: z.string().min(1).max(300).optional() }).strict().optional(),
  })
  .strict();
export type Field = z.output<typeof FieldSchema>;
export type FieldInput = z.input<typeof FieldSchema>;

export const SectionSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(1000).optional(),
    when: ConditionSchema.optional(),
    fields: z.array(FieldSchema).min(1).max(80),
  })
  .strict();
export type Section = z.output<typeof SectionSchema>;

/** Where a document rule points in the catalogue: a piece of the document's published text (and of its heading). */
export const DocumentSourceSchema = z.object({ text: z.string().min(6).max(300), section: z.string().min(1).max(200).optional() }).strict();

export const DocumentRuleSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/),
    /** The name a person reads (short, plain words). */
    name: z.string().trim().min(1).max(300),
    /** Handed in (nộp) or only shown (xuất trình) at the counter. */
    kind: z.enum(['submit', 'present']),
    /** Needed whenever it applies (false: handed in only if the person has it). */
    required: z.boolean().default(true),
    /** Applies only when this holds (absent: always). */
    when: ConditionSchema.optional(),
    copies: z.number().int().min(1).max(10).default(1),
    hint: z.string().trim().max(500).optional(),
    /** The catalogue document this is (checked against the shipped catalogue by the tests). */
    source: DocumentSourceSchema.optional(),
  })
  .strict();
export type DocumentRule = z.output<typeof DocumentRuleSchema>;

export const FormDefinitionSchema = z
  .object({
    procedureCode: z.string().regex(/^\d\.\d{6}$/),
    version: z.number().int().min(0),
    title: z.string().trim().min(1).max(300),
    /** A short lead shown above the form. */
    intro: z.string().trim().max(2000).optional(),
    sections: z.array(SectionSchema).max(20),
    documents: z.array(DocumentRuleSchema).max(60),
    /** The official paper the procedure produces (rendered from the answers), if the platform has its model. */
    result: z.object({ kind: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/), name: z.string().min(1).max(300) }).strict().nullable().default(null),
  })
  .strict();
export type FormDefinition = z.output<typeof FormDefinitionSchema>;
export type FormDefinitionInput = z.input<typeof FormDefinitionSchema>;

/** One Vietnamese message for one field (the web links the error summary to the field's id). */
export interface FieldError {
  field: string;
  message: string;
}

/** A document that applies to these answers, as the upload step, the counter and form 01 list it. */
export interface ApplicableDocument {
  key: string;
  name: string;
  kind: 'submit' | 'present';
  required: boolean;
  copies: number;
  hint?: string;
}
