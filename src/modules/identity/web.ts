import type { FastifyInstance, FastifyReply } from 'fastify';
import { Problem } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { sessionTokenOf } from './access-control.ts';
import { isRole, ROLE_LABELS } from './domain/roles.ts';
import { demoPanelHtml } from './demo/panel.ts';
import { errorSummary, esc, page, parseForm, textInput, type FieldError } from './html.ts';
import { clearSessionCookie, crossSiteSignIn, loginRateLimit, metaOf, setSessionCookie, signInOrigin, type IdentityHttpDeps } from './http.ts';

/** Messages for `/dang-nhap?loi=<code>` (errors coming back from the citizen sign-in). */
const CITIZEN_ERRORS: Record<string, string> = {
  'da-huy': 'Bạn đã huỷ đăng nhập bằng tài khoản công dân.',
  'het-han': 'Phiên đăng nhập bằng tài khoản công dân đã hết hạn hoặc không hợp lệ. Vui lòng thử lại.',
  'that-bai': 'Nhà cung cấp định danh không xác nhận được tài khoản công dân. Vui lòng thử lại.',
  'khong-ket-noi': 'Không kết nối được nhà cung cấp định danh công dân. Vui lòng thử lại sau ít phút.',
};

/** Registers the form-encoded body parser for HTML forms, inside an encapsulated plugin. */
export function useFormParser(inst: FastifyInstance): void {
  inst.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    done(null, parseForm(String(body)));
  });
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
}

function loginForm(opts: { errors?: FieldError[]; username?: string; notice?: string; signedInAs?: string; demo: boolean }): string {
  const err = (f: string) => opts.errors?.find((e) => e.field === f)?.message;
  return page(
    'Đăng nhập',
    `${errorSummary(opts.errors ?? [])}
${opts.notice ? `<p class="notice">${esc(opts.notice)}</p>` : ''}
${opts.signedInAs ? `<p class="notice">Bạn đang đăng nhập với tên <strong>${esc(opts.signedInAs)}</strong>. <a href="/tai-khoan">Xem tài khoản</a>.</p>` : ''}
<h2>Người dân, doanh nghiệp</h2>
<p><a class="button secondary" href="/api/v1/auth/citizen/login">Đăng nhập bằng VNeID / tài khoản công dân</a></p>
<h2>Cán bộ, công chức</h2>
<form method="post" action="/dang-nhap" novalidate>
${textInput({ id: 'username', name: 'username', label: 'Tên đăng nhập', value: opts.username, autocomplete: 'username', error: err('username') })}
${textInput({ id: 'password', name: 'password', label: 'Mật khẩu', type: 'password', autocomplete: 'current-password', error: err('password') })}
<button type="submit">Đăng nhập</button>
</form>
${opts.demo ? demoPanelHtml('both') : ''}`,
  );
}

/**
 * The minimal web pages of this issue: `/dang-nhap` (officials' form and the citizen sign-in link),
 * `/tai-khoan` (who is signed in) and `/dang-xuat` (sign out). Forms are plain HTML posts; the sign-out
 * form carries the session's CSRF token in a hidden field, which the handler checks itself.
 */
export async function identityWebRoutes(app: App, deps: IdentityHttpDeps): Promise<void> {
  const { identity, config } = deps;
  const demo = config.demoPasswordAllowed;
  await app.register(async (inst) => {
    useFormParser(inst);

    inst.get(
      '/dang-nhap',
      { config: { access: { public: 'Trang đăng nhập' } }, schema: { hide: true } },
      async (request, reply) => {
        const code = (request.query as Record<string, string | undefined>).loi;
        const notice = code ? (CITIZEN_ERRORS[code] ?? CITIZEN_ERRORS['that-bai']) : undefined;
        return html(reply, 200, loginForm({ notice, signedInAs: request.principal?.displayName, demo }));
      },
    );

    inst.post(
      '/dang-nhap',
      {
        config: { access: { public: 'Cán bộ gửi biểu mẫu đăng nhập' }, rateLimit: loginRateLimit(config) },
        schema: { hide: true },
      },
      async (request, reply) => {
        if (!signInOrigin(request, config).ok) {
          const refused = crossSiteSignIn(config);
          return html(reply, refused.status, page(refused.title, `<p>${esc(refused.detail)}</p><p><a class="button" href="/dang-nhap">Mở trang đăng nhập</a></p>`));
        }
        const form = (request.body ?? {}) as Record<string, string | undefined>;
        const username = (form.username ?? '').trim();
        const password = form.password ?? '';
        const errors: FieldError[] = [];
        if (!username) errors.push({ field: 'username', message: 'Nhập tên đăng nhập.' });
        else if (username.length > 64) errors.push({ field: 'username', message: 'Tên đăng nhập không dài quá 64 ký tự.' });
        if (!password) errors.push({ field: 'password', message: 'Nhập mật khẩu.' });
        else if (password.length > 256) errors.push({ field: 'password', message: 'Mật khẩu không dài quá 256 ký tự.' });
        if (errors.length) return html(reply, 400, loginForm({ errors, username, demo }));
        try {
          const s = await identity.login(username, password, metaOf(request));
          setSessionCookie(reply, config, s);
          return reply.redirect('/tai-khoan', 303);
        } catch (err) {
          if (!(err instanceof Problem)) throw err;
          if (typeof err.extensions.retryAfter === 'number') void reply.header('retry-after', String(err.extensions.retryAfter));
          return html(reply, err.status, loginForm({ errors: [{ field: 'username', message: err.detail ?? err.title }], username, demo }));
        }
      },
    );

    inst.get(
      '/tai-khoan',
      { config: { access: { public: 'Trang cho biết ai đang đăng nhập (người chưa đăng nhập thấy liên kết đăng nhập)' } }, schema: { hide: true } },
      async (request, reply) => {
        const p = request.principal;
        if (!p) {
          return html(reply, 200, page('Tài khoản', `<p>Bạn chưa đăng nhập.</p><p><a class="button" href="/dang-nhap">Đăng nhập</a></p>`));
        }
        const token = sessionTokenOf(request);
        const rows = p.grants
          .map(
            (g) =>
              `<tr><td>${esc(isRole(g.role) ? ROLE_LABELS[g.role] : g.role)}</td><td>${esc(g.unitCode === '*' ? 'Mọi đơn vị' : `${deps.units.name(g.unitCode) ?? ''} (${g.unitCode})`)}</td><td>${esc(g.fields === '*' ? 'Mọi lĩnh vực' : g.fields.join(', '))}</td></tr>`,
          )
          .join('');
        const who =
          p.kind === 'citizen'
            ? `<p>Công dân: <strong>${esc(p.displayName)}</strong>, số định danh cá nhân <strong>${esc(p.subject)}</strong>.</p>`
            : `<p>Cán bộ: <strong>${esc(p.displayName)}</strong> (tên đăng nhập <code>${esc(p.subject)}</code>), thuộc ${esc(deps.units.name(p.unitCode ?? '') ?? '')} (${esc(p.unitCode ?? '')}).</p>`;
        const logout = token
          ? `<form method="post" action="/dang-xuat"><input type="hidden" name="_csrf" value="${esc(identity.csrfTokenFor(token))}"><button type="submit">Đăng xuất</button></form>`
          : '';
        return html(
          reply,
          200,
          page(
            'Tài khoản',
            `${who}
<h2>Vai trò theo đơn vị và lĩnh vực</h2>
<table><thead><tr><th scope="col">Vai trò</th><th scope="col">Đơn vị</th><th scope="col">Lĩnh vực</th></tr></thead><tbody>${rows}</tbody></table>
<p>${p.kind === 'citizen' ? '<a class="button" href="/ho-so">Hồ sơ của tôi</a>' : '<a class="button" href="/can-bo">Vào trang cán bộ</a>'}</p>
${logout}`,
          ),
        );
      },
    );

    inst.post(
      '/dang-xuat',
      { config: { access: { public: 'Biểu mẫu đăng xuất; mã chống giả mạo trong biểu mẫu được kiểm tra trong xử lý' } }, schema: { hide: true } },
      async (request, reply) => {
        const token = sessionTokenOf(request);
        const form = (request.body ?? {}) as Record<string, string | undefined>;
        if (!token) return reply.redirect('/dang-nhap', 303);
        if (!identity.verifyCsrf(token, form._csrf)) {
          return html(reply, 403, page('Không thể đăng xuất', '<p>Biểu mẫu đăng xuất không hợp lệ hoặc đã cũ. <a href="/tai-khoan">Tải lại trang tài khoản</a> rồi thử lại.</p>'));
        }
        const p = await identity.sessionPrincipal(token);
        if (p) await identity.logout(p, metaOf(request));
        clearSessionCookie(reply, config);
        return reply.redirect('/dang-nhap', 303);
      },
    );
  });
}
