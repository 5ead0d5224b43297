import type { ClientOptions } from '../shared/api/client';

/**
 * Where accounts will plug in: the token getter returns the access token once
 * login exists, and a 401 will send the user to the login page.
 */
export const apiOptions: ClientOptions = {
  getToken: () => null,
  onUnauthorized: () => {
    window.dispatchEvent(new CustomEvent('weft:unauthorized'));
  },
};
