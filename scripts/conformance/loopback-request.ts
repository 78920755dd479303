import type { ClientRequest, IncomingMessage, RequestOptions } from 'http';

/** A judge's answer from a server on 127.0.0.1: the status and the body, parsed as JSON when it is JSON. */
export interface LoopbackAnswer {
  readonly status: number;
  readonly body: any;
}

/**
 * One request to a judge's own server (kube-apiserver over https, Vault over http), with the body sent whole and the
 * answer read whole; an empty answer is `{}`, a plain-text one stays text (`/readyz`). No answer in 30 s rejects.
 */
export function loopbackRequest(send: (options: RequestOptions, callback: (res: IncomingMessage) => void) => ClientRequest, options: RequestOptions, payload?: Buffer): Promise<LoopbackAnswer> {
  return new Promise((resolve, reject) => {
    const req = send({ ...options, host: '127.0.0.1' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : {};
        } catch {
          /* plain text stays text */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${options.method} ${options.path}: no answer in 30 s`)));
    if (payload) req.write(payload);
    req.end();
  });
}
