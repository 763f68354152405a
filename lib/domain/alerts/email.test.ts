import { describe, expect, it } from 'vitest';
import { emailOf } from './email';

describe('an alert as an email', () => {
  it('puts the sentence in the subject and the facts in the text', () => {
    const payload = JSON.stringify({
      type: 'backup.failed',
      timestamp: '2026-12-02T10:00:00.000Z',
      data: {
        summary: 'Automatic backup of web-1 failed: The disk is gone.',
        team: { id: 't', name: 'Platform' },
        instance: { id: 'i', label: 'web-1' },
        job: { id: 'job-1', kind: 'backup.capture', name: 'Automatic backup' },
        error: 'The disk is gone.',
      },
    });
    expect(emailOf(payload)).toEqual({
      subject: '[Lifeboat] Automatic backup of web-1 failed: The disk is gone.',
      text: [
        'Automatic backup of web-1 failed: The disk is gone.',
        '',
        'Team: Platform',
        'Instance: web-1',
        'Job: Automatic backup (job-1)',
        'Reason: The disk is gone.',
        'Event: backup.failed',
        'When: 2026-12-02T10:00:00.000Z',
        '',
        "Sent by Lifeboat. The team's Alerts page sets which alerts go where.",
        '',
      ].join('\n'),
    });
  });

  it('keeps the subject on one line and short, whatever the error says', () => {
    const payload = JSON.stringify({
      type: 'backup.failed',
      data: { summary: `Failed:\r\nBcc: evil@example.com ${'x'.repeat(300)}` },
    });
    const { subject } = emailOf(payload);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.startsWith('[Lifeboat] Failed: Bcc: evil@example.com')).toBe(true);
    expect(subject).toHaveLength(200);
  });
});
