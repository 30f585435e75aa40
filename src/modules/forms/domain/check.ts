import { comparedValues, fieldsOf } from './conditions.ts';
import type { Condition, FormDefinition } from './types.ts';

/**
 * Consistency checks a schema cannot express: unique keys, conditions that read fields the form has
 * (declared earlier, so a page never depends on something below it), compared values that are options of
 * the field, date references to date fields, options on choice fields. Returns the problems in Vietnamese
 * (empty when the definition is sound).
 */
export function checkDefinition(def: FormDefinition): string[] {
  const problems: string[] = [];
  const seen = new Map<string, { type: string; options?: string[]; index: number }>();
  const allKeys = new Set(def.sections.flatMap((s) => s.fields.map((f) => f.key)));
  let index = 0;
  const checkCondition = (c: Condition | undefined, where: string, before: number) => {
    if (!c) return;
    for (const k of fieldsOf(c)) {
      const f = seen.get(k);
      if (!allKeys.has(k)) problems.push(`${where}: điều kiện đọc trường "${k}" không có trong biểu mẫu.`);
      else if (!f || f.index >= before) problems.push(`${where}: điều kiện đọc trường "${k}" nằm sau nó.`);
    }
    for (const { field, value } of comparedValues(c)) {
      const f = seen.get(field);
      if (f?.options && typeof value === 'string' && !f.options.includes(value)) problems.push(`${where}: giá trị "${value}" không phải lựa chọn của trường "${field}".`);
      if (f && f.type === 'checkbox' && typeof value !== 'boolean') problems.push(`${where}: trường "${field}" là ô đánh dấu, chỉ so với true/false.`);
    }
  };
  const sectionKeys = new Set<string>();
  for (const s of def.sections) {
    if (sectionKeys.has(s.key)) problems.push(`Mục "${s.key}" bị trùng.`);
    sectionKeys.add(s.key);
    checkCondition(s.when, `Mục "${s.key}"`, index);
    for (const f of s.fields) {
      if (seen.has(f.key)) problems.push(`Trường "${f.key}" bị trùng.`);
      checkCondition(f.when, `Trường "${f.key}"`, index);
      checkCondition(f.prefill?.when, `Điền sẵn của "${f.key}"`, index);
      const choice = f.type === 'select' || f.type === 'radio';
      if (choice && !f.options?.length) problems.push(`Trường "${f.key}" cần danh sách lựa chọn.`);
      if (!choice && f.options) problems.push(`Trường "${f.key}" không phải trường lựa chọn mà có danh sách lựa chọn.`);
      if (f.options && new Set(f.options.map((o) => o.value)).size !== f.options.length) problems.push(`Trường "${f.key}" có lựa chọn trùng.`);
      if (f.type !== 'date' && (f.past || f.notBefore || f.notAfter || f.minAge)) problems.push(`Trường "${f.key}": ràng buộc ngày chỉ dùng cho trường ngày.`);
      if (f.pattern) {
        try {
          new RegExp(f.pattern.regex, 'u');
        } catch {
          problems.push(`Trường "${f.key}": biểu thức kiểm tra không hợp lệ.`);
        }
      }
      seen.set(f.key, { type: f.type, options: f.options?.map((o) => o.value), index: index++ });
    }
  }
  for (const s of def.sections)
    for (const f of s.fields)
      for (const ref of [f.notBefore, f.notAfter]) {
        if (ref && seen.get(ref)?.type !== 'date') problems.push(`Trường "${f.key}" so với "${ref}" không phải trường ngày.`);
      }
  const docKeys = new Set<string>();
  for (const d of def.documents) {
    if (docKeys.has(d.key)) problems.push(`Giấy tờ "${d.key}" bị trùng.`);
    docKeys.add(d.key);
    checkCondition(d.when, `Giấy tờ "${d.key}"`, Number.POSITIVE_INFINITY);
  }
  return problems;
}
