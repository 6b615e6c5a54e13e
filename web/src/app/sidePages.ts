/**
 * The pages beside the map, in one chunk loaded the first time one of them opens: the map page,
 * which nearly everyone uses, does not carry their code.
 */
export { default as AccountPage } from '../features/account/AccountPage.svelte';
export { default as AuditPage } from '../features/audit/AuditPage.svelte';
export { default as UsersPage } from '../features/admin/UsersPage.svelte';
export { default as IndicatorsPage } from '../features/indicators/IndicatorsPage.svelte';
