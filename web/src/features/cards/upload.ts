// Sends a card's photos with upload progress (fetch cannot report it), with the session's CSRF token.
import { currentCsrfToken, errorFromAnswer, NetworkError } from '../../api/client';
import type { CardScanAnswer } from './types';

export function uploadCard(files: { front: File; back?: File | null }, onProgress: (share: number) => void, signal?: AbortSignal): Promise<CardScanAnswer> {
  const form = new FormData();
  form.append('front', files.front);
  if (files.back) form.append('back', files.back);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/cards/scan');
    xhr.responseType = 'json';
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => (xhr.status === 201 ? resolve(xhr.response as CardScanAnswer) : reject(errorFromAnswer(xhr.status, xhr.response)));
    xhr.onerror = () => reject(new NetworkError());
    xhr.onabort = () => reject(new DOMException('cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
