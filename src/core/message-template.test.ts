import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { DEFAULT_TEMPLATES, fillTemplate, TEMPLATE_REASONS, validateTemplate, type MessageTemplate } from './message-template.js';

function issuesOf(work: () => void): { path: string; message: string }[] {
  try {
    work();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
}

const template = (body: string, subject = 'Hello', short = 'Hi {first_name}'): MessageTemplate => ({ subject, body, short });

describe('message templates', () => {
  it('every default template is valid for its reason', () => {
    for (const reason of TEMPLATE_REASONS) expect(issuesOf(() => validateTemplate(reason, DEFAULT_TEMPLATES[reason]))).toEqual([]);
  });

  it('fills placeholders, and drops an optional part whose placeholder has no value', () => {
    const t = template('Hi {first_name}, great to meet you[[ at {event}]].[[ {mention}]]', 'Met[[ at {event}]]');
    expect(fillTemplate(t, { first_name: 'Jane', event: 'the mixer' }).body).toBe('Hi Jane, great to meet you at the mixer.');
    expect(fillTemplate(t, { first_name: 'Jane', event: null, mention: 'Loved the chat.' })).toEqual({
      subject: 'Met',
      body: 'Hi Jane, great to meet you. Loved the chat.',
      short: 'Hi Jane',
    });
  });

  it('a placeholder without a value outside an optional part leaves no hole or stray space', () => {
    expect(fillTemplate(template('Thanks {first_name}, and {company} too!'), { first_name: 'Jane' }).body).toBe('Thanks Jane, and too!');
    expect(fillTemplate(template('Hello {first_name}.'), {}).body).toBe('Hello.');
  });

  it('values are inserted as they are: a brace or bracket in a name is not read as template syntax', () => {
    expect(fillTemplate(template('Hi {first_name}!'), { first_name: '{event} [[x]]' }).body).toBe('Hi {event} [[x]]!');
  });

  it('an unknown placeholder is refused with its part and position, and the ones allowed', () => {
    const issues = issuesOf(() => validateTemplate('cadence', template('Hi {frist_name}, about {event}')));
    expect(issues.map((i) => i.path)).toEqual(['body', 'body']);
    expect(issues[0]!.message).toContain('{frist_name} at character 4 is not a placeholder here');
    expect(issues[0]!.message).toContain('{first_name}');
    // {event} exists, but a keep-in-touch message has no event.
    expect(issues[1]!.message).toContain('{event} at character 24');
  });

  it('unbalanced or nested optional parts and a lone brace are refused with where they are', () => {
    expect(issuesOf(() => validateTemplate('cadence', template('Hi [[ {first_name}')))[0]!.message).toBe('"[[" at character 4 is never closed with "]]"');
    expect(issuesOf(() => validateTemplate('cadence', template('Hi ]] there')))[0]!.message).toBe('"]]" at character 4 closes nothing');
    expect(issuesOf(() => validateTemplate('cadence', template('[[a [[b]] c]]')))[0]!.message).toContain('inside another one');
    expect(issuesOf(() => validateTemplate('cadence', template('Cost { 5 }')))[0]!.message).toContain('"{" at character 6 starts no placeholder');
  });

  it('empty parts, parts over the size limit and multi-line subjects are refused', () => {
    const issues = issuesOf(() => validateTemplate('promise', { subject: 'a\nb', body: 'x'.repeat(4001), short: '  ' }));
    expect(issues).toEqual([
      { path: 'subject', message: 'must be one line' },
      { path: 'body', message: 'is 4001 characters long; at most 4000' },
      { path: 'short', message: 'must not be empty' },
    ]);
  });

  it('the error carries the template code', () => {
    expect(() => validateTemplate('share', template('{nope}'))).toThrow(expect.objectContaining({ code: 'KITH_TEMPLATE_INVALID' }));
  });
});
