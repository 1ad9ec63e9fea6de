import type { InboundDocumentKind, InboundDocumentRef } from './types';
import type { X12ClearinghouseOptions, X12InboundDocument, X12Transport } from './x12-clearinghouse';
import { X12Clearinghouse } from './x12-clearinghouse';

const X12_MEDIA_TYPE = 'application/edi-x12';

/**
 * The clearinghouse refused the request (HTTP 4xx other than 404/408/409/429): no retry can fix it.
 * Named like activities' non-retryable failure type so Temporal does not retry it.
 */
export class ClearinghouseRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** TA1/999 text the clearinghouse returned with the refusal. */
    readonly acknowledgement?: string,
  ) {
    super(message);
    this.name = 'InvalidBillingData';
  }
}

/** The clearinghouse could not be reached or failed (5xx, 404, 408, 409, 429): worth retrying. */
export class ClearinghouseUnavailableError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ClearinghouseUnavailable';
  }
}

/** X12 text over HTTP to the sandbox clearinghouse service (src/clearinghouse/sandbox/http-server.ts). */
export class HttpX12Transport implements X12Transport {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly options: { timeoutMs?: number; headers?: Record<string, string> } = {},
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        ...init,
        headers: { ...this.options.headers, ...(init.headers as Record<string, string>) },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new ClearinghouseUnavailableError(
        undefined,
        `clearinghouse unreachable: ${(error as Error).name}`,
      );
    }
    if (response.ok) return response;
    const text = await response.text();
    let body: { error?: { code?: string; message?: string }; ta1?: string; ack999?: string } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // not JSON: keep the status only
    }
    const message = `clearinghouse ${init.method ?? 'GET'} ${path.split('?')[0]} → ${response.status}: ${body.error?.message ?? response.statusText}`;
    if (response.status >= 400 && response.status < 500 && ![404, 408, 409, 429].includes(response.status))
      throw new ClearinghouseRequestError(
        response.status,
        body.error?.code ?? 'REJECTED',
        message,
        body.ta1 ?? body.ack999,
      );
    throw new ClearinghouseUnavailableError(response.status, message);
  }

  private post(path: string, x12: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.call(path, {
      method: 'POST',
      body: x12,
      headers: { 'content-type': X12_MEDIA_TYPE, ...headers },
    });
  }

  async send837(x12: string, idempotencyKey: string) {
    const response = await this.post('/x12/837', x12, { 'idempotency-key': idempotencyKey });
    const body = (await response.json()) as { submissionId: string; newlyAccepted: boolean; ack999?: string };
    return { submissionId: body.submissionId, newlyAccepted: body.newlyAccepted, ack999: body.ack999 };
  }

  async exchange270(x12: string): Promise<string> {
    return (await this.post('/x12/270', x12)).text();
  }

  async exchange276(x12: string): Promise<string> {
    return (await this.post('/x12/276', x12)).text();
  }

  async listInbound(
    cursor: string | null,
  ): Promise<{ documents: InboundDocumentRef[]; nextCursor: string | null }> {
    const query = cursor === null ? '' : `?after=${encodeURIComponent(cursor)}`;
    return (await (await this.call(`/inbound${query}`)).json()) as {
      documents: InboundDocumentRef[];
      nextCursor: string | null;
    };
  }

  async fetchInbound(id: string): Promise<X12InboundDocument> {
    const response = await this.call(`/inbound/${encodeURIComponent(id)}`);
    const raw = await response.text();
    const submissionId = response.headers.get('x-submission-id');
    return {
      id,
      kind: (response.headers.get('x-document-kind') ?? '') as InboundDocumentKind,
      receivedAt: response.headers.get('x-received-at') ?? '',
      raw,
      ...(submissionId ? { submissionId } : {}),
    };
  }

  async fetchSubmission(submissionId: string): Promise<string> {
    return (await this.call(`/submissions/${encodeURIComponent(submissionId)}/837`)).text();
  }
}

/**
 * A Clearinghouse over the network: X12 written and read with src/x12, carried by HTTP to a
 * clearinghouse service shaped like the sandbox's (`npx dermclaims sandbox`).
 */
export class X12HttpClearinghouse extends X12Clearinghouse {
  constructor(
    readonly baseUrl: string,
    options: Omit<X12ClearinghouseOptions, 'name'> & { name?: string; timeoutMs?: number },
  ) {
    super(new HttpX12Transport(baseUrl, { timeoutMs: options.timeoutMs }), {
      ...options,
      name: options.name ?? 'x12-http',
    });
  }
}
