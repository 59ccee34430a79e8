// One-click unsubscribe, outside /api/v1 and without signing in: the token in the link is the proof. GET shows a
// page with a button (link checkers and previews fetch links, so GET changes nothing); POST unsubscribes, from that
// button or from a mail program's "Unsubscribe" (RFC 8058: a POST with List-Unsubscribe=One-Click).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteDeps } from '../build-app.js';
import { escapeHtml } from '../../core/digest-content.js';

const STYLE = "body{margin:0;padding:24px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#111827}main{max-width:480px;margin:0 auto}h1{font-size:1.4rem}button{font:inherit;padding:10px 18px;border:0;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer}";

function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`);
}

const notFound = (reply: FastifyReply) =>
  page(reply, 404, 'This unsubscribe link is not valid', '<p>The link may be cut short or mistyped. Nothing was changed. Copy the whole link from the e-mail, or change your digest in Kith under Settings.</p>');

export async function unsubscribeRoutes(root: FastifyInstance, { services }: RouteDeps) {
  await root.register(async (app) => {
    // Mail programs post a form (RFC 8058) and some post nothing at all: the body is not read, whatever it is.
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 4096 }, (_request, _body, done) => done(null, null));
    const config = { rateLimit: { max: 60, timeWindow: '1 minute' } };
    const schema = { hide: true };

    app.get<{ Params: { token: string } }>('/unsubscribe/:token', { config, schema }, async (request, reply) => {
      const token = request.params.token;
      if (!(await services.mail.digest.unsubscribeTarget(token))) return notFound(reply);
      return page(
        reply,
        200,
        'Stop the Kith digest?',
        `<p>You will get no more digests by e-mail. You can turn them on again in Kith under Settings.</p><form method="post" action="/unsubscribe/${escapeHtml(encodeURIComponent(token))}"><button type="submit">Unsubscribe</button></form>`,
      );
    });

    // An organization's mail (reminders, thank-you notes, speaker introductions): its own links, the same two steps.
    const orgNotFound = (reply: FastifyReply) =>
      page(reply, 404, 'This unsubscribe link is not valid', '<p>The link may be cut short or mistyped. Nothing was changed. Copy the whole link from the e-mail.</p>');
    app.get<{ Params: { token: string } }>('/unsubscribe/o/:token', { config, schema }, async (request, reply) => {
      const token = request.params.token;
      const target = await services.organizerMail.unsubscribeTarget(token);
      if (!target) return orgNotFound(reply);
      return page(
        reply,
        200,
        `No more e-mail from ${target.organizationName}?`,
        `<p>${escapeHtml(target.email)} will get no more reminders, thank-you notes or introductions from ${escapeHtml(target.organizationName)}. E-mails about a registration of your own (your seat, the waitlist) still come.</p><form method="post" action="/unsubscribe/o/${escapeHtml(encodeURIComponent(token))}"><button type="submit">Unsubscribe</button></form>`,
      );
    });
    app.post<{ Params: { token: string } }>('/unsubscribe/o/:token', { config, schema }, async (request, reply) => {
      const done = await services.organizerMail.unsubscribe(request.params.token);
      if (!done) return orgNotFound(reply);
      return page(reply, 200, 'You are unsubscribed', `<p>${escapeHtml(done.organizationName)} will send you no more of its e-mail, except about a registration of your own.</p>`);
    });

    app.post<{ Params: { token: string } }>('/unsubscribe/:token', { config, schema }, async (request, reply) => {
      if (!(await services.mail.digest.unsubscribe(request.params.token))) return notFound(reply);
      return page(reply, 200, 'You are unsubscribed', '<p>No more digests will be sent to you. To have them again, choose daily or weekly in Kith under Settings → Digest.</p>');
    });
  });
}
