/**
 * Minimal server-rendered pages (Vietnamese, accessible): one layout, an error summary at the top and the
 * message beside each field (GOV.UK Frontend pattern), no script at all — the strict CSP needs none.
 * A later issue replaces these pages with the React front end.
 */
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
  body{font-family:"Be Vietnam Pro","DejaVu Sans",Arial,sans-serif;margin:0;color:#0b0c0c;background:#fff;line-height:1.5}
  header{background:#a4161a;color:#fff;padding:.75rem 1.5rem}header a{color:#fff;text-decoration:none;font-weight:700}
  main{max-width:40rem;margin:1.5rem auto;padding:0 1rem}
  label{display:block;font-weight:700;margin-top:1rem}
  input[type=text],input[type=password]{display:block;width:100%;max-width:24rem;padding:.5rem;border:2px solid #0b0c0c;font-size:1rem;box-sizing:border-box}
  input:focus,button:focus,a:focus{outline:3px solid #fd0;outline-offset:0}
  .hint{color:#505a5f;font-size:.95rem}
  .error-message{color:#d4351c;font-weight:700;display:block}
  .field-error input{border-color:#d4351c}
  .error-summary{border:4px solid #d4351c;padding:1rem;margin-bottom:1rem}
  .error-summary h2{margin-top:0}
  button,.button{display:inline-block;margin-top:1.25rem;padding:.6rem 1.2rem;background:#00703c;color:#fff;border:0;font-size:1rem;cursor:pointer;text-decoration:none}
  .button.secondary{background:#1d70b8}
  table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #b1b4b6;padding:.4rem}
  .notice{background:#f3f2f1;padding:.75rem 1rem;border-left:5px solid #1d70b8}
  .demo-panel{margin-top:2rem;border:3px dashed #f47738;padding:0 1rem 1rem}
  caption{text-align:left;font-weight:700;padding:.75rem 0 .25rem}
`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – Liên Thông</title>
<style>${STYLE}</style>
</head>
<body>
<header><a href="/">Liên Thông</a> · Cổng dịch vụ công tỉnh</header>
<main id="noi-dung">
<h1>${esc(title)}</h1>
${body}
</main>
</body>
</html>`;
}

export interface FieldError {
  field: string;
  message: string;
}

export function errorSummary(errors: FieldError[]): string {
  if (!errors.length) return '';
  return `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">Có lỗi cần sửa</h2>
<ul>${errors.map((e) => `<li><a href="#${esc(e.field)}">${esc(e.message)}</a></li>`).join('')}</ul>
</div>`;
}

export function textInput(opts: { id: string; name: string; label: string; value?: string; type?: 'text' | 'password'; hint?: string; error?: string; autocomplete?: string; inputmode?: string }): string {
  const describedBy = [opts.hint ? `${opts.id}-hint` : '', opts.error ? `${opts.id}-error` : ''].filter(Boolean).join(' ');
  return `<div class="${opts.error ? 'field-error' : ''}">
<label for="${esc(opts.id)}">${esc(opts.label)}</label>
${opts.hint ? `<span class="hint" id="${esc(opts.id)}-hint">${esc(opts.hint)}</span>` : ''}
${opts.error ? `<span class="error-message" id="${esc(opts.id)}-error"><span class="visually-hidden">Lỗi: </span>${esc(opts.error)}</span>` : ''}
<input id="${esc(opts.id)}" name="${esc(opts.name)}" type="${opts.type ?? 'text'}" value="${esc(opts.value ?? '')}"${opts.autocomplete ? ` autocomplete="${esc(opts.autocomplete)}"` : ''}${opts.inputmode ? ` inputmode="${esc(opts.inputmode)}"` : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}${opts.error ? ' aria-invalid="true"' : ''}>
</div>`;
}

/** Parses an application/x-www-form-urlencoded body into plain strings (the last value of a repeated key wins). */
export function parseForm(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}
