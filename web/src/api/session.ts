import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client';

/** The signed-in session, as `GET /api/v1/auth/session` answers. */
export interface SessionView {
  user: {
    id: string;
    email: string;
    displayName: string;
    preferredLanguage: string;
    platformAdmin: boolean;
    totpEnabled: boolean;
  };
  organisation: { id: string; name: string; type: string; country: string } | null;
  role: string | null;
  memberships: Array<{ organisation: { id: string; name: string; country: string }; role: string }>;
  mfa: boolean;
  mfaEnrolmentRequired: boolean;
  csrfToken: string;
  /** What this session may do with each kind of record (the server enforces it; the interface offers it). */
  permissions: Record<
    string,
    {
      write: boolean;
      delete: boolean;
      identifying: boolean;
      import: boolean;
      export: boolean;
      exportIdentifying: boolean;
    }
  >;
}

export const sessionKey = ['session'];

/** The current session, or null when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async () => {
      try {
        const session = await api<SessionView>('GET', '/api/v1/auth/session');
        setCsrfToken(session.csrfToken);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export interface SignInInput {
  email: string;
  password: string;
  totp?: string;
}

/** Signs in; on success the session query holds the new session. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => api<SessionView>('POST', '/api/v1/auth/login', input),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/api/v1/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      forgetOtherQueries(queryClient);
      queryClient.setQueryData(sessionKey, null);
    },
  });
}

export function useSwitchOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orgId: string) => api<SessionView>('POST', '/api/v1/auth/switch-organisation', { orgId }),
    onSuccess: (session) => {
      forgetOtherQueries(queryClient);
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

/**
 * Drops every cached answer but the session's, so nothing read for one organisation (or one person)
 * is shown for another. The session query stays, with its observers, and is given its new value.
 */
function forgetOtherQueries(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}
