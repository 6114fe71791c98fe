/** The file name of a `Content-Disposition: attachment; filename="…"` header (or filename*=UTF-8''…). */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* a malformed encoded name: try the plain one */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
  return (plain?.[1] ?? plain?.[2])?.trim() || fallback;
}

/**
 * Saves a fetched file under its server name: a blob URL on a temporary `<a download>`. The
 * fetch carries the session (bearer or cookie); a plain link could not carry a bearer token.
 */
export async function saveDownload(res: Response, fallback: string): Promise<string> {
  const name = filenameOf(res.headers.get('content-disposition'), fallback);
  saveBlob(await res.blob(), name);
  return name;
}

/** Offers a blob as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start reading the blob only after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
