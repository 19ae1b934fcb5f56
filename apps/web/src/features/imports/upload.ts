import { ApiError } from '../../app/api.ts';

/** Uploads with XMLHttpRequest because fetch cannot report upload progress. */
export function uploadFile(
  url: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error during upload'));
    xhr.onload = () => {
      let body: { id?: string; code?: string; message?: string; details?: unknown; requestId?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.id) resolve({ id: body.id });
      else
        reject(
          new ApiError(
            xhr.status,
            body.code ?? `http.${xhr.status}`,
            body.message ?? xhr.statusText,
            body.details,
            body.requestId,
          ),
        );
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
