// nodemailer ships no type declarations and @types/nodemailer is not installed (package.json is not ours
// to change here): the little of its API that lib/delivery/send.ts uses.
declare module 'nodemailer' {
  export interface SendMailOptions {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    messageId?: string;
    headers?: Record<string, string>;
  }
  export interface Transporter {
    sendMail(message: SendMailOptions): Promise<{ messageId: string; accepted: unknown[]; rejected: unknown[] }>;
    close(): void;
  }
  export function createTransport(url: string): Transporter;
  const nodemailer: { createTransport: typeof createTransport };
  export default nodemailer;
}
