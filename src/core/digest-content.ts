// The words of the e-mail digest: today's suggestions, each with its reason, the commonality to mention, the drafted
// message and a link to the person; as plain text and as simple HTML (inline styles, one column, readable on a
// phone). Everything the person typed is escaped in the HTML.
import type { CalendarDate } from './calendar-date.js';

export interface DigestItem {
  personId: string;
  fullName: string;
  reasonText: string;
  commonality: { kind: string; text: string } | null;
  draft: { subject: string; body: string; short: string };
}

export interface DigestContentInput {
  today: CalendarDate;
  items: DigestItem[];
  /** The person's page in the web app: `<public URL>/people/<id>`. */
  personUrl: (personId: string) => string;
  /** The one-click unsubscribe page. */
  unsubscribeUrl: string;
  /** The digest settings in the web app. */
  settingsUrl: string;
}

export interface DigestContent {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });

function formatDay(date: CalendarDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return DAY_FORMAT.format(new Date(Date.UTC(y, m - 1, d)));
}

export function digestSubject(today: CalendarDate, count: number): string {
  return `Kith: ${count === 1 ? '1 person' : `${count} people`} to contact today (${formatDay(today)})`;
}

function textOf(input: DigestContentInput): string {
  const lines = [`Today, ${formatDay(input.today)}: who to contact, why, and words to start from.`, ''];
  input.items.forEach((item, i) => {
    lines.push(`${i + 1}. ${item.fullName}`, `   ${item.reasonText}`);
    if (item.commonality) lines.push(`   Mention: ${item.commonality.text} (${item.commonality.kind})`);
    lines.push(`   Open: ${input.personUrl(item.personId)}`, '', `   Subject: ${item.draft.subject}`);
    for (const line of item.draft.body.split('\n')) lines.push(`   ${line}`.trimEnd());
    lines.push('', `   As a text: ${item.draft.short}`, '');
  });
  lines.push('--', `Change how often this comes: ${input.settingsUrl}`, `Stop these e-mails (one click): ${input.unsubscribeUrl}`, '');
  return lines.join('\n');
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

function htmlOf(input: DigestContentInput): string {
  const cards = input.items
    .map((item) => {
      const url = escapeHtml(input.personUrl(item.personId));
      const mention = item.commonality
        ? `<p style="margin:8px 0 0;color:#374151">Mention: <strong>${escapeHtml(item.commonality.text)}</strong> <span style="color:#6b7280">(${escapeHtml(item.commonality.kind)})</span></p>`
        : '';
      const body = escapeHtml(item.draft.body).replace(/\n/g, '<br>');
      return [
        '<div style="border:1px solid #e5e7eb;border-radius:8px;padding:16px;margin:0 0 16px">',
        `<h2 style="margin:0;font-size:18px"><a href="${url}" style="color:#1d4ed8;text-decoration:none">${escapeHtml(item.fullName)}</a></h2>`,
        `<p style="margin:8px 0 0;color:#111827">${escapeHtml(item.reasonText)}</p>`,
        mention,
        `<div style="margin:12px 0 0;padding:12px;background:#f9fafb;border-radius:6px;color:#111827"><p style="margin:0 0 8px;font-weight:600">${escapeHtml(item.draft.subject)}</p><p style="margin:0">${body}</p></div>`,
        `<p style="margin:8px 0 0;color:#6b7280;font-size:14px">As a text: ${escapeHtml(item.draft.short)}</p>`,
        `<p style="margin:12px 0 0"><a href="${url}" style="color:#1d4ed8">Open ${escapeHtml(item.fullName)} in Kith</a></p>`,
        '</div>',
      ].join('');
    })
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head>',
    `<body style="margin:0;padding:16px;background:#ffffff;${FONT};font-size:16px;line-height:1.5">`,
    '<div style="max-width:600px;margin:0 auto">',
    `<p style="margin:0 0 16px;color:#374151">Today, ${escapeHtml(formatDay(input.today))}: who to contact, why, and words to start from.</p>`,
    cards,
    `<p style="margin:24px 0 0;color:#6b7280;font-size:13px"><a href="${escapeHtml(input.settingsUrl)}" style="color:#6b7280">Change how often this comes</a> · <a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#6b7280">Unsubscribe (one click)</a></p>`,
    '</div></body></html>',
  ].join('\n');
}

export function renderDigest(input: DigestContentInput): DigestContent {
  return { subject: digestSubject(input.today, input.items.length), text: textOf(input), html: htmlOf(input) };
}
