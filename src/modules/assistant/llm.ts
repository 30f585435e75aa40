/**
 * Optional connector to a language model served by the province (an OpenAI-compatible
 * `/chat/completions` endpoint, `ASSISTANT_LLM_URL`). It may only rephrase an answer already composed from
 * facts; `checkRephrasing` refuses any text whose numbers, codes or links are not in those facts. Any
 * failure (timeout, error, refusal) leaves the composed answer unchanged. Nothing is sent when unset.
 */
import { checkRephrasing } from './domain/guard.ts';

export interface LlmSettings {
  url: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

export interface Rephraser {
  rephrase(question: string, answer: string, facts: string): Promise<{ text: string; used: boolean; refused: string[] }>;
}

const SYSTEM =
  'Bạn là trợ lý thủ tục hành chính. Viết lại câu trả lời dưới đây bằng tiếng Việt tự nhiên, ngắn gọn, thân thiện. ' +
  'CHỈ dùng thông tin có trong câu trả lời và dữ kiện; không thêm số tiền, thời hạn, giấy tờ, mã hay đường dẫn nào khác.';

export function createRephraser(s: LlmSettings, fetchImpl: typeof fetch = fetch): Rephraser {
  return {
    async rephrase(question, answer, facts) {
      try {
        const res = await fetchImpl(`${s.url.replace(/\/$/, '')}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {}) },
          body: JSON.stringify({
            model: s.model,
            temperature: 0,
            messages: [
              { role: 'system', content: SYSTEM },
              { role: 'user', content: `Câu hỏi: ${question}\n\nCâu trả lời: ${answer}\n\nDữ kiện: ${facts}` },
            ],
          }),
          signal: AbortSignal.timeout(s.timeoutMs),
        });
        if (!res.ok) return { text: answer, used: false, refused: [] };
        const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
        const text = body.choices?.[0]?.message?.content;
        if (typeof text !== 'string' || !text.trim()) return { text: answer, used: false, refused: [] };
        const g = checkRephrasing(text, `${answer}\n${facts}`);
        if (!g.ok) return { text: answer, used: false, refused: g.unsupported };
        return { text: text.trim().slice(0, 2000), used: true, refused: [] };
      } catch {
        return { text: answer, used: false, refused: [] };
      }
    },
  };
}
