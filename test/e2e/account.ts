/**
 * The account the browser tests sign in with: the first `admin`, whose password the e2e server is
 * given (ADMIN_PASSWORD) when it creates its database in `.tmp/e2e-data`. Test-only, local-only.
 */
export const E2E_USERNAME = 'admin';
export const E2E_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-2017-ninh-binh';
