// The words of the after-event e-mails when the organizer writes none: the mail (src/app/registration-mail.ts) sends
// them, and the web app's wrap-up form shows them in its empty boxes. Import-free, so both take this one text.

export const defaultThankYou = (eventTitle: string): string =>
  `Thank you for coming to ${eventTitle}. We hope you met someone worth meeting; reply to this e-mail if we can introduce you to anyone.`;

export const defaultNoShow = (eventTitle: string): string => `We missed you at ${eventTitle}. No harm done: we hope to see you at the next one.`;
