import { z } from 'zod';
import { FormDefinitionSchema } from './domain/types.ts';

/** Response schemas of the forms routes (OpenAPI; the web's generated types come from them). */

export const FormViewSchema = FormDefinitionSchema.extend({
  source: z.enum(['builtin', 'custom', 'generic']).describe('builtin: biểu mẫu viết sẵn; custom: do tỉnh ban hành; generic: suy ra từ danh mục'),
});

export const ApplicableDocumentSchema = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.enum(['submit', 'present']).describe('submit: nộp; present: xuất trình để đối chiếu'),
  required: z.boolean(),
  copies: z.number().int(),
  hint: z.string().optional(),
});
