import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendRejection, installFakeDesktop } from '@/testing/fake-desktop';
import { ApiError } from './errors';
import { setToken } from './token';
import { call } from './transport';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('call in the desktop window', () => {
  it('calls window.go.app.<Struct>.<Method> with the arguments', async () => {
    const fake = installFakeDesktop({ Workspaces: { Rename: (from: string, to: string) => ({ name: to, from }) } });
    await expect(call('Workspaces', 'Rename', 'a', 'b')).resolves.toEqual({ name: 'b', from: 'a' });
    expect(fake.Workspaces.Rename).toHaveBeenCalledWith('a', 'b');
  });

  it('rejects with an ApiError carrying the backend error', async () => {
    installFakeDesktop({
      Workspaces: {
        Create: () => {
          throw new BackendRejection({ code: 'EINVALID', message: 'Bad name.', key: 'workspace_name_characters', params: { name: 'a/b' } });
        },
      },
    });
    const error = await call('Workspaces', 'Create', 'a/b').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'EINVALID', message: 'Bad name.', key: 'workspace_name_characters', params: { name: 'a/b' } });
  });

  it('accepts an error formatted as JSON text', async () => {
    installFakeDesktop({
      Settings: {
        Get: () => {
          throw new BackendRejection(JSON.stringify({ code: 'ENOTFOUND', message: 'Gone.' }));
        },
      },
    });
    await expect(call('Settings', 'Get')).rejects.toMatchObject({ code: 'ENOTFOUND', message: 'Gone.' });
  });

  it('rejects an unknown method with ENOTFOUND', async () => {
    installFakeDesktop({ Settings: {} });
    await expect(call('Settings', 'Missing')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('call over HTTP', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts the arguments as a JSON array with the bearer token and returns the result', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(jsonResponse(200, { name: 'shop' })));
    vi.stubGlobal('fetch', fetchMock);
    setToken('secret');
    await expect(call('Workspaces', 'Create', 'shop')).resolves.toEqual({ name: 'shop' });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/Workspaces/Create',
      expect.objectContaining({
        method: 'POST',
        body: '["shop"]',
        headers: expect.objectContaining({ Authorization: 'Bearer secret' }) as unknown,
      }),
    );
  });

  it('returns null for an empty result', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(jsonResponse(200, null))));
    await expect(call('Workspaces', 'Delete', 'old', 'old')).resolves.toBeNull();
  });

  it('rejects with the {code, message, key, params} body and the status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          jsonResponse(409, { code: 'ECONFLICT', message: 'Exists.', key: 'workspace_exists', params: { name: 'x' } }),
        ),
      ),
    );
    const error = await call('Workspaces', 'Create', 'x').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'ECONFLICT', message: 'Exists.', key: 'workspace_exists', params: { name: 'x' }, status: 409 });
  });

  it('derives the code from the status when the body is not the error object', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response('Bad gateway', { status: 503 }))));
    await expect(call('System', 'Info')).rejects.toMatchObject({ code: 'EUNAVAILABLE', message: 'Bad gateway', status: 503 });
  });

  it('reports a network failure as EUNAVAILABLE with a clear message', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const error = await call('System', 'Info').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'EUNAVAILABLE', message: expect.stringContaining('Cannot reach the Tend server') as unknown });
  });
});
