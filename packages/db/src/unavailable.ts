// node-postgres reports a lost or refused connection with a Node errno or one of these messages;
// the server says so with SQLSTATE class 08 (connection exception) or 57P (admin shutdown, starting up).
const NET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
const NET_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Client was closed|ECONNREFUSED/i;

/**
 * True when `error` (or anything in its cause chain) means "cannot reach the database right now":
 * the API answers it as retryable, a worker waits and retries instead of recording a failure.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 8; depth++) {
    const { code, message, errors } = e as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === "string" && (NET_CODES.has(code) || /^08|^57P/.test(code))) return true;
    if (typeof message === "string" && NET_MESSAGES.test(message)) return true;
    // An AggregateError (IPv4 and IPv6 both refused) carries its causes in `errors`.
    if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x))) return true;
    e = (e as { cause?: unknown; originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
